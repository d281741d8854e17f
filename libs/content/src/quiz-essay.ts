import { renderInline } from './markdown-renderer.js';
import type { QuestionDraft } from './quiz-lines.js';
import type { KeyEntry, PublicQuestion, RubricCriterion } from './quiz-model.js';

/** `= [essay points=10 file]`: the answer line that makes a question an essay. */
const ESSAY = /^\[essay(?:\s+([^\]]*))?\]$/;
/** Most points an essay (and so a question row) may be worth. */
export const MAX_ESSAY_POINTS = 1000;

export function isEssayLine(text: string): boolean {
  return ESSAY.test(text.trim());
}

type Base = { id: string; number: number; promptHtml: string; points: number; tags: string[] };
type Fail = (line: number, message: string) => void;

/**
 * An essay: its points (written, or the rubric's total), whether a file may be attached, and its
 * rubric, which stays in the key with the feedback: it is the grader's guide.
 */
export function buildEssay(
  draft: QuestionDraft,
  base: Base,
  feedbackHtml: string | null,
  fail: Fail,
): { question: PublicQuestion; key: KeyEntry } {
  const [line, ...others] = draft.answers;
  if (others.length > 0)
    fail(others[0].line, `essay question ${base.number} takes one "= [essay …]" line and no answers`);
  const settings = readSettings(ESSAY.exec(line.text.trim())?.[1] ?? '', (message) => fail(line.line, message));
  const rubric: RubricCriterion[] = draft.criteria.map((c, i) => ({
    id: `c${i + 1}`,
    html: renderInline(c.text),
    points: c.points,
  }));
  draft.criteria.filter((c) => c.text === '').forEach((c) => fail(c.line, 'a criterion with no text'));
  draft.criteria
    .filter((c) => c.points === 0)
    .forEach((c) => fail(c.line, 'a criterion must be worth at least 1 point'));
  const total = rubric.reduce((sum, c) => sum + c.points, 0);
  let points = settings.points ?? total;
  if (settings.points !== null && rubric.length > 0 && settings.points !== total) {
    fail(line.line, `the rubric of question ${base.number} adds up to ${total} points, not points=${settings.points}`);
  }
  if (settings.points === null && rubric.length === 0) {
    fail(line.line, `essay question ${base.number} needs its points: write e.g. "= [essay points=10]" or a rubric`);
    points = 1;
  }
  if (points > MAX_ESSAY_POINTS) {
    fail(line.line, `essay question ${base.number} is worth more than ${MAX_ESSAY_POINTS} points`);
    points = MAX_ESSAY_POINTS;
  }
  return {
    question: { ...base, points: Math.max(1, points), type: 'essay', file: settings.file },
    key: { type: 'essay', rubric, feedbackHtml },
  };
}

function readSettings(text: string, fail: (message: string) => void): { points: number | null; file: boolean } {
  const settings = { points: null as number | null, file: false };
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const points = /^points=(\d{1,4})$/.exec(token);
    if (points && Number(points[1]) >= 1) settings.points = Number(points[1]);
    else if (token === 'file') settings.file = true;
    else
      fail(
        `unknown essay setting "${token}": write points=N (a whole number of at least 1) and, to allow a file, file`,
      );
  }
  return settings;
}

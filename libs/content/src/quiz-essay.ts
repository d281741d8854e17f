import { renderInline } from './markdown-renderer.js';
import type { ProblemCode, ProblemParams } from './problem-messages.js';
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
type Fail = (line: number, code: ProblemCode, params?: ProblemParams) => void;

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
  const number = base.number;
  if (others.length > 0) fail(others[0].line, 'essay.extraLines', { number });
  const settings = readSettings(ESSAY.exec(line.text.trim())?.[1] ?? '', (token) =>
    fail(line.line, 'essay.setting', { token }),
  );
  const rubric: RubricCriterion[] = draft.criteria.map((c, i) => ({
    id: `c${i + 1}`,
    html: renderInline(c.text),
    points: c.points,
  }));
  draft.criteria.filter((c) => c.text === '').forEach((c) => fail(c.line, 'essay.emptyCriterion'));
  draft.criteria.filter((c) => c.points === 0).forEach((c) => fail(c.line, 'essay.zeroCriterion'));
  const total = rubric.reduce((sum, c) => sum + c.points, 0);
  let points = settings.points ?? total;
  if (settings.points !== null && rubric.length > 0 && settings.points !== total) {
    fail(line.line, 'essay.rubricTotal', { number, total, points: settings.points });
  }
  if (settings.points === null && rubric.length === 0) {
    fail(line.line, 'essay.noPoints', { number });
    points = 1;
  }
  if (points > MAX_ESSAY_POINTS) {
    fail(line.line, 'essay.tooManyPoints', { number, max: MAX_ESSAY_POINTS });
    points = MAX_ESSAY_POINTS;
  }
  return {
    question: { ...base, points: Math.max(1, points), type: 'essay', file: settings.file },
    key: { type: 'essay', rubric, feedbackHtml },
  };
}

function readSettings(text: string, unknown: (token: string) => void): { points: number | null; file: boolean } {
  const settings = { points: null as number | null, file: false };
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const points = /^points=(\d{1,4})$/.exec(token);
    if (points && Number(points[1]) >= 1) settings.points = Number(points[1]);
    else if (token === 'file') settings.file = true;
    else unknown(token);
  }
  return settings;
}

import { contentHash } from './content-hash.js';
import { hasTolerance, parseNumericAnswer } from './answer-text.js';
import { isAmbiguousKey } from './number-reading.js';
import { renderBlock, renderInline } from './markdown-renderer.js';
import { problem, type Problem } from './problem.js';
import type { ProblemCode, ProblemParams } from './problem-messages.js';
import type { QuestionDraft } from './quiz-lines.js';
import { buildEssay, isEssayLine } from './quiz-essay.js';
import type { Choice, KeyEntry, PublicQuestion } from './quiz-model.js';

export interface BuiltQuestion {
  question: PublicQuestion;
  key: KeyEntry;
  line: number;
}

/** `{#id}`, `{.tag}` or `{#id .tag .other}` at the end of a prompt: a lasting id and author tags. */
const ATTRIBUTES = /\s*\{((?:\s*[#.][A-Za-z0-9][A-Za-z0-9_-]*)+)\s*\}\s*$/;

function attributesOf(promptText: string): { id?: string; tags: string[] } {
  const written = ATTRIBUTES.exec(promptText)?.[1].trim().split(/\s+/) ?? [];
  const id = written.find((part) => part.startsWith('#'))?.slice(1);
  const tags = written.filter((part) => part.startsWith('.')).map((part) => part.slice(1).toLowerCase());
  return { id, tags: [...new Set(tags)] };
}

/** Types one drafted question, splitting what a trainee sees from its answer key. */
export function buildQuestion(path: string, draft: QuestionDraft, number: number, problems: Problem[]): BuiltQuestion {
  const fail: Fail = (line, code, params = {}) => problems.push(problem(path, line, 1, 'error', code, params));
  const promptText = draft.prompt.join('\n');
  const attributes = attributesOf(promptText);
  const id = attributes.id ?? draft.writtenNumber;
  const prompt = promptText.replace(ATTRIBUTES, '').trim();
  if (prompt === '') fail(draft.line, 'question.noPrompt', { number });
  const base = { id, number, promptHtml: renderInline(prompt), points: 1, tags: attributes.tags };
  const feedbackText = draft.feedback.join('\n').trim();
  const feedbackHtml = feedbackText ? renderBlock(feedbackText) : null;
  const kinds = [draft.options, draft.answers, draft.pairs].filter((list) => list.length > 0).length;
  if (kinds === 0) fail(draft.line, 'question.noAnswers', { number });
  if (kinds > 1) fail(draft.line, 'question.mixed', { number });
  const at = (built: Omit<BuiltQuestion, 'line'>): BuiltQuestion => ({ ...built, line: draft.line });

  const essay = draft.answers.some((a) => isEssayLine(a.text));
  if (!essay && draft.criteria.length > 0) {
    fail(draft.criteria[0].line, 'question.criteriaNotEssay', { number });
  }
  if (essay && kinds === 1) return at(buildEssay(draft, base, feedbackHtml, fail));
  if (draft.pairs.length > 0) return at(buildMatching(draft, base, feedbackHtml, fail));
  if (draft.answers.length > 0) return at(buildAnswered(draft, base, feedbackHtml, fail));
  return at(buildChoice(draft, base, feedbackHtml, fail));
}

type Base = { id: string; number: number; promptHtml: string; points: number; tags: string[] };
type Fail = (line: number, code: ProblemCode, params?: ProblemParams) => void;

function buildChoice(draft: QuestionDraft, base: Base, feedbackHtml: string | null, fail: Fail) {
  const options: Choice[] = draft.options.map((o, i) => ({ id: `o${i + 1}`, html: renderInline(o.text) }));
  const correct = options.filter((_, i) => draft.options[i].correct).map((o) => o.id);
  draft.options.filter((o) => o.text === '').forEach((o) => fail(o.line, 'question.emptyOption'));
  if (draft.options.length === 1) fail(draft.line, 'question.oneOption', { number: base.number });
  if (draft.options.length > 0 && correct.length === 0) {
    fail(draft.line, 'question.noCorrect', { number: base.number });
  }
  const type = correct.length > 1 ? 'multiple' : 'single';
  return { question: { ...base, type, options }, key: { type, correct, feedbackHtml } } as const;
}

function buildAnswered(draft: QuestionDraft, base: Base, feedbackHtml: string | null, fail: Fail) {
  const written = draft.answers.filter((a) => a.text !== '');
  if (written.length === 0) fail(draft.line, 'question.noAnswer', { number: base.number });
  else draft.answers.filter((a) => a.text === '').forEach((a) => fail(a.line, 'question.emptyAnswer'));
  // `= "007"`: an answer in double quotes is text, however much it looks like a number.
  const quoted = written.map((a) => /^".+"$/.test(a.text));
  const numeric = written.map((a, i) => (quoted[i] ? null : parseNumericAnswer(a.text)));
  written.forEach((a, i) => {
    if (hasTolerance(a.text) && numeric[i] === null && !quoted[i]) {
      fail(a.line, 'question.badNumber', { text: a.text });
    }
  });
  if (written.length > 0 && numeric.every((n) => n !== null)) {
    written
      .filter((a) => isAmbiguousKey(a.text))
      .forEach((a) => fail(a.line, 'question.ambiguousNumber', wholeAndDecimal(a.text)));
    return {
      question: { ...base, type: 'numeric' },
      key: { type: 'numeric', accepted: numeric, feedbackHtml },
    } as const;
  }
  const accepted = written.map((a, i) => (quoted[i] ? a.text.slice(1, -1) : a.text));
  return { question: { ...base, type: 'short' }, key: { type: 'short', accepted, feedbackHtml } } as const;
}

/** `1,522` → `1522` and `1.522`, the two things it could mean. */
function wholeAndDecimal(text: string): ProblemParams {
  const trimmed = text.trim();
  return { text, whole: trimmed.replace(',', ''), decimal: trimmed.replace(',', '.') };
}

function buildMatching(draft: QuestionDraft, base: Base, feedbackHtml: string | null, fail: Fail) {
  if (draft.pairs.length < 2) fail(draft.line, 'question.fewPairs', { number: base.number });
  draft.pairs.filter((p) => p.left === '' || p.right === '').forEach((p) => fail(p.line, 'question.emptyPair'));
  const seen = new Set<string>();
  for (const pair of draft.pairs) {
    if (seen.has(pair.left)) fail(pair.line, 'question.repeatedLeft', { text: pair.left });
    seen.add(pair.left);
  }
  const rights = shuffledStably(base.id, [...new Set(draft.pairs.map((p) => p.right))]);
  const choices: Choice[] = rights.map((right, i) => ({ id: `r${i + 1}`, html: renderInline(right) }));
  const items: Choice[] = draft.pairs.map((p, i) => ({ id: `l${i + 1}`, html: renderInline(p.left) }));
  const pairs = Object.fromEntries(draft.pairs.map((p, i) => [items[i].id, choices[rights.indexOf(p.right)].id]));
  return {
    question: { ...base, type: 'matching', items, choices },
    key: { type: 'matching', pairs, feedbackHtml },
  } as const;
}

/**
 * Right-hand sides in an order derived from a hash: the same on every render, yet unrelated to
 * the order the author wrote the pairs in (often the answer order).
 */
function shuffledStably(questionId: string, texts: string[]): string[] {
  const rank = new Map(texts.map((text) => [text, contentHash(`${questionId}\n${text}`)]));
  return [...texts].sort((a, b) => (rank.get(a)! < rank.get(b)! ? -1 : 1));
}

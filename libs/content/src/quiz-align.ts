import type { ParsedQuiz } from './quiz-parser.js';
import type { Choice, PublicQuestion, QuizModel } from './quiz-model.js';

/**
 * A translation's quiz as a trainee reading in its language is shown it: the base quiz's questions,
 * ids, points and settings, in the translation's words. Answers are graded against the base's ids,
 * so each translated choice carries the id of the base choice it translates: options and matching
 * items by position (their ids are positional), the right-hand sides of a matching question
 * through its pairs (their ids follow a hash of their text, which a translation changes).
 * `alignedTo` names the base text it was made against (its content hash): a page uses it only for
 * an attempt at that same revision. Null when the two quizzes differ in shape (the checker reports
 * that), and the base quiz is shown instead.
 */
export function alignQuiz(base: ParsedQuiz, translation: ParsedQuiz, baseHash: string): QuizModel | null {
  const theirs = translation.quiz.questions;
  if (theirs.length !== base.quiz.questions.length) return null;
  const questions: PublicQuestion[] = [];
  for (const [i, question] of base.quiz.questions.entries()) {
    const aligned = alignQuestion(question, theirs[i], base, translation);
    if (!aligned) return null;
    questions.push(aligned);
  }
  return { settings: base.quiz.settings, questions, alignedTo: baseHash };
}

/**
 * The translation's feedback on each question, by the id of the base question it aligns with: what
 * a trainee reading in its language is shown after submitting. Kept apart from the quiz, which is
 * public before submission and must not carry feedback. Only for a quiz `alignQuiz` aligned.
 */
export function alignedFeedback(base: ParsedQuiz, translation: ParsedQuiz): Record<string, string> {
  const theirs = translation.quiz.questions;
  const feedback: Record<string, string> = {};
  for (const [i, question] of base.quiz.questions.entries()) {
    const html = theirs[i] && translation.key[theirs[i].id]?.feedbackHtml;
    if (html) feedback[question.id] = html;
  }
  return feedback;
}

function alignQuestion(
  ours: PublicQuestion,
  theirs: PublicQuestion,
  base: ParsedQuiz,
  translation: ParsedQuiz,
): PublicQuestion | null {
  if (ours.type !== theirs.type) return null;
  const words = { promptHtml: theirs.promptHtml };
  if ((ours.type === 'single' || ours.type === 'multiple') && 'options' in theirs) {
    const options = byPosition(ours.options, theirs.options);
    return options && { ...ours, ...words, options };
  }
  if (ours.type === 'matching' && theirs.type === 'matching') {
    const items = byPosition(ours.items, theirs.items);
    const choices = items && byPairs(ours, theirs, base, translation);
    return items && choices && { ...ours, ...words, items, choices };
  }
  return { ...ours, ...words };
}

function byPosition(ours: Choice[], theirs: Choice[]): Choice[] | null {
  if (ours.length !== theirs.length) return null;
  return ours.map((choice, i) => ({ id: choice.id, html: theirs[i].html }));
}

/** Each base right-hand side in the words the translation pairs with the same item; null if that is not one to one. */
function byPairs(
  ours: Extract<PublicQuestion, { type: 'matching' }>,
  theirs: Extract<PublicQuestion, { type: 'matching' }>,
  base: ParsedQuiz,
  translation: ParsedQuiz,
): Choice[] | null {
  const ourKey = base.key[ours.id];
  const theirKey = translation.key[theirs.id];
  if (ourKey?.type !== 'matching' || theirKey?.type !== 'matching') return null;
  const wordsOf = new Map<string, string>();
  for (const [i, item] of ours.items.entries()) {
    const ourChoice = ourKey.pairs[item.id];
    const theirChoice = theirs.choices.find((c) => c.id === theirKey.pairs[theirs.items[i].id]);
    if (!theirChoice) return null;
    const known = wordsOf.get(ourChoice);
    if (known !== undefined && known !== theirChoice.html) return null;
    wordsOf.set(ourChoice, theirChoice.html);
  }
  if (new Set(wordsOf.values()).size !== wordsOf.size || wordsOf.size !== ours.choices.length) return null;
  return ours.choices.map((choice) => ({ id: choice.id, html: wordsOf.get(choice.id)! }));
}

import type { AnswerKey, KeyEntry, PublicQuestion, QuizModel } from '../quiz-model.js';
import { escapeGift } from './gift-escapes.js';
import { htmlToText } from './gift-html.js';

/**
 * Writes a Karvan quiz as GIFT that Moodle imports: question ids become `::titles::`, text becomes
 * plain text, feedback becomes general feedback. Quiz settings have no place in GIFT.
 */
export function exportGift(quiz: QuizModel, key: AnswerKey): string {
  return quiz.questions.map((question) => writeQuestion(question, key[question.id])).join('\n\n') + '\n';
}

function writeQuestion(question: PublicQuestion, entry: KeyEntry | undefined): string {
  if (!entry || entry.type !== question.type) {
    throw new Error(`the answer key has no ${question.type} entry for question "${question.id}"`);
  }
  const lines = answerLines(question, entry);
  if (entry.feedbackHtml) lines.push(`####${giftText(htmlToText(entry.feedbackHtml, '\n'))}`);
  const prompt = giftText(htmlToText(question.promptHtml));
  // An essay is an empty answer block; its points and rubric have no place in GIFT.
  if (lines.length === 0) return `::${question.id}::${prompt} {}`;
  return `::${question.id}::${prompt} {\n${lines.map((line) => `\t${line}`).join('\n')}\n}`;
}

function answerLines(question: PublicQuestion, entry: KeyEntry): string[] {
  if (question.type === 'matching' && entry.type === 'matching') {
    const rights = new Map(question.choices.map((c) => [c.id, htmlToText(c.html)]));
    // Moodle keeps the right-hand side as plain text, so it takes no [format] tag.
    return question.items.map(
      (item) => `=${giftText(htmlToText(item.html))} -> ${escapeGift(rights.get(entry.pairs[item.id]) ?? '')}`,
    );
  }
  if (
    (question.type === 'single' || question.type === 'multiple') &&
    (entry.type === 'single' || entry.type === 'multiple')
  ) {
    const options = question.options.map((o) => ({ text: htmlToText(o.html), correct: entry.correct.includes(o.id) }));
    if (entry.type === 'single' && options.map((o) => o.text).join('|') === 'True|False') {
      return [options[0].correct ? 'TRUE' : 'FALSE'];
    }
    const weights = correctWeights(options.filter((o) => o.correct).length);
    return options.map((o) => {
      const text = giftText(o.text);
      if (entry.type === 'multiple') return `~%${o.correct ? weights.shift() : '-100'}%${text}`;
      // A "~" answer starting with "%" would read as a weight.
      return o.correct ? `=${text}` : `~${text.startsWith('%') ? '%0%' : ''}${text}`;
    });
  }
  if (entry.type === 'short') {
    // "*" is Moodle's wildcard; "\*" is a literal asterisk.
    return entry.accepted.map((a) => {
      const text = giftText(a, false).replace(/\*/g, '\\*');
      return `=${text.startsWith('%') ? '%100%' : ''}${text}`;
    });
  }
  if (entry.type === 'essay') return [];
  if (entry.type === 'numeric') {
    const numbers = entry.accepted.map((n) => `${n.value}:${n.tolerance}`);
    return numbers.length === 1 ? [`#${numbers[0]}`] : ['#', ...numbers.map((n) => `=${n}`)];
  }
  throw new Error(`question "${question.id}" is ${question.type} but its answer key is ${entry.type}`);
}

/**
 * Moodle accepts only grades from its own list (50, 33.33333, 25, 20, … 10, 5) and wants the
 * correct answers of a multiple-response question to total 100%.
 */
function correctWeights(count: number): string[] {
  if (count <= 10) return Array.from({ length: count }, () => String(Number((100 / count).toFixed(5))));
  const tens = Math.max(0, 20 - count);
  return Array.from({ length: count }, (_, i) => (i < tens ? '10' : '5'));
}

/**
 * Plain text as GIFT. Moodle reads text without a [format] tag as HTML-capable, so text with
 * markup characters, or starting with something like a tag, is marked [plain].
 */
function giftText(text: string, markup = true): string {
  const tagLike = /^\[(?:html|moodle|plain|markdown)\]/.test(text);
  return (tagLike || (markup && /[<&]/.test(text)) ? '[plain]' : '') + escapeGift(text);
}

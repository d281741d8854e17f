import { convertChoice, convertTrueFalse } from './convert-choice.js';
import { convertMatching, convertNumeric, convertShort } from './convert-typed.js';
import { readAnswerBlock, giftKind, type GiftBody } from './gift-answers.js';
import { restoreEscapes } from './gift-escapes.js';
import { isCategory, readGiftParts, splitGiftBlocks, type GiftBlock } from './gift-lexer.js';
import type { GiftImport, GiftReportItem } from './gift-types.js';
import type { Conversion, KarvanDraft } from './karvan-draft.js';
import { asParagraph, markdownLines, toMarkdownLine, toPlainText } from './markdown-text.js';
import { titleSlug, uniqueId } from './question-id.js';

interface Taken {
  item: GiftReportItem;
  title: string | null;
  prompt: string;
  draft: KarvanDraft;
}

/**
 * Reads a Moodle GIFT file into a Karvan `::: quiz` block. Questions Karvan has no type for are
 * listed in `skipped` with the reason; what a taken question loses is in its `reason`.
 */
export function importGift(text: string): GiftImport {
  const taken: GiftReportItem[] = [];
  const skipped: GiftReportItem[] = [];
  const questions: string[] = [];
  const ids = new Set<string>();
  for (const block of splitGiftBlocks(text)) {
    if (isCategory(block)) continue;
    const result = readQuestion(block);
    if (!('draft' in result)) {
      skipped.push(result);
      continue;
    }
    const number = questions.length + 1;
    const id = uniqueId(titleSlug(result.title ?? '') || `q${number}`, ids);
    questions.push(writeQuestion(number, id, result));
    taken.push(result.item);
  }
  const markdown = questions.length > 0 ? `::: quiz\n${questions.join('\n\n')}\n:::\n` : '';
  return { markdown, taken, skipped };
}

function readQuestion(block: GiftBlock): Taken | GiftReportItem {
  const parts = readGiftParts(block.text);
  const skip = (title: string, type: string, reason: string): GiftReportItem => ({
    line: block.line,
    title,
    type,
    reason,
  });
  if ('error' in parts) return skip(parts.title ?? excerpt(restoreEscapes(block.text)), 'unknown', parts.error);
  const title = parts.title ?? excerpt(toPlainText(parts.prompt));
  if (parts.answers === null) {
    return skip(
      title,
      'description',
      'a description (text with no answer block) asks nothing; Karvan quizzes have no such item',
    );
  }
  const kind = giftKind(parts.answers);
  if (/[\p{L}\p{N}]/u.test(parts.after)) {
    return skip(
      title,
      kind,
      `a missing-word question (text after the answer block: "${parts.after}"); Karvan has no fill-in-the-blank type`,
    );
  }
  const promptLines = markdownLines(parts.prompt);
  const prompt = promptLines.join(' ');
  if (prompt === '') return skip(title, kind, 'the question has no text before its answer block');
  const body = readAnswerBlock(parts.answers, parts.prompt.format);
  if ('error' in body) return skip(title, kind, body.error);
  const draft = convert(body);
  if ('skip' in draft) return skip(title, kind, draft.skip);

  const general = parts.generalFeedback ? toMarkdownLine(parts.generalFeedback) : '';
  if (general !== '') draft.feedback.push(general);
  if (parts.after !== '') draft.notes.push(`text after the answer block ("${parts.after}") left out`);
  if (promptLines.length > 1) {
    draft.notes.push('the question text had several paragraphs or line breaks: joined into one paragraph');
  }
  if (/<img\b/i.test(parts.prompt.text) && parts.prompt.format !== 'plain') {
    draft.notes.push('images in the question text are not imported (their alt text is kept)');
  }
  const reason = draft.notes.length > 0 ? { reason: draft.notes.join('; ') } : {};
  return { item: { line: block.line, title, type: draft.type, ...reason }, title: parts.title, prompt, draft };
}

function convert(body: GiftBody): Conversion {
  switch (body.kind) {
    case 'essay':
      // GIFT carries no mark: Moodle's default of one point, for the author to weigh.
      return {
        type: 'essay',
        lines: ['= [essay points=1]'],
        feedback: [],
        notes: ["an essay, graded by the course's trainers: worth 1 point, as in Moodle, until you change points="],
      };
    case 'multichoice':
      return convertChoice(body.answers, body.single);
    case 'truefalse':
      return convertTrueFalse(body.correct, body.wrongFeedback, body.rightFeedback);
    case 'shortanswer':
      return convertShort(body.answers);
    case 'numerical':
      return convertNumeric(body.answers, body.otherFeedback);
    case 'matching':
      return convertMatching(body.pairs);
  }
}

function writeQuestion(number: number, id: string, { prompt, draft }: Taken): string {
  const lines = [`${number}. ${prompt} {#${id}}`, ...draft.lines.map((line) => `   ${line}`)];
  if (draft.feedback.length > 0) lines.push(`   > ${asParagraph(joinFeedback(draft.feedback))}`);
  return lines.join('\n');
}

/** Sentences of feedback as one paragraph; each ends with a full stop when several are joined. */
function joinFeedback(parts: string[]): string {
  if (parts.length === 1) return parts[0];
  return parts.map((part) => (/[.!?…]$/.test(part) ? part : `${part}.`)).join(' ');
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

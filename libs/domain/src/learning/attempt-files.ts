import { randomBytes } from 'node:crypto';
import type { PublicQuestion } from '@karvan/content';
import { LearningError, LearningErrorCode } from './learning.errors.js';

/** A file a trainee attached to an essay answer, as the form or the API sent it. */
export interface Attachment {
  questionId: string;
  filename: string;
  bytes: Buffer;
}

/** The largest file an essay answer may carry. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** What an essay's file may be, by its extension, with the bytes it must start with. */
const KINDS: Record<string, { type: string; magic: string | null }> = {
  pdf: { type: 'application/pdf', magic: '%PDF-' },
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'PK\u0003\u0004' },
  odt: { type: 'application/vnd.oasis.opendocument.text', magic: 'PK\u0003\u0004' },
  txt: { type: 'text/plain; charset=utf-8', magic: null },
};

export interface CheckedAttachment {
  questionId: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  storageKey: string;
}

/**
 * Checks every file against its question (an essay that allows one), its type (by extension and
 * first bytes: a renamed program is refused) and its size; all problems are reported at once.
 */
export function checkAttachments(
  attemptId: string,
  questions: PublicQuestion[],
  files: Attachment[],
): CheckedAttachment[] {
  const problems: Record<string, string> = {};
  const checked: CheckedAttachment[] = [];
  for (const file of files) {
    const question = questions.find((q) => q.id === file.questionId);
    const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1].toLowerCase() ?? '';
    const kind = KINDS[extension];
    const fail = (message: string) => (problems[`file-${file.questionId}`] = message);
    if (!question || question.type !== 'essay' || !question.file) {
      fail(`Question ${question?.number ?? file.questionId} takes no file.`);
    } else if (file.bytes.length === 0) {
      fail(`The file for question ${question.number} is empty.`);
    } else if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
      fail(`The file for question ${question.number} is larger than 5 MB.`);
    } else if (!kind || !looksLike(file.bytes, kind.magic)) {
      fail(`The file for question ${question.number} must be a PDF, DOCX, ODT or TXT document.`);
    } else {
      checked.push({
        questionId: file.questionId,
        filename: file.filename.replace(/[\\/]/g, '_').slice(-200),
        contentType: kind.type,
        bytes: file.bytes,
        storageKey: `attempts/${attemptId}/${file.questionId}-${randomBytes(6).toString('hex')}.${extension}`,
      });
    }
  }
  const messages = Object.values(problems);
  if (messages.length > 0) {
    throw new LearningError(LearningErrorCode.InvalidAttachment, messages.join(' '), problems);
  }
  return checked;
}

function looksLike(bytes: Buffer, magic: string | null): boolean {
  if (magic !== null) return bytes.subarray(0, magic.length).toString('latin1') === magic;
  // Text: valid UTF-8 with no NUL byte.
  return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

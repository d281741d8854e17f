import { MAX_ATTACHMENT_BYTES, type Attachment } from '@karvan/domain';
import { findControlCharacter } from '@karvan/domain';
import { controlCharacterError } from '../common/control-characters.hook.js';
import type { KarvanRequest } from '../common/request-context.js';

/**
 * An attempt's form as its page sends it: urlencoded, or multipart when an essay takes a file
 * (`file-<question id>`). A file input left empty sends an empty part, which is skipped; a file
 * over the limit is cut by the parser and refused by the domain as too large.
 */
export async function readAttemptForm(
  request: KarvanRequest,
): Promise<{ fields: Record<string, unknown>; files: Attachment[] }> {
  if (!request.isMultipart()) {
    const body = request.body;
    return { fields: body && typeof body === 'object' ? (body as Record<string, unknown>) : {}, files: [] };
  }
  const fields: Record<string, unknown> = {};
  const files: Attachment[] = [];
  for await (const part of request.parts({
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 20, fields: 1000 },
  })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer().catch((error: { code?: string }) => {
        // Over the limit: one byte more than allowed is enough for the domain to refuse it as too large.
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') return Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
        throw error;
      });
      if (bytes.length > 0 || part.filename) {
        files.push({ questionId: part.fieldname.replace(/^file-/, ''), filename: part.filename, bytes });
      }
      continue;
    }
    const before = fields[part.fieldname];
    const value = String(part.value);
    fields[part.fieldname] = before === undefined ? value : [before, value].flat();
  }
  const names = Object.fromEntries(files.map((f) => [`file-${f.questionId}`, f.filename]));
  const found = findControlCharacter({ ...(fields as Record<string, string>), ...names });
  if (found) throw controlCharacterError(found);
  delete fields._csrf;
  return { fields, files };
}

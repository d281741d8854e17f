import { findControlCharacter } from '@karvan/domain';
import { controlCharacterError } from '../common/control-characters.hook.js';
import type { KarvanRequest } from '../common/request-context.js';

export interface UploadedDocument {
  field: string;
  filename: string;
  bytes: Buffer;
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The application form sent as multipart (its file inputs sit in the same form as the text, so
 * attaching a CV never loses what was typed, with or without JavaScript): the text fields as a
 * plain body, and each chosen file by its form field (`file-<key>`). A file input left empty
 * sends an empty part, which is skipped.
 */
export async function readApplicationForm(
  request: KarvanRequest,
): Promise<{ fields: Record<string, string | string[]>; files: UploadedDocument[] }> {
  const fields: Record<string, string | string[]> = {};
  const files: UploadedDocument[] = [];
  for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 10 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      // An empty file input sends a part with no name and no bytes: nothing was chosen.
      if (bytes.length > 0 || part.filename) {
        files.push({ field: part.fieldname.replace(/^file-/, ''), filename: part.filename, bytes });
      }
      continue;
    }
    const value = String(part.value);
    const before = fields[part.fieldname];
    fields[part.fieldname] = before === undefined ? value : [before, value].flat();
  }
  // Read here rather than before the controller, so checked here as every other form is.
  const names = Object.fromEntries(files.map((f) => [`file-${f.field}`, f.filename]));
  const found = findControlCharacter({ ...fields, ...names });
  if (found) throw controlCharacterError(found);
  return { fields, files };
}

import { createHash } from 'node:crypto';

/** Length of the hash prefix a translation records in its `source:` key. */
export const SOURCE_HASH_LENGTH = 12;

/**
 * The text with LF line ends, as the files are written: a browser sends a text area's lines ended
 * with CRLF, and a revision made from it would differ from the file in every line's end.
 */
export function plainLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** SHA-256 of the text; line endings are normalised so a checkout on Windows hashes the same. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** The value a translation of this text carries as `source:`. */
export function sourceHash(text: string): string {
  return contentHash(text).slice(0, SOURCE_HASH_LENGTH);
}

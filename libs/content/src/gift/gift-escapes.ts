const ESCAPABLE = '\\~=#{}:';
const BASE = 0xe000;
const NEWLINE = String.fromCharCode(BASE + ESCAPABLE.length);
const PLACEHOLDERS = /[\ue000-\ue007]/g;

/**
 * Turns GIFT's escapes (`\~ \= \# \{ \} \: \\` and `\n`) into private-use characters, so the
 * question can be split on its special characters; `restoreEscapes` turns them back.
 */
export function protectEscapes(text: string): string {
  // Placeholder characters already in the file would come back as GIFT specials.
  return text
    .replace(PLACEHOLDERS, '\ufffd')
    .replace(/\\([\\~=#{}:n])/g, (_, c: string) =>
      c === 'n' ? NEWLINE : String.fromCharCode(BASE + ESCAPABLE.indexOf(c)),
    );
}

export function restoreEscapes(text: string): string {
  return text.replace(PLACEHOLDERS, (c) => (c === NEWLINE ? '\n' : ESCAPABLE[c.charCodeAt(0) - BASE]));
}

/** Plain text written into GIFT so that none of it reads as GIFT syntax. */
export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, '\\$&').replace(/\r?\n/g, '\\n');
}

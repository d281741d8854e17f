const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
  reg: '®',
  deg: '°',
  times: '×',
  middot: '·',
};

export const BLOCK_TAG = /^(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|table|tr|td|th|blockquote|pre|section|article)$/i;
export const TAG = /<\/?([a-z][a-z0-9-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
export const HIDDEN = /<(script|style|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;
export const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
export const ALT = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/**
 * The readable text of an HTML fragment: tags dropped (block tags end a line), images replaced by
 * their alt text, entities decoded. Lines are joined with `lineBreak`.
 */
export function htmlToText(html: string, lineBreak = ' '): string {
  return joinLines(decodeEntities(stripTags(html)), lineBreak);
}

/** Removes tags (block tags end a line, images leave their alt text) but leaves entities alone. */
export function stripTags(html: string): string {
  return html
    .replace(COMMENT, '')
    .replace(HIDDEN, '')
    .replace(TAG, (tag, name: string) => {
      if (name.toLowerCase() === 'img') {
        const alt = ALT.exec(tag);
        return alt ? ` ${alt[1] ?? alt[2] ?? alt[3]} ` : ' ';
      }
      return BLOCK_TAG.test(name) ? '\n' : '';
    });
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity;
  });
}

/** Collapses runs of spaces on each line and drops empty lines. */
export function joinLines(text: string, lineBreak = ' '): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join(lineBreak);
}

// glossary: is never followed as written: the renderer turns it into the glossary page's address.
const ALLOWED_SCHEMES = ['http', 'https', 'mailto', 'glossary'];
const GLOSSARY = /^glossary:(.*)$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// Browsers ignore these characters inside a scheme ("java\tscript:"), so the check must too.
const IGNORED_BY_BROWSERS = /[\s\p{Cc}]/gu;

/** Only https:, http:, mailto:, glossary: and relative addresses are links; anything else stays text. */
export function isSafeUrl(url: string): boolean {
  // Checked decoded as well, so "java%09script:" cannot slip past as a relative address.
  const scheme = SCHEME.exec(decode(url).replace(IGNORED_BY_BROWSERS, ''));
  return !scheme || ALLOWED_SCHEMES.includes(scheme[1].toLowerCase());
}

export type LinkTarget =
  | { kind: 'external' }
  | { kind: 'anchor' }
  | { kind: 'site' }
  | { kind: 'module'; fileName: string; anchor: string | undefined }
  | { kind: 'media'; path: string }
  | { kind: 'glossary'; id: string };

/** What a (safe, normalised) link points at, so it can be checked and rewritten. */
export function classifyLink(href: string): LinkTarget {
  if (href.startsWith('#')) return { kind: 'anchor' };
  const glossary = GLOSSARY.exec(href);
  if (glossary) return { kind: 'glossary', id: decode(glossary[1]).trim() };
  if (href.startsWith('//') || SCHEME.test(href)) return { kind: 'external' };
  if (href.startsWith('/')) return { kind: 'site' };
  const hashAt = href.indexOf('#');
  const path = decode((hashAt < 0 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '')).replace(/^\.\//, '');
  const anchor = hashAt < 0 ? undefined : decode(href.slice(hashAt + 1));
  if (path.endsWith('.md')) return { kind: 'module', fileName: path, anchor };
  return { kind: 'media', path };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Longer targets are no page of ours; they only serve to smuggle something past a check. */
const MAX_TARGET_LENGTH = 2000;

/**
 * The one way to turn a user-supplied redirect target (?next=, a form's back=) into a Location:
 * only a path of this site, parsed as a URL the way a browser will, else the fallback.
 */
export function safeRedirectPath(value: unknown, baseUrl: string, fallback = '/'): string {
  if (typeof value !== 'string' || !looksLikeLocalPath(value)) return fallback;
  let target: URL;
  let base: URL;
  try {
    base = new URL(baseUrl);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  return `${target.pathname}${target.search}${target.hash}`;
}

// Browsers drop tabs and newlines and read '\' as '/', so '/\t/evil' and '/\evil' mean '//evil'.
function looksLikeLocalPath(value: string): boolean {
  return (
    value.length <= MAX_TARGET_LENGTH &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    ![...value].some((c) => c < ' ' || c === '\u007F')
  );
}

/** C0 controls and DEL, except TAB, LF and CR which multi-line text legitimately holds. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F]/g;
const MAX_FIELD_NAME = 100;
// No form or API body of ours nests this deep; the bound keeps the walk off the stack's limit.
const MAX_DEPTH = 32;

export interface ControlCharacterFound {
  /** Where it was, e.g. `name`, `answers.topics[1]`. */
  field: string;
  /** The character as people write it, e.g. `U+0000`. */
  codePoint: string;
}

/** The first forbidden control character in a string, or undefined. */
export function controlCharacterIn(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Walks strings, arrays and plain objects (keys too) for the first forbidden control character. */
export function findControlCharacter(value: unknown, field = '', depth = 0): ControlCharacterFound | undefined {
  if (typeof value === 'string') {
    const codePoint = controlCharacterIn(value);
    return codePoint ? { field, codePoint } : undefined;
  }
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControlCharacter(item, `${field}[${index}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const name = field ? `${field}.${printableName(key)}` : printableName(key);
    const found = findControlCharacter(key, name) ?? findControlCharacter(item, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A name fit for an error message: it must not carry the character the message complains about. */
export function printableName(name: string): string {
  return name.replace(ANY_CONTROL, '\uFFFD').slice(0, MAX_FIELD_NAME);
}

import type { NumericAnswer } from './quiz-model.js';

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
const TOLERANCE = /\s*(?:±|\+-|\+\/-)\s*/;

/** Short answers match ignoring case and spaces; Azerbaijani "İ" lowercases to a plain "i". */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFC')
    .replace(/İ/g, 'i')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/\s+/g, '');
}

/** A number written with `.` or `,` as the decimal separator, or null. */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed.replace(',', '.')) : null;
}

export function hasTolerance(text: string): boolean {
  return TOLERANCE.test(text);
}

/** `281`, `281 ± 5` or `281 +- 5`; null when either side is not a number. */
export function parseNumericAnswer(text: string): NumericAnswer | null {
  const [valueText, toleranceText = '0', ...rest] = text.split(TOLERANCE);
  const value = parseNumber(valueText);
  const tolerance = parseNumber(toleranceText);
  if (rest.length > 0 || value === null || tolerance === null || tolerance < 0) return null;
  return { value, tolerance };
}

/**
 * How a typed number is read. en writes 1,522.5; az and ru write 1 522,5 or 1.522,5; both write
 * 2.5 and 2,5 for a decimal. Only one form is open to two readings: a single "," or "." after one
 * to three digits (not a lone 0) and before exactly three ("1,522", "1.522"). The question decides
 * it: when every accepted number is whole, it is a thousands separator (1522); otherwise it is the
 * decimal point (1.522). Authors say in the prompt when the form matters.
 */
export interface NumberReading {
  /** The reading with the separator as the decimal point. */
  value: number;
  /** For the two-reading form only: the reading with the separator grouping thousands. */
  grouped: number | null;
}

const SPACE = /[\s\u00a0\u202f\u2009]/;
const SPACES = /[\s\u00a0\u202f\u2009]/g;
const PLAIN = /^\d+$/;
const DECIMAL = /^(\d*)[.,](\d+)$/;
const TWO_READINGS = /^[1-9]\d{0,2}[.,]\d{3}$/;
const GROUPED_WITH_SPACES = /^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/;

/** Reads a typed number in any of the forms above, or null when it is not one. */
export function readNumber(text: string): NumberReading | null {
  let t = text.trim().replace(/\u2212/g, '-');
  const sign = t.startsWith('-') ? -1 : 1;
  if (/^[+-]/.test(t)) t = t.slice(1);
  const value = readUnsigned(t);
  if (value === null) return null;
  return { value: sign * value.value, grouped: value.grouped === null ? null : sign * value.grouped };
}

function readUnsigned(t: string): NumberReading | null {
  if (SPACE.test(t)) {
    // Spaces only ever group thousands, so the separator after them is the decimal point.
    const single = t.replace(SPACES, ' ');
    return GROUPED_WITH_SPACES.test(single)
      ? readUnsigned(single.replace(/ /g, '').replace(/^(\d+)[.,]/, '$1.'))
      : null;
  }
  if (PLAIN.test(t)) return { value: Number(t), grouped: null };
  const decimal = DECIMAL.exec(t);
  if (decimal) {
    const value = Number(`${decimal[1] || '0'}.${decimal[2]}`);
    return { value, grouped: TWO_READINGS.test(t) ? Number(t.replace(/[.,]/, '')) : null };
  }
  // "1,522,000", "1.522.000", "1,522.5", "1.522,5": the last separator, if different, is the decimal point.
  for (const [group, point] of [
    [',', '.'],
    ['.', ','],
  ]) {
    const grouped = new RegExp(`^(\\d{1,3}(?:\\${group}\\d{3})+)(?:\\${point}(\\d+))?$`).exec(t);
    if (grouped) return { value: Number(`${grouped[1].split(group).join('')}.${grouped[2] ?? '0'}`), grouped: null };
  }
  return null;
}

/** The number a trainee meant, read for a question whose accepted numbers are `whole` or not. */
export function numberFor(reading: NumberReading, whole: boolean): number {
  return whole && reading.grouped !== null ? reading.grouped : reading.value;
}

/** A key written "1,522" means 1522 in en and 1.522 in az and ru, so the checker asks for one of those. */
export function isAmbiguousKey(text: string): boolean {
  return /^[+-]?[1-9]\d{0,2},\d{3}$/.test(text.trim());
}

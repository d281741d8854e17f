import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_BYTES = 20;
const CODE_PATTERN = /^[0-9a-hjkmnp-tv-z]{32}$/;

/** 160 random bits: far beyond guessing, and short enough for a QR code and a printed line. */
export function newVerificationCode(): string {
  return toBase32(randomBytes(CODE_BYTES));
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Accepts a code as printed (groups, capitals, the look-alikes I, L and O); null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
  return CODE_PATTERN.test(code) ? code : null;
}

/** `abcd-efgh-…`: how the code is printed, for people to read. */
export function groupedCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * A certificate's serial as it is printed on its PDF, `001001`: the site shows it the same way, so
 * the number a holder reads on paper is the one they find on the page.
 */
export function printedSerial(serial: number): string {
  return String(serial).padStart(6, '0');
}

import { gunzipSync, gzipSync } from 'node:zlib';

/** The smallest list the Bitstring Status List spec allows (16 KB): it hides how many were issued. */
export const STATUS_LIST_SIZE = 131_072;

/**
 * A W3C Bitstring Status List `encodedList`: the bits (index 0 is the most significant bit of the
 * first byte) gzipped, base64url-encoded, with the multibase prefix "u".
 */
export function encodeStatusList(setIndexes: Iterable<number>, size = STATUS_LIST_SIZE): string {
  const bytes = Buffer.alloc(size / 8);
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`status index ${index}`);
    bytes[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Reads one bit back, as a verifier does. */
export function statusBitIsSet(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url ("u" prefix)');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (index < 0 || index >= bytes.length * 8) throw new RangeError(`status index ${index}`);
  return (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

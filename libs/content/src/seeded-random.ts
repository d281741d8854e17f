import { createHash } from 'node:crypto';

/** A whole number from 0 to n − 1. */
export type RandomInt = (n: number) => number;

/**
 * A reproducible stream of uniform whole numbers from a seed: SHA-256 of the seed and a counter,
 * read four bytes at a time, with rejection so no number is likelier than another. The same seed
 * always gives the same draws and orders, so an attempt can be rebuilt from its stored seed.
 */
export function seededRandom(seed: string): RandomInt {
  let block = 0;
  let bytes = Buffer.alloc(0);
  let offset = 0;
  const next32 = (): number => {
    if (offset + 4 > bytes.length) {
      bytes = createHash('sha256').update(`${seed}\n${block++}`).digest();
      offset = 0;
    }
    const value = bytes.readUInt32BE(offset);
    offset += 4;
    return value;
  };
  return (n) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`cannot draw from ${n} items`);
    const limit = Math.floor(2 ** 32 / n) * n;
    let value = next32();
    while (value >= limit) value = next32();
    return value % n;
  };
}

/** Fisher–Yates with the given source. */
export function shuffleWith<T>(items: readonly T[], random: RandomInt): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { acceptsGzip, deflatedPart, splicedGzip, storedBlock } from './spliced-gzip.js';

describe('spliced gzip', () => {
  it('decodes to the parts with the token between each two, whatever the parts hold', () => {
    const token = Buffer.from('x'.repeat(43));
    const cases = [
      ['<html>', '</html>'].map((s) => Buffer.from(s)),
      ['', 'only after', ''].map((s) => Buffer.from(s)),
      // Text that repeats across parts (a part must not refer back into another) and bytes that do not compress.
      [Buffer.from('Miqrasiya '.repeat(5_000)), randomBytes(70_000), Buffer.from('Миграция '.repeat(3_000))],
    ];
    for (const parts of cases) {
      const gzip = splicedGzip(parts, parts.map(deflatedPart), token);
      const expected = Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [token, part])));
      expect(gunzipSync(gzip).equals(expected)).toBe(true);
    }
  });

  it('compresses a page about as well as compressing it whole', () => {
    const page = Buffer.from('Qlobal miqrasiya idarəçiliyi: siyasət, hüquq və təcrübə. '.repeat(2_000));
    const third = Math.floor(page.length / 3);
    const parts = [page.subarray(0, third), page.subarray(third, 2 * third), page.subarray(2 * third)];
    const spliced = splicedGzip(parts, parts.map(deflatedPart), Buffer.from('t'));
    expect(spliced.length).toBeLessThan(gzipSync(page).length * 1.5);
  });

  it('stores up to 65,535 bytes in one block and refuses more', () => {
    expect(storedBlock(Buffer.from('ab')).equals(Buffer.from([0, 2, 0, 0xfd, 0xff, 0x61, 0x62]))).toBe(true);
    expect(() => storedBlock(Buffer.alloc(65_536))).toThrow(RangeError);
  });

  it('reads Accept-Encoding as browsers and proxies send it', () => {
    for (const yes of ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'x-gzip', '*', 'GZIP', 'br, * ;q=0.5']) {
      expect([yes, acceptsGzip(yes)]).toEqual([yes, true]);
    }
    for (const no of [undefined, '', 'br', 'identity', 'gzip;q=0', 'br, gzip; q=0.0', 'gzipped']) {
      expect([no, acceptsGzip(no)]).toEqual([no, false]);
    }
  });
});

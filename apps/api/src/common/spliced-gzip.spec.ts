import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { acceptsGzip, gzipOf, keptPiece, livePiece, storedPiece, type GzipPiece } from './spliced-gzip.js';

/** The parts, each kept, with the token stored between each two: how a visitor's kept page is sent. */
function withToken(parts: Buffer[], token: Buffer): GzipPiece[] {
  return parts.map(keptPiece).flatMap((piece, i) => (i === 0 ? [piece] : [storedPiece(token), piece]));
}

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
      const gzip = gzipOf(withToken(parts, token));
      const expected = Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [token, part])));
      expect(gunzipSync(gzip).equals(expected)).toBe(true);
    }
  });

  it('compresses a page about as well as compressing it whole', () => {
    const page = Buffer.from('Qlobal miqrasiya idarəçiliyi: siyasət, hüquq və təcrübə. '.repeat(2_000));
    const third = Math.floor(page.length / 3);
    const parts = [page.subarray(0, third), page.subarray(third, 2 * third), page.subarray(2 * third)];
    const spliced = gzipOf(withToken(parts, Buffer.from('t')));
    expect(spliced.length).toBeLessThan(gzipSync(page).length * 1.5);
  });

  it('puts parts compressed per response between kept ones, as a page with kept fragments is sent', () => {
    const fragment = keptPiece(Buffer.from('<p>Mətn, hamı üçün eyni.</p>'.repeat(500)));
    const own = ['<html><p>Aysel</p>', '', '<p>Oxundu</p></html>'].map((s) => livePiece(Buffer.from(s)));
    const pieces = [own[0], fragment, own[1], fragment, own[2]];
    const expected = Buffer.concat(pieces.map((piece) => piece.bytes));
    expect(gunzipSync(gzipOf(pieces)).equals(expected)).toBe(true);
  });

  it('stores up to 65,535 bytes in one block and refuses more', () => {
    expect(storedPiece(Buffer.from('ab')).deflated.equals(Buffer.from([0, 2, 0, 0xfd, 0xff, 0x61, 0x62]))).toBe(true);
    expect(() => storedPiece(Buffer.alloc(65_536))).toThrow(RangeError);
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

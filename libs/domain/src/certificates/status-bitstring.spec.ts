import { gunzipSync } from 'node:zlib';
import { encodeStatusList, STATUS_LIST_SIZE, statusBitIsSet } from './status-bitstring.js';

describe('the revocation status list bitstring', () => {
  it('sets exactly the given bits, the first index being the leftmost bit', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bytes).toHaveLength(16_384);
    expect(bytes[0]).toBe(0b1000_0000);
    expect(bytes[1]).toBe(0b0100_0000);
    expect(bytes[bytes.length - 1]).toBe(0b0000_0001);
    expect([0, 1, 8, 9, 10, STATUS_LIST_SIZE - 1].map((i) => statusBitIsSet(encoded, i))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('is multibase base64url and refuses indexes outside the list', () => {
    expect(encodeStatusList([])).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
    expect(() => statusBitIsSet('zabc', 0)).toThrow('multibase');
  });
});

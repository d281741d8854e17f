import { hashToken, randomToken } from './tokens.js';

describe('randomToken', () => {
  it('gives 256 URL-safe bits, never the same twice, across many draws from the pool', () => {
    const tokens = Array.from({ length: 1_000 }, () => randomToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('keeps a prefix in front and hashes to SHA-256 hex', () => {
    expect(randomToken('kv_')).toMatch(/^kv_[A-Za-z0-9_-]{43}$/);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeDigest, contentCodeDigest } from './code-digest.js';

describe('the digest of code that decides what a sync makes', () => {
  let dir: string;
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'karvan-digest-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, 'test'));
    write('render.ts', 'export const a = 1;');
    write('sub/check.js', 'export const b = 2;');
    write('render.spec.ts', 'it("x", () => {});');
    write('test/fixture.ts', 'export const f = 0;');
    write('render.d.ts', 'export declare const a: number;');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('changes when a source file changes, in a subfolder too', () => {
    const before = codeDigest([dir]);
    expect(codeDigest([dir])).toBe(before);
    write('render.ts', 'export const a = 2;');
    const changed = codeDigest([dir]);
    expect(changed).not.toBe(before);
    write('sub/check.js', 'export const b = 3;');
    expect(codeDigest([dir])).not.toBe(changed);
  });

  it('ignores tests, test fixtures and type declarations', () => {
    const before = codeDigest([dir]);
    write('render.spec.ts', 'it("y", () => {});');
    write('test/fixture.ts', 'export const f = 1;');
    write('render.d.ts', 'export declare const a: 1;');
    expect(codeDigest([dir])).toBe(before);
  });

  it('changes with the packages it names, and a new file changes it', () => {
    const before = codeDigest([dir]);
    expect(codeDigest([dir], ['yaml'])).not.toBe(before);
    write('new.ts', '');
    expect(codeDigest([dir])).not.toBe(before);
  });

  it('is steady for the content package itself', () => {
    expect(contentCodeDigest()).toMatch(/^[0-9a-f]{64}$/);
    expect(contentCodeDigest()).toBe(contentCodeDigest());
  });
});

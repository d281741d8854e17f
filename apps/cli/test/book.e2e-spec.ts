import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { loadConfig } from '@karvan/config';
import { BOOK_COMMANDS } from '../src/book-commands.js';

const COURSE = 'research-methods-migration';
const MODULE = '02-designing-a-small-study.md';

describe('karvan book build', () => {
  let dir: string;
  let out: string;
  let errors: string[];
  let lines: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'karvan-book-cli-'));
    out = join(dir, 'out');
    await cp(join(process.cwd(), 'content', 'courses', COURSE), join(dir, 'courses', COURSE), { recursive: true });
    // The course links glossary terms: the book reads the glossary beside the courses.
    await cp(join(process.cwd(), 'content', 'glossary'), join(dir, 'glossary'), { recursive: true });
    await mkdir(out);
    errors = [];
    lines = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const build = (...args: string[]) =>
    BOOK_COMMANDS['book build'](loadConfig(), [COURSE, '--dir', dir, '--out', out, ...args]);

  /** Adds a line before the module's first heading; returns its line number in the file. */
  async function insert(line: string): Promise<number> {
    const path = join(dir, 'courses', COURSE, MODULE);
    const text = await readFile(path, 'utf8');
    const at = text.indexOf('\n## ') + 1;
    await writeFile(path, `${text.slice(0, at)}${line}\n\n${text.slice(at)}`);
    return text.slice(0, at).split('\n').length;
  }

  it('writes the EPUB of a course in the language and edition asked for', async () => {
    await build('--lang', 'az', '--edition', 'trainee', '--format', 'epub');
    expect(process.exitCode).toBeUndefined();
    expect(await readdir(out)).toEqual([`${COURSE}-az-trainee.epub`]);
    expect(lines[0]).toMatch(/research-methods-migration-az-trainee\.epub \(revision [0-9a-f]{12}\)$/);
  });

  it('refuses a course with a broken image with the checker’s file:line message, writing nothing', async () => {
    const line = await insert('![A chart of arrivals](media/arrivals.png)');
    await build('--format', 'both');
    expect(process.exitCode).toBe(1);
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(`courses/${COURSE}/${MODULE}:${line}:\\d+ error broken image: "media/arrivals.png" does not exist$`),
      ),
    ]);
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses a course with a broken link to a module the same way', async () => {
    const line = await insert('See [the missing module](09-nowhere.md).');
    await build('--format', 'epub');
    expect(process.exitCode).toBe(1);
    expect(errors.join('\n')).toMatch(
      new RegExp(`${MODULE}:${line}:\\d+ error broken link: no module "09-nowhere.md"`),
    );
    expect(await readdir(out)).toEqual([]);
  });
});

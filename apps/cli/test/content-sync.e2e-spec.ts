import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { loadConfig, type AppConfig } from '@karvan/config';
import { createScratchDatabase } from '@karvan/testing';
import { COMMANDS } from '../src/commands.js';

const COURSE = `---
title: CLI sync course
summary: A course for the command line test.
language: en
enrolment: open
completion:
  modules: all
  quizzes: pass
certificate: true
---

Introduction.
`;

const MODULE = (title: string, quiz: string) => `---
title: ${title}
summary: One sentence.
objectives:
  - Do one thing.
duration: 10
sources:
  - A source
---

## Section

Text of ${title}.

${quiz}
`;

const GOOD_QUIZ = '::: quiz\n1. Which year?\n   - [ ] 2002\n   - [x] 2007\n:::';
const QUIZ_WITHOUT_ANSWER = '::: quiz\n1. Which year?\n   - [ ] 2002\n   - [ ] 2007\n:::';

describe('karvan content sync', () => {
  let root: string;
  let config: AppConfig;
  let lines: string[];

  beforeAll(async () => {
    config = { ...loadConfig(), databaseUrl: await createScratchDatabase('cli_sync') };
  });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'karvan-sync-cli-'));
    const dir = join(root, 'courses', 'cli-sync-course');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'course.md'), COURSE);
    await writeFile(join(dir, '01-first.md'), MODULE('First', QUIZ_WITHOUT_ANSWER));
    await writeFile(join(dir, '02-second.md'), MODULE('Second', GOOD_QUIZ));
    jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    await rm(root, { recursive: true, force: true });
  });

  /** The lines one run printed, and its exit code. */
  async function run(): Promise<{ lines: string[]; exitCode: typeof process.exitCode }> {
    lines = [];
    process.exitCode = undefined;
    await COMMANDS['content sync'](config, [root]);
    return { lines, exitCode: process.exitCode };
  }

  it('prints the refused file’s errors and fails again when the unchanged tree is synced again', async () => {
    const first = await run();
    expect(first.exitCode).toBe(1);
    const errors = first.lines.filter((line) => line.includes('01-first.md:'));
    expect(errors).toEqual([expect.stringMatching(/ error /)]);
    expect(await run()).toEqual({
      lines: [...errors, 'cli-sync-course: updated, 0 new revisions, 1 unchanged, 0 archived, 1 refused'],
      exitCode: 1,
    });
  });
});

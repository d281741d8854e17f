import { relative, resolve } from 'node:path';
import type { AppConfig } from '@karvan/config';
import { checkTreeReport, formatProblem, type Problem } from '@karvan/content';
import { UsageError } from './args.js';

type Command = (config: AppConfig, args: string[]) => Promise<void>;

export const CONTENT_USAGE = `  content check [dir]                check the glossary and the Markdown courses under dir (default: content)`;

export const CONTENT_COMMANDS: Record<string, Command> = {
  'content check': async (_config, args) => {
    if (args.length > 1) throw new UsageError('content check takes at most one directory');
    const dir = resolve(process.cwd(), args[0] ?? 'content');
    const report = await checkTreeReport(dir);
    for (const p of report.problems) console.log(formatProblem({ ...p, path: relative(process.cwd(), p.path) }));
    console.log(summary(report.problems, report.files));
    if (report.problems.some((p) => p.severity === 'error')) process.exitCode = 1;
  },
};

function summary(problems: Problem[], files: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(files, 'file')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

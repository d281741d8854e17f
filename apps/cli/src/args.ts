import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/** `--name value` options of one command; unknown options are a usage error, not ignored. */
export function readOptions(args: string[], names: string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      allowPositionals: false,
      strict: true,
    });
    return values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@karvan/config';
import { resolve } from 'node:path';
import { formatProblem } from '@karvan/content';
import { DemoService, demoLoginLines } from '@karvan/demo';
import { CourseSyncService, ROLES, UsersService, type GlossaryTreeReport, type Role } from '@karvan/domain';
import { readOptions, UsageError } from './args.js';
import { openDatabase } from './database.js';

export const USAGE = `usage: npm run karvan -- <command>

  db migrate                         apply pending database migrations
  user create --email E --name N [--role admin|coordinator|trainer|trainee] [--password P]
                                     create an account (the first admin, say); without
                                     --password a random one is generated and printed
  content check [dir]                check the glossary and the Markdown courses under dir (default: content)
  content sync [dir]                 import the glossary and courses under dir into the database (default: CONTENT_DIR)
  book build <course> [--lang en|az|ru] [--edition trainee|trainer] [--format pdf|epub|both]
             [--dir content] [--out .]
                                     make a course under dir/courses/ a book (PDF and/or EPUB)
  demo seed                          add the demo accounts (again: adds only what is missing)
  backup <file>                      write the database and the stored files into one archive
                                     (works while Karvan runs, in either mode)
  restore <file>                     put a backup back into an empty installation`;

type Command = (config: AppConfig, args: string[]) => Promise<void>;

export const COMMANDS: Record<string, Command> = {
  'demo seed': async (config, args) => {
    if (args.length > 0) throw new UsageError('demo seed takes no arguments');
    const db = await openDatabase(config);
    try {
      const result = await new DemoService(db.dataSource, new UsersService(db.dataSource)).seed();
      console.log(`Demo accounts: ${result.created.length} created, ${result.existing.length} already there.`);
      console.log(demoLoginLines().join('\n'));
    } finally {
      await db.close();
    }
  },

  'content sync': async (config, args) => {
    if (args.length > 1) throw new UsageError('content sync takes at most one directory');
    const dir = args[0] ? resolve(process.cwd(), args[0]) : config.contentDir;
    const db = await openDatabase(config);
    try {
      const { glossary, courses: reports } = await new CourseSyncService(db.dataSource).syncContent(dir);
      for (const p of glossary.problems.filter((x) => x.severity === 'error')) console.log(formatProblem(p));
      if (glossary.present) console.log(glossaryLine(glossary));
      for (const r of reports) {
        for (const p of r.problems.filter((x) => x.severity === 'error')) console.log(formatProblem(p));
        const state = r.created ? 'created' : 'updated';
        console.log(
          `${r.slug}: ${state}, ${r.revisions} new revisions, ${r.unchanged} unchanged, ${r.archived} archived, ${r.refused.length} refused`,
        );
      }
      if (reports.some((r) => r.refused.length > 0) || (glossary.present && !glossary.stored)) process.exitCode = 1;
    } finally {
      await db.close();
    }
  },

  'db migrate': async (config) => {
    const db = await openDatabase(config);
    console.log(db.applied.length ? `Applied: ${db.applied.join(', ')}` : 'The database is up to date.');
    await db.close();
  },

  'user create': async (config, args) => {
    const options = readOptions(args, ['email', 'name', 'role', 'password']);
    if (!options.email || !options.name) throw new UsageError('user create needs --email and --name');
    const role = (options.role ?? 'admin') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const password = options.password ?? randomBytes(12).toString('base64url');
    const db = await openDatabase(config);
    try {
      const roles: Role[] = role === 'trainee' ? ['trainee'] : ['trainee', role];
      const user = await new UsersService(db.dataSource).register(
        { email: options.email, name: options.name, password },
        roles,
      );
      console.log(`Created ${user.email} with roles ${user.roles.join(', ')}.`);
      if (!options.password) console.log(`Password: ${password}`);
    } finally {
      await db.close();
    }
  },
};

function glossaryLine(report: GlossaryTreeReport): string {
  if (!report.stored) return 'glossary: refused for its errors; the stored glossary stays';
  const { terms, changed, removed } = report.stored;
  return `glossary: ${terms} terms, ${changed} added or changed, ${removed} removed`;
}

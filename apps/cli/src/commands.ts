import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@karvan/config';
import { ROLES, UsersService, type Role } from '@karvan/domain';
import { readOptions, UsageError } from './args.js';
import { openDatabase } from './database.js';

export const USAGE = `usage: npm run karvan -- <command>

  db migrate                         apply pending database migrations
  user create --email E --name N [--role admin|coordinator|trainer|trainee] [--password P]
                                     create an account (the first admin, say); without
                                     --password a random one is generated and printed`;

type Command = (config: AppConfig, args: string[]) => Promise<void>;

export const COMMANDS: Record<string, Command> = {
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

import 'reflect-metadata';
import { ConfigError, loadConfig } from '@karvan/config';
import { DomainError } from '@karvan/domain';
import { UsageError } from './args.js';
import { COMMANDS, USAGE } from './commands.js';
import { CONTENT_COMMANDS } from './content-commands.js';

const [group = '', action = '', ...rest] = process.argv.slice(2);
const command = { ...COMMANDS, ...CONTENT_COMMANDS }[`${group} ${action}`];

try {
  if (!command) throw new UsageError(group ? `unknown command: ${group} ${action}` : 'no command given');
  await command(loadConfig(), rest);
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
  else throw error;
  process.exitCode = 2;
}

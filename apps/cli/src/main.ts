import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, JsonLogger, loadConfig } from '@karvan/config';
import { DomainError } from '@karvan/domain';
import { UsageError } from './args.js';
import { BackupError } from './backup/manifest.js';
import { BACKUP_COMMANDS } from './backup-commands.js';
import { BOOK_COMMANDS } from './book-commands.js';
import { COMMANDS, USAGE } from './commands.js';
import { CONTENT_COMMANDS } from './content-commands.js';

const argv = process.argv.slice(2);
const [group = '', action = ''] = argv;
const commands: Partial<typeof COMMANDS> = { ...COMMANDS, ...CONTENT_COMMANDS, ...BACKUP_COMMANDS, ...BOOK_COMMANDS };
// Two-word commands ("user create") first, then one-word ones ("backup <file>").
const twoWords = commands[`${group} ${action}`];
const command = twoWords ?? commands[group];
const rest = argv.slice(twoWords ? 2 : 1);

try {
  if (!command) throw new UsageError(group ? `unknown command: ${group} ${action}` : 'no command given');
  const config = loadConfig();
  // The domain's services log through Nest's Logger, and no Nest app sets it here: without this,
  // a command that sends mail printed Nest's coloured lines at every level, whatever LOG_LEVEL said.
  Logger.overrideLogger(new JsonLogger(config.logLevel, process.stderr));
  await command(config, rest);
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof DomainError || error instanceof BackupError)
    console.error(error.message);
  else throw error;
  process.exitCode = 2;
}

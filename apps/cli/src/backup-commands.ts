import type { AppConfig } from '@karvan/config';
import { UsageError } from './args.js';
import { createBackup } from './backup/backup.js';
import { restoreBackup } from './backup/restore.js';

type Command = (config: AppConfig, args: string[]) => Promise<void>;

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup: async (config, args) => {
    if (args.length !== 1) throw new UsageError('backup takes one file name, e.g. karvan-2025-01-31.zip');
    const { file, manifest, note } = await createBackup(config, args[0]);
    if (note) console.log(note);
    const bytes = manifest.entries.reduce((sum, e) => sum + e.size, 0);
    const files = manifest.entries.length - 1;
    console.log(`Backed up the ${config.mode} database (migration ${manifest.migration}) and ${files} stored files`);
    console.log(`(${bytes} bytes before compression) to ${file}.`);
  },

  restore: async (config, args) => {
    if (args.length !== 1) throw new UsageError('restore takes the backup file');
    const manifest = await restoreBackup(config, args[0]);
    console.log(
      `Restored the backup of ${manifest.createdAt} (Karvan ${manifest.karvanVersion}, ${manifest.mode} mode) into this ${config.mode} installation.`,
    );
  },
};

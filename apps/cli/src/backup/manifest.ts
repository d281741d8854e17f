import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, type RuntimeMode } from '@karvan/config';

export const MANIFEST_NAME = 'manifest.json';
const FORMAT = 'karvan-backup';
const FORMAT_VERSION = 1;

export interface ManifestEntry {
  name: string;
  size: number;
  sha256: string;
}

/** pg_dump's custom format (services mode) or Karvan's rows as JSON lines (embedded mode). */
export type DatabaseFormat = 'pg_dump-custom' | 'karvan-rows';

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  karvanVersion: string;
  mode: RuntimeMode;
  /** The name of the last migration the database had: a restore needs code that knows it. */
  migration: string;
  database: { entry: string; format: DatabaseFormat; serverVersion: string };
  entries: ManifestEntry[];
}

export function karvanVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function newManifest(
  fields: Omit<Manifest, 'format' | 'formatVersion' | 'createdAt' | 'karvanVersion'>,
): Manifest {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    karvanVersion: karvanVersion(),
    ...fields,
  };
}

/** The parsed manifest, or an error saying what is wrong with it. */
export function parseManifest(text: string): Manifest {
  let value: Partial<Manifest>;
  try {
    value = JSON.parse(text) as Partial<Manifest>;
  } catch {
    throw new BackupError('The archive is damaged: its manifest.json is not valid JSON.');
  }
  if (value.format !== FORMAT || value.formatVersion !== FORMAT_VERSION) {
    throw new BackupError(`This is not a Karvan backup this version can read (format ${String(value.format)}).`);
  }
  if (!Array.isArray(value.entries) || !value.database || !value.migration || !value.mode) {
    throw new BackupError('The archive is damaged: its manifest.json lacks entries, database, migration or mode.');
  }
  return value as Manifest;
}

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupError extends Error {}

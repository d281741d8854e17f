import { DataSource, type EntityManager } from 'typeorm';
import { Batched, prepared } from '@karvan/database';
import { KeptMap } from './kept-map.js';

/**
 * A SQL expression for the content epoch: a counter that every change to courses, modules, their
 * translations or the glossary raises in the same transaction (migration ContentEpoch). Put it in a
 * query a request makes anyway, so checking that the cache is current costs no extra round trip.
 */
export const CONTENT_EPOCH_SQL = `(SELECT epoch FROM cache_epochs WHERE name = 'content')`;

/** The glossary's counter (below) as a SQL expression, for the same use. */
export const GLOSSARY_EPOCH_SQL = `(SELECT epoch FROM cache_epochs WHERE name = 'glossary')`;

export function readContentEpoch(db: DataSource | EntityManager): Promise<string> {
  return readEpoch(db, 'content');
}

/** The glossary's own counter (migration GlossaryEpoch): raised by changes to glossary_terms only. */
export function readGlossaryEpoch(db: DataSource | EntityManager): Promise<string> {
  return readEpoch(db, 'glossary');
}

type EpochName = 'content' | 'glossary';

/** Per data source: the epochs asked for at once (every page that keeps content asks) read once. */
const batches = new WeakMap<DataSource, Batched<EpochName, string>>();

/** Inside a transaction (an EntityManager) the read belongs to its snapshot: not batched with others. */
async function readEpoch(db: DataSource | EntityManager, name: EpochName): Promise<string> {
  const epoch = db instanceof DataSource ? await batchOf(db).load(name) : (await readEpochs(db, [name])).get(name);
  // Made by the migrations, never deleted.
  if (epoch === undefined) throw new Error(`The ${name} epoch is missing from cache_epochs.`);
  return epoch;
}

function batchOf(db: DataSource): Batched<EpochName, string> {
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = new Batched((names) => readEpochs(db, names))));
  return batch;
}

async function readEpochs(db: DataSource | EntityManager, names: EpochName[]): Promise<Map<EpochName, string>> {
  const rows = await prepared<Array<{ name: EpochName; epoch: string }>>(
    db,
    'SELECT name, epoch FROM cache_epochs WHERE name = ANY($1::text[])',
    [names],
  );
  return new Map(rows.map((row) => [row.name, row.epoch]));
}

/**
 * Values that hold for one content epoch: served from memory while the epoch a request read is
 * the one they were built at, rebuilt on the first request after any change. Nothing expires by
 * time, so what a reader sees is never older than their own request.
 */
export class EpochCache<V> {
  private epoch = '';
  private readonly entries: KeptMap<string, V>;

  constructor(maxEntries = 2_000) {
    this.entries = new KeptMap(maxEntries);
  }

  get(key: string, epoch: string): V | undefined {
    if (epoch !== this.epoch) return undefined;
    return this.entries.get(key);
  }

  set(key: string, epoch: string, value: V): void {
    if (epoch !== this.epoch) {
      // Epochs only rise: a value built at an older epoch than the cache holds is not kept.
      if (BigInt(epoch || '0') < BigInt(this.epoch || '0')) return;
      this.entries.clear();
      this.epoch = epoch;
    }
    this.entries.set(key, value);
  }

  /** Reads through the cache: `build` runs only when the key is missing at this epoch. */
  async through(key: string, epoch: string, build: () => Promise<V>): Promise<V> {
    const cached = this.get(key, epoch);
    if (cached !== undefined) return cached;
    const value = await build();
    this.set(key, epoch, value);
    return value;
  }
}

/**
 * Reads asked for by many requests at once, sent as one statement. Keys asked for while the event
 * loop handles one round of sockets are read together once that round is over (`setImmediate`):
 * a lone request waits for nothing, and under load N requests cost one round trip instead of N.
 * Each statement on this machine cost the api a socket write and PostgreSQL a wake-up, which were
 * most of what the read cost. The statement must answer afresh for each batch: nothing is kept.
 * The waiters for one key share its value, so no caller may change what it gets.
 */
export class Batched<K, V> {
  private waiting = new Map<K, Array<Waiter<V>>>();
  private scheduled = false;

  /** `read` answers for a batch of distinct keys (at most `maxBatch`); a key it leaves out has no value. */
  constructor(
    private readonly read: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 100,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (this.waiting.size >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.waiting.size === 0) return;
    const batch = this.waiting;
    this.waiting = new Map();
    void this.answer(batch);
  }

  private async answer(batch: Map<K, Array<Waiter<V>>>): Promise<void> {
    try {
      const found = await this.read([...batch.keys()]);
      batch.forEach((waiters, key) => waiters.forEach((w) => w.resolve(found.get(key))));
    } catch (error) {
      if (batch.size === 1) batch.forEach((waiters) => waiters.forEach((w) => w.reject(error)));
      // One request's bad key (a slug PostgreSQL refuses) must not fail the others read with it.
      else batch.forEach((waiters, key) => void this.answer(new Map([[key, waiters]])));
    }
  }
}

/** Rows of a batched read as values (`valueOf`), grouped by the key each belongs to, in the order they came. */
export function rowsBy<K, R, V>(rows: R[], keyOf: (row: R) => K, valueOf: (row: R) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(valueOf(row));
    else groups.set(key, [valueOf(row)]);
  }
  return groups;
}

interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * A map that keeps at most `limit` entries, dropping the oldest first: for what a process keeps
 * in memory (rendered blocks, course texts, signature checks, values of one content epoch).
 */
export class KeptMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value!);
    return super.set(key, value);
  }
}

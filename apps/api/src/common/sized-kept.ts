/**
 * Values by key, the oldest dropped first when there are more than `maxEntries` of them or their
 * sizes (as `sizeOf` measures them) add up to more than `maxSize`. For what the api keeps of pages:
 * a few entries can be large (the glossary's page), so a count alone bounds no memory.
 */
export class SizedKept<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    // One value over the whole budget is used as it is, not kept at the cost of all the others.
    if (this.sizeOf(value) > this.maxSize) return;
    this.drop(key);
    this.entries.set(key, value);
    this.total += this.sizeOf(value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.total <= this.maxSize) break;
      this.drop(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The sizes of what is kept, added up. */
  get totalSize(): number {
    return this.total;
  }

  private drop(key: string): void {
    if (!this.entries.has(key)) return;
    this.total -= this.sizeOf(this.entries.get(key)!);
    this.entries.delete(key);
  }
}

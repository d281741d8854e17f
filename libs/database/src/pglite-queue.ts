import type { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

// Extended-protocol messages that leave a statement half-done until the client's Sync.
const IN_SEQUENCE = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);

/**
 * Replaces pglite-socket's query queue. PGlite is one session shared by every socket, and the
 * stock queue interleaves connections message by message, so one client's Bind can land on
 * another's unnamed Parse ("unnamed prepared statement does not exist"). This queue keeps a
 * connection's turn from its Parse to its Sync, as it already does for open transactions.
 */
export class SequenceQueryQueue {
  private readonly queue: QueuedMessage[] = [];
  private processing = false;
  private lastHandlerId: number | null = null;
  /** The connection in the middle of an extended-protocol sequence, if any. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, resolve, reject, onData });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].handlerId !== handlerId) continue;
      this.queue[i].reject(new Error('Handler disconnected'));
      this.queue.splice(i, 1);
    }
    if (this.owner === handlerId) this.owner = null;
    void this.processQueue();
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.db.isInTransaction() && this.lastHandlerId === handlerId) {
      await this.db.exec('ROLLBACK');
      this.lastHandlerId = null;
      await this.processQueue();
    }
  }

  private next(): QueuedMessage | undefined {
    const holder = this.owner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
    if (holder === null) return this.queue.shift();
    const index = this.queue.findIndex((item) => item.handlerId === holder);
    // The holder's next message has not arrived yet: everyone else waits for it.
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          current.reject(error);
          continue;
        }
        const type = current.message[0];
        if (IN_SEQUENCE.has(type)) this.owner = current.handlerId;
        else if (type === SYNC && this.owner === current.handlerId) this.owner = null;
        this.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}

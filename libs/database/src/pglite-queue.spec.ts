import type { PGlite } from '@electric-sql/pglite';
import { SequenceQueryQueue } from './pglite-queue.js';

/** Records the order in which PGlite would run the protocol messages it is given. */
function recordingEngine(order: string[]) {
  return {
    isInTransaction: () => false,
    runExclusive: <T>(work: () => Promise<T>) => work(),
    execProtocolRawStream: async (message: Uint8Array) => {
      await Promise.resolve();
      order.push(new TextDecoder().decode(message));
    },
    exec: () => Promise.resolve([]),
  } as unknown as PGlite;
}

/** A message whose first byte is its protocol type, tagged with who sent it. */
function message(type: string, from: string): Uint8Array {
  return new TextEncoder().encode(`${type}${from}`);
}

describe('the embedded query queue', () => {
  it('runs one connection’s Parse … Sync without another connection’s messages in between', async () => {
    const order: string[] = [];
    const queue = new SequenceQueryQueue(recordingEngine(order));
    // Each connection sends its next message only when the previous one is done, as pglite-socket does.
    const connection = async (id: number, name: string) => {
      for (const type of ['P', 'B', 'D', 'E', 'S']) await queue.enqueue(id, message(type, name), () => undefined);
    };
    await Promise.all([connection(1, 'a'), connection(2, 'b'), connection(3, 'c')]);
    const sequences = order.join(' ');
    for (const name of ['a', 'b', 'c']) expect(sequences).toContain(`P${name} B${name} D${name} E${name} S${name}`);
  });

  it('lets the next connection in when one disconnects mid-sequence', async () => {
    const order: string[] = [];
    const queue = new SequenceQueryQueue(recordingEngine(order));
    await queue.enqueue(1, message('P', 'a'), () => undefined);
    const waiting = queue.enqueue(2, message('Q', 'b'), () => undefined);
    queue.clearQueueForHandler(1);
    await waiting;
    expect(order).toEqual(['Pa', 'Qb']);
  });
});

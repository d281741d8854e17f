import { Batched } from './batched.js';

/** A read that records each batch it is asked for and answers each key with its upper case. */
function recording(fail?: (keys: string[]) => boolean) {
  const batches: string[][] = [];
  const batched = new Batched((keys: string[]) => {
    batches.push(keys);
    if (fail?.(keys)) return Promise.reject(new Error(`refused: ${keys.join(',')}`));
    return Promise.resolve(new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()])));
  }, 3);
  return { batched, batches };
}

const nextRound = () => new Promise((resolve) => setImmediate(resolve));

describe('reads batched per round of the event loop', () => {
  it('reads the keys asked for in one round together, each waiter getting its own key', async () => {
    const { batched, batches } = recording();
    const answers = await Promise.all([batched.load('a'), batched.load('b'), batched.load('a')]);
    expect(answers).toEqual(['A', 'B', 'A']);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('reads a lone key in the next round, and a key it does not find as undefined', async () => {
    const { batched, batches } = recording();
    expect(await batched.load('missing')).toBeUndefined();
    expect(await batched.load('c')).toBe('C');
    expect(batches).toEqual([['missing'], ['c']]);
  });

  it('never adds a key to a batch already sent: a later request gets a read made after it', async () => {
    const { batched, batches } = recording();
    const first = batched.load('a');
    await nextRound(); // the batch of 'a' is sent
    const second = batched.load('a');
    expect(await Promise.all([first, second])).toEqual(['A', 'A']);
    expect(batches).toEqual([['a'], ['a']]);
  });

  it('sends a full batch at once, without waiting for the round to end', async () => {
    const { batched, batches } = recording();
    const loads = ['a', 'b', 'c', 'd'].map((k) => batched.load(k));
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(await Promise.all(loads)).toEqual(['A', 'B', 'C', 'D']);
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('fails only the key the read refuses, reading the others of its batch again alone', async () => {
    const { batched } = recording((keys) => keys.includes('bad'));
    const [good, bad, other] = await Promise.allSettled(['a', 'bad', 'b'].map((k) => batched.load(k)));
    expect(good).toEqual({ status: 'fulfilled', value: 'A' });
    expect(other).toEqual({ status: 'fulfilled', value: 'B' });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('refused: bad') });
  });
});

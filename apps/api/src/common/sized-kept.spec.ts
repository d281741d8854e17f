import { SizedKept } from './sized-kept.js';

const kept = (maxEntries: number, maxSize: number) => new SizedKept<string>(maxEntries, maxSize, (s) => s.length);

describe('SizedKept', () => {
  it('drops the oldest first when there are too many', () => {
    const values = kept(2, 1_000);
    for (const key of ['a', 'b', 'c']) values.set(key, 'x'.repeat(10));
    expect([values.get('a'), values.size, values.totalSize]).toEqual([undefined, 2, 20]);
    expect(values.get('c')).toHaveLength(10);
  });

  it('drops the oldest first when the sizes add up to too much, and counts a value set again once', () => {
    const values = kept(100, 1_000);
    values.set('a', 'x'.repeat(400));
    values.set('b', 'x'.repeat(400));
    values.set('b', 'y'.repeat(400));
    expect([values.size, values.totalSize, values.get('b')?.[0]]).toEqual([2, 800, 'y']);
    values.set('c', 'x'.repeat(400));
    expect([values.get('a'), values.size, values.totalSize]).toEqual([undefined, 2, 800]);
    // One value bigger than the whole budget is not kept, and pushes no other out.
    values.set('d', 'x'.repeat(2_000));
    expect([values.get('d'), values.size, values.totalSize]).toEqual([undefined, 2, 800]);
  });
});

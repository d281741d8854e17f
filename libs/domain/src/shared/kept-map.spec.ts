import { KeptMap } from './kept-map.js';

describe('KeptMap', () => {
  it('keeps at most its limit, dropping the oldest entry first', () => {
    const kept = new KeptMap<string, number>(2);
    kept.set('a', 1).set('b', 2).set('c', 3);
    expect([...kept.keys()]).toEqual(['b', 'c']);
  });

  it('replaces a value in place without dropping another', () => {
    const kept = new KeptMap<string, number>(2);
    kept.set('a', 1).set('b', 2).set('a', 10);
    expect([...kept]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
  });
});

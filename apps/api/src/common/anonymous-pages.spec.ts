import { KeptPages } from './anonymous-pages.js';

const page = (bytes: number) => [Buffer.alloc(bytes / 2), Buffer.alloc(bytes / 2)];

describe('KeptPages', () => {
  it('drops the oldest pages first when there are too many', () => {
    const pages = new KeptPages(2, 1_000);
    for (const key of ['a', 'b', 'c']) pages.set(key, page(10));
    expect([pages.get('a'), pages.size, pages.byteSize]).toEqual([undefined, 2, 20]);
    expect(pages.get('c')).toHaveLength(2);
  });

  it('drops the oldest pages first when they hold too many bytes, and counts a page set again once', () => {
    const pages = new KeptPages(100, 1_000);
    pages.set('a', page(400));
    pages.set('b', page(400));
    pages.set('b', page(400));
    expect([pages.size, pages.byteSize]).toEqual([2, 800]);
    pages.set('c', page(400));
    expect([pages.get('a'), pages.size, pages.byteSize]).toEqual([undefined, 2, 800]);
    // A page bigger than the whole budget is not kept, and pushes no other out.
    pages.set('d', page(2_000));
    expect([pages.get('d'), pages.size, pages.byteSize]).toEqual([undefined, 2, 800]);
  });
});

import { fromUserKeys, userKey } from './user-keys.js';

describe('keys of batched reads per person and course', () => {
  it('splits back into the user ids (null for a visitor) and the slugs, spaces in a slug and all', () => {
    const id = '6f1c2a54-9a4e-4c59-8a3e-0d6c1a2b3c4d';
    const keys = [userKey(id, 'fundamentals'), userKey(undefined, 'fundamentals'), userKey(id, 'odd slug  ')];
    expect(fromUserKeys(keys)).toEqual({
      userIds: [id, null, id],
      values: ['fundamentals', 'fundamentals', 'odd slug  '],
    });
    expect(new Set(keys).size).toBe(3);
  });
});

/**
 * Keys for reads batched per person and something of theirs (a course slug, a page language):
 * `Batched` dedupes equal keys, so they are strings, made of the user id (or nothing, for a
 * visitor) and the value, split at the first space, which no user id has.
 */
export function userKey(userId: string | undefined, value: string): string {
  return `${userId ?? ''} ${value}`;
}

/** The user ids (null for a visitor) and the values of `userKey`s, as two arrays for `unnest`. */
export function fromUserKeys(keys: string[]): { userIds: Array<string | null>; values: string[] } {
  const at = keys.map((key) => key.indexOf(' '));
  return {
    userIds: keys.map((key, i) => key.slice(0, at[i]) || null),
    values: keys.map((key, i) => key.slice(at[i] + 1)),
  };
}

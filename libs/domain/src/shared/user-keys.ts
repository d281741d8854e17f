/**
 * Keys for reads batched per person and course (`Batched` dedupes equal keys, so they are strings):
 * the user id (or nothing, for a visitor) and a slug, split at the first space, which no user id has.
 */
export function userKey(userId: string | undefined, slug: string): string {
  return `${userId ?? ''} ${slug}`;
}

/** The user ids (null for a visitor) and the slugs of `userKey`s, as two arrays for `unnest`. */
export function fromUserKeys(keys: string[]): { userIds: Array<string | null>; slugs: string[] } {
  const at = keys.map((key) => key.indexOf(' '));
  return {
    userIds: keys.map((key, i) => key.slice(0, at[i]) || null),
    slugs: keys.map((key, i) => key.slice(at[i] + 1)),
  };
}

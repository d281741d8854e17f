/**
 * An HTML form cannot send an object: it names the entries of one `<prefix><key>` (answers as
 * `a-motivation`, scores as `s-relevance`). Gathered under `into`, the form has the JSON API's
 * shape, and the same DTO validates it; a form's own `into` field still reaches the DTO.
 */
export function gather(body: unknown, prefix: string, into: string): Record<string, unknown> {
  const gathered: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name.startsWith(prefix)) gathered[name.slice(prefix.length)] = value;
    else rest[name] = value;
  }
  return { [into]: gathered, ...rest };
}

export function wantsJson(url: string): boolean {
  return url.startsWith('/api/');
}

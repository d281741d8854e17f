export type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

/**
 * JSON with object keys sorted and no whitespace (the JSON Canonicalization Scheme, RFC 8785, for
 * the values a certificate holds: strings, integers, booleans). What is signed is these bytes, so
 * anyone can rebuild them from the published fields.
 */
export function canonicalJson(value: Canonical): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new Error(`Only integers are signed, got ${value}`);
  }
  return JSON.stringify(value);
}

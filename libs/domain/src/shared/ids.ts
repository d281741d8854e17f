const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path's id can be a row id at all: anything else is "not found" without a query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

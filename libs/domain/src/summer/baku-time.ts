// Baku is UTC+4 all year (no daylight saving since 2016).
const BAKU_OFFSET_MS = 4 * 3_600_000;

/**
 * Reads a date-time as a form sends it. Without a time zone it is taken as Baku time (UTC+4, no
 * daylight saving since 2016), where the schools take place, not the server's zone.
 */
export function bakuTime(value: unknown): Date {
  const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text) || !/T\d{2}:\d{2}/.test(text) ? text : `${text}+04:00`;
  return new Date(zoned);
}

/** A moment as Baku's wall clock shows it, `YYYY-MM-DDTHH:MM` (what a datetime-local field holds). */
export function bakuLocal(date: Date): string {
  return new Date(date.getTime() + BAKU_OFFSET_MS).toISOString().slice(0, 16);
}

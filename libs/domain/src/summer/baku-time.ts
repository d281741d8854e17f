import { DEFAULT_TIME_ZONE, parseZoned, zonedLocal } from '../shared/date-time.js';

/** Reads a date-time as a form sends it; without an offset it is Baku's wall clock. */
export function bakuTime(value: unknown, zone: string = DEFAULT_TIME_ZONE): Date {
  return parseZoned(value, zone);
}

/** A moment as Baku's wall clock shows it, `YYYY-MM-DDTHH:MM` (what a datetime-local field holds). */
export function bakuLocal(date: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return zonedLocal(date, zone);
}

/**
 * The zone a new cohort gets unless its coordinator picks another: the schools take place in
 * Baku. Each cohort keeps its own (`time_zone`), in which its pages show every time, whoever reads.
 */
export const SCHOOL_TIME_ZONE = DEFAULT_TIME_ZONE;

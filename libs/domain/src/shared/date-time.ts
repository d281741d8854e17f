import { translate } from '../i18n/translate.js';
import type { Locale } from './locale.js';

/**
 * Karvan's one way to show a moment or a number to a person: always in a named zone (the cohort's,
 * the user's or the site's), in the reader's language, with the zone said in words and as an
 * offset, so "14:00" never means two things on two pages.
 */

/** Where the schools take place, and the site's zone when the configuration names none. */
export const DEFAULT_TIME_ZONE = 'Asia/Baku';

/** English dates as people in Azerbaijan write them (day first), not the American order. */
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', az: 'az', ru: 'ru' };

/** The date formats pages use, by name: a formatter is made once per language, zone and format. */
const FORMATS = {
  parts: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function format(locale: Locale, zone: string, name: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${name}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...FORMATS[name], timeZone: zone });
    formats.set(key, found);
  }
  return found;
}

/** Whether the text is an IANA zone this runtime knows (`Europe/Berlin`, `Asia/Baku`, `UTC`). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zones a person may pick, by name. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

/** A date, an ISO string or nothing, as a Date or null (never an Invalid Date). */
export function toDate(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' && value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** Minutes a zone is ahead of UTC at a moment (Berlin: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(date: Date, zone: string): number {
  const parts = format('en', zone, 'parts').formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** "Baku time (UTC+4)", "Bakı vaxtı (UTC+4)", "время Баку (UTC+4)": the zone as it is at that moment. */
export function zoneLabel(zone: string, locale: Locale, at: Date = new Date()): string {
  const offset = offsetText(zoneOffsetMinutes(at, zone));
  if (zone === 'UTC' || zone === 'Etc/UTC') return offset;
  const known = translate(locale, `ux.zone.${zone}`);
  const city = known.startsWith('ux.zone.') ? zone.split('/').pop()!.replace(/_/g, ' ') : known;
  return translate(locale, 'ux.zoneLabel', { city, offset });
}

/** "5 Dec 2026": the calendar day in the zone. */
export function formatDate(value: unknown, locale: Locale, zone: string): string {
  const date = toDate(value);
  return date ? format(locale, zone, 'date').format(date) : '';
}

/** "14:00" on the zone's 24-hour clock, without the zone (for a list that names it once). */
export function formatClock(value: unknown, locale: Locale, zone: string): string {
  const date = toDate(value);
  return date ? format(locale, zone, 'clock').format(date) : '';
}

/** "14:00, Baku time (UTC+4)". */
export function formatTime(value: unknown, locale: Locale, zone: string): string {
  const date = toDate(value);
  return date ? `${formatClock(date, locale, zone)}, ${zoneLabel(zone, locale, date)}` : '';
}

/** "5 Dec 2026, 14:00, Baku time (UTC+4)". */
export function formatDateTime(value: unknown, locale: Locale, zone: string): string {
  const date = toDate(value);
  return date ? `${formatDate(date, locale, zone)}, ${formatTime(date, locale, zone)}` : '';
}

/** "14:00–15:30, Baku time (UTC+4)"; the end's day is added when it is another day. */
export function formatTimeRange(start: unknown, end: unknown, locale: Locale, zone: string): string {
  const from = toDate(start);
  const to = toDate(end);
  if (!from || !to) return formatTime(from ?? to, locale, zone);
  const otherDay = formatDate(from, locale, zone) !== formatDate(to, locale, zone);
  const until = otherDay
    ? `${formatDate(to, locale, zone)}, ${formatClock(to, locale, zone)}`
    : formatClock(to, locale, zone);
  return `${formatClock(from, locale, zone)}–${until}, ${zoneLabel(zone, locale, from)}`;
}

/** A number with the locale's separators: 1,234.5 in English, 1.234,5 in Azerbaijani, 1 234,5 in Russian. */
export function formatNumber(value: unknown, locale: Locale, maximumFractionDigits = 2): string {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  if (!Number.isFinite(number)) return '';
  const key = `${locale}|${maximumFractionDigits}`;
  let numbers = numberFormats.get(key);
  if (!numbers) {
    numbers = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits });
    numberFormats.set(key, numbers);
  }
  return numbers.format(number);
}

/** A moment as the zone's wall clock shows it, `YYYY-MM-DDTHH:MM` (what a datetime-local field holds). */
export function zonedLocal(date: Date, zone: string): string {
  return new Date(date.getTime() + zoneOffsetMinutes(date, zone) * 60_000).toISOString().slice(0, 16);
}

/**
 * Reads a date-time as a form sends it. Without an offset it is the zone's wall clock; the offset
 * is looked up twice because it may change between the guess and the answer (a DST switch).
 */
export function parseZoned(value: unknown, zone: string): Date {
  const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : '';
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(text) || !/T\d{2}:\d{2}/.test(text)) return new Date(text);
  const wall = new Date(`${text}Z`);
  if (Number.isNaN(wall.getTime())) return wall;
  const first = new Date(wall.getTime() - zoneOffsetMinutes(wall, zone) * 60_000);
  return new Date(wall.getTime() - zoneOffsetMinutes(first, zone) * 60_000);
}

import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  formatTimeRange,
  isTimeZone,
  parseZoned,
  zonedLocal,
  zoneLabel,
} from '@karvan/domain';

const SESSION = new Date('2026-07-01T10:00:00Z');

describe('the date-time formatter', () => {
  it('shows a moment in Baku time with the zone named in each language', () => {
    expect(formatTime(SESSION, 'en', 'Asia/Baku')).toBe('14:00, Baku time (UTC+4)');
    expect(formatTime(SESSION, 'az', 'Asia/Baku')).toBe('14:00, Bakı vaxtı (UTC+4)');
    expect(formatTime(SESSION, 'ru', 'Asia/Baku')).toBe('14:00, время Баку (UTC+4)');
  });

  it('keeps Baku at UTC+4 in winter and summer (no daylight saving)', () => {
    expect(zoneLabel('Asia/Baku', 'en', new Date('2026-01-15T12:00:00Z'))).toBe('Baku time (UTC+4)');
    expect(zoneLabel('Asia/Baku', 'en', new Date('2026-07-15T12:00:00Z'))).toBe('Baku time (UTC+4)');
    expect(formatTime(new Date('2026-01-15T10:00:00Z'), 'en', 'Asia/Baku')).toBe('14:00, Baku time (UTC+4)');
  });

  it('follows a user zone such as Berlin across daylight saving', () => {
    expect(formatTime(new Date('2026-01-15T10:00:00Z'), 'en', 'Europe/Berlin')).toBe('11:00, Berlin time (UTC+1)');
    expect(formatTime(SESSION, 'en', 'Europe/Berlin')).toBe('12:00, Berlin time (UTC+2)');
    // The night of the spring switch: 01:59 is still UTC+1, 03:00 already UTC+2.
    expect(formatTime(new Date('2026-03-29T00:59:00Z'), 'en', 'Europe/Berlin')).toBe('01:59, Berlin time (UTC+1)');
    expect(formatTime(new Date('2026-03-29T01:00:00Z'), 'en', 'Europe/Berlin')).toBe('03:00, Berlin time (UTC+2)');
  });

  it('names zones it has no translation for by their city, and UTC as UTC', () => {
    expect(zoneLabel('America/New_York', 'en', SESSION)).toBe('New York time (UTC−4)');
    expect(zoneLabel('Asia/Kolkata', 'en', SESSION)).toBe('Kolkata time (UTC+5:30)');
    expect(zoneLabel('UTC', 'ru', SESSION)).toBe('UTC');
  });

  it('writes dates day first in each language, on the zone’s calendar', () => {
    const lateEvening = new Date('2026-12-05T21:30:00Z');
    expect(formatDate(lateEvening, 'en', 'Asia/Baku')).toBe('6 Dec 2026');
    expect(formatDate(lateEvening, 'en', 'UTC')).toBe('5 Dec 2026');
    expect(formatDate(lateEvening, 'ru', 'Asia/Baku')).toMatch(/^6 дек\.? 2026/);
    expect(formatDateTime(lateEvening, 'en', 'Asia/Baku')).toBe('6 Dec 2026, 01:30, Baku time (UTC+4)');
  });

  it('shows a session as one range with the zone once', () => {
    const end = new Date('2026-07-01T11:30:00Z');
    expect(formatTimeRange(SESSION, end, 'en', 'Asia/Baku')).toBe('14:00–15:30, Baku time (UTC+4)');
  });

  it('prints nothing for a missing or broken date rather than "Invalid Date"', () => {
    expect(formatDateTime(null, 'en', 'Asia/Baku')).toBe('');
    expect(formatDate('not a date', 'en', 'Asia/Baku')).toBe('');
    expect(formatDate('2026-07-01T10:00:00.000Z', 'en', 'Asia/Baku')).toBe('1 Jul 2026');
  });

  it('uses the decimal comma in Azerbaijani and Russian', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'az')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'ru')).toBe('1\u00a0234,5');
    expect(formatNumber(0.75, 'ru')).toBe('0,75');
    expect(formatNumber('', 'en')).toBe('');
  });

  it('reads a form’s wall-clock time in the zone and writes it back the same', () => {
    expect(parseZoned('2026-07-01T14:00', 'Asia/Baku').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(parseZoned('2026-07-01T14:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(parseZoned('2026-01-15T14:00', 'Europe/Berlin').toISOString()).toBe('2026-01-15T13:00:00.000Z');
    expect(parseZoned('2026-07-01T14:00Z', 'Asia/Baku').toISOString()).toBe('2026-07-01T14:00:00.000Z');
    expect(zonedLocal(new Date('2026-07-01T10:00:00Z'), 'Asia/Baku')).toBe('2026-07-01T14:00');
  });

  it('knows real zones from made-up ones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

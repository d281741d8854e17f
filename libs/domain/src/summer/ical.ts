export interface CalendarEvent {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  /** When the event itself last changed (LAST-MODIFIED). */
  lastModified: Date;
  cancelled: boolean;
  summary: string;
  location: string;
  description: string;
}

/**
 * An iCalendar (RFC 5545) document: CRLF line ends, lines folded at 75 octets, text escaped.
 * Times are UTC, so no VTIMEZONE is needed; X-WR-TIMEZONE names the cohort's zone, in which
 * calendar programs that read it show the school's own clock. DTSTAMP is when this document is generated, as RFC
 * 5545 asks for a calendar with a METHOD; cancelled events stay, so subscribers drop them.
 */
export function icsCalendar(name: string, zone: string, events: CalendarEvent[], generatedAt: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Karvan//Summer school timetable//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${zone}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utc(generatedAt)}`,
      `LAST-MODIFIED:${utc(e.lastModified)}`,
      `DTSTART:${utc(e.start)}`,
      `DTEND:${utc(e.end)}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT per RFC 5545 3.3.11: escaped line breaks, and no control characters other than tab. */
function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .split('')
    .filter((char) => char === '\t' || (char >= ' ' && char !== '\u007f'))
    .join('');
}

/** Folds at 75 octets without splitting a UTF-8 character (Azerbaijani and Russian text). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  const limit = () => (parts.length === 0 ? 75 : 74); // continuation lines start with a space
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > limit()) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

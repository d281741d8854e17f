import ICAL from 'ical.js';
import { beginSessions, createScratchDatabase } from '@karvan/testing';
import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** One content line, unfolded: its name, its parameters and its value, unescaped if it is text. */
interface Property {
  name: string;
  params: string[];
  value: string;
}

type CalendarEvent = Map<string, Property[]>;

const TEXT = new Set(['SUMMARY', 'LOCATION', 'DESCRIPTION', 'X-WR-CALNAME']);
// RFC 5545 3.1: name *(";" param) ":" value, where a name is IANA or X- letters, digits and dashes.
const CONTENT_LINE = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/;
const UTC = /^\d{8}T\d{6}Z$/;

/**
 * A strict reading of the feed, line by line, written here rather than taken from the generator:
 * CRLF only, no physical line over 75 octets, folds undone, every line well formed.
 */
function parseFeed(text: string): { calendar: Property[]; events: CalendarEvent[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const calendar: Property[] = [];
  const events: CalendarEvent[] = [];
  let current: CalendarEvent | null = null;
  for (const line of logical) {
    const match = CONTENT_LINE.exec(line);
    if (!match) throw new Error(`Not a content line: ${JSON.stringify(line)}`);
    const [, rawName, rawParams, rawValue] = match;
    const name = rawName.toUpperCase();
    const property = { name, params: rawParams.split(';').filter(Boolean), value: rawValue };
    if (TEXT.has(name)) property.value = unescapeText(rawValue);
    if (name === 'BEGIN' && rawValue === 'VEVENT') current = new Map();
    else if (name === 'END' && rawValue === 'VEVENT') {
      events.push(current as CalendarEvent);
      current = null;
    } else if (current) current.set(name, [...(current.get(name) ?? []), property]);
    else calendar.push(property);
  }
  expect(calendar[0]).toMatchObject({ name: 'BEGIN', value: 'VCALENDAR' });
  expect(calendar.at(-1)).toMatchObject({ name: 'END', value: 'VCALENDAR' });
  return { calendar, events };
}

/** TEXT values: a backslash escapes only \\ ; , n N; a bare comma or semicolon would be a list. */
function unescapeText(value: string): string {
  expect(value).not.toMatch(/(^|[^\\])(\\\\)*[,;]/);
  return value.replace(/\\([\\;,nN])|\\(.)/g, (_, known: string | undefined, other: string | undefined) => {
    if (other !== undefined) throw new Error(`Bad escape \\${other} in ${value}`);
    return known === 'n' || known === 'N' ? '\n' : (known as string);
  });
}

/** The one value of a property an event must have exactly once. */
function one(event: CalendarEvent, name: string): string {
  const found = event.get(name) ?? [];
  expect(found.map((p) => p.name)).toEqual([name]);
  return found[0].value;
}

function utcDate(value: string): Date {
  expect(value).toMatch(UTC);
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) as RegExpExecArray;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
}

function byUid(events: CalendarEvent[]): Map<string, CalendarEvent> {
  return new Map(events.map((e) => [one(e, 'UID'), e]));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('summer-school calendar feed (RFC 5545)', () => {
  let databaseUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    databaseUrl = await createScratchDatabase('calendar');
    t = await startTestApp({
      DATABASE_URL: databaseUrl,
      BASE_URL: 'http://karvan-first.test',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_calendar`,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const independentlyParsed: Array<ReturnType<typeof ICAL.parse>> = [];
  const feed = async (app: TestApp, cohortId: string) => {
    const response = await app.client().get(`/cohorts/${cohortId}/timetable.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    independentlyParsed.push(ICAL.parse(response.text));
    return parseFeed(response.text);
  };

  it('shows a cohort held in Berlin in Berlin time, zone named, on every page and in the feed', async () => {
    const coordinator = await person(t, ['coordinator'], 'Berlin Coordinator');
    const cohortId = await makeCohort(coordinator.client, { requireCourses: false, timeZone: 'Europe/Berlin' });
    const member = await apply(t, cohortId, 'young_researcher', 'Berlin Member');
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [member.applicationId],
      decision: 'accept',
    });
    await member.client.json('POST', `/api/v1/applications/${member.applicationId}/confirm`);
    const made = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Labour migration in the EU',
      startsAt: '2027-07-06T14:00',
      endsAt: '2027-07-06T15:30',
    });
    expect(made.status).toBe(201);
    const sessionId = made.json<{ id: string }>().id;
    // Its register opens only when it begins.
    expect(
      (await coordinator.client.json('POST', `/api/v1/sessions/${sessionId}/attendance`, { allPresent: true })).status,
    ).toBe(409);

    // 14:00 on a Berlin summer day is 12:00Z, not Baku's 10:00Z.
    const { calendar, events } = await feed(t, cohortId);
    expect(calendar.find((p) => p.name === 'X-WR-TIMEZONE')?.value).toBe('Europe/Berlin');
    expect(one(events[0], 'DTSTART')).toBe('20270706T120000Z');
    const shown = '14:00–15:30, Berlin time (UTC+2)';
    expect((await t.client().get(`/cohorts/${cohortId}/timetable`)).text).toContain(shown);
    expect((await coordinator.client.get(`/cohorts/${cohortId}/sessions`)).text).toContain(shown);
    const register = await coordinator.client.get(`/sessions/${sessionId}/register`);
    expect(register.text).toContain(shown);
    expect(register.text).toContain('value="2027-07-06T14:00"');
    expect(register.text).toContain('Dates and times are in the zone Europe/Berlin.');
    expect((await member.client.get(`/cohorts/${cohortId}/attendance/me`)).text).toContain(
      '14:00, Berlin time (UTC+2)',
    );
    expect((await t.client().get(`/cohorts/${cohortId}`)).text).toMatch(/Berlin time \(UTC\+[12]\)/);
    const manage = await coordinator.client.get(`/cohorts/${cohortId}/manage`);
    expect(manage.text).toContain('<option value="Europe/Berlin" selected>');

    // A change that leaves the zone out keeps it; a zone that does not exist is refused.
    const kept = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}`, {
      title: 'Summer 2027 in Berlin',
      startsOn: '2027-07-05',
      endsOn: '2027-07-09',
      capacity: 2,
      opensAt: '2027-01-04T09:00',
      closesAt: '2027-06-01T18:00',
      form: 'short: note | A note',
    });
    expect(kept.status).toBe(200);
    const [row] = await t.db.query<Array<{ time_zone: string; opens_at: Date }>>(
      'SELECT time_zone, opens_at FROM cohorts WHERE id = $1',
      [cohortId],
    );
    expect(row.time_zone).toBe('Europe/Berlin');
    // Typed as Berlin's winter clock: 09:00 is 08:00Z.
    expect(row.opens_at.toISOString()).toBe('2027-01-04T08:00:00.000Z');
    const refused = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}`, {
      title: 'Summer 2027 in Berlin',
      timeZone: 'Europe/Atlantis',
    });
    expect(refused.status).toBe(400);
  });

  it('stamps the feed when generated, revises edited sessions, keeps removed ones cancelled, and keeps UIDs across a change of address', async () => {
    const coordinator = await person(t, ['coordinator'], 'Calendar Coordinator');
    const cohortId = await makeCohort(coordinator.client, { requireCourses: false, minAttendance: 80 });
    const member = await apply(t, cohortId, 'young_researcher', 'Calendar Member');
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [member.applicationId],
      decision: 'accept',
    });
    expect((await member.client.json('POST', `/api/v1/applications/${member.applicationId}/confirm`)).status).toBe(200);

    const longDescription = `Sərhəd idarəçiliyi; миграция, "границы" \\ back\nsecond line ${'ə'.repeat(60)}`;
    const add = async (title: string, day: string) => {
      const made = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
        title,
        speaker: 'Dr. Əliyeva, SMS',
        startsAt: `2027-07-${day}T09:00`,
        endsAt: `2027-07-${day}T10:30`,
        room: 'Hall A; ground floor',
        description: longDescription,
      });
      expect(made.status).toBe(201);
      return made.json<{ id: string }>().id;
    };
    const kept = await add('Opening, welcome', '05');
    const dropped = await add('Borders', '06');
    const uidKept = `session-${kept}@karvan`;
    const uidDropped = `session-${dropped}@karvan`;

    const first = await feed(t, cohortId);
    expect(first.calendar.filter((p) => p.name === 'METHOD').map((p) => p.value)).toEqual(['PUBLISH']);
    // Times in UTC, so the feed needs (and has) no VTIMEZONE: 09:00 in Baku is 05:00Z.
    expect(first.calendar.some((p) => p.name === 'TZID')).toBe(false);
    const events1 = byUid(first.events);
    expect([...events1.keys()].sort()).toEqual([uidKept, uidDropped].sort());
    const opening = events1.get(uidKept) as CalendarEvent;
    expect(one(opening, 'DTSTART')).toBe('20270705T050000Z');
    expect(one(opening, 'DTEND')).toBe('20270705T063000Z');
    expect(one(opening, 'SEQUENCE')).toBe('0');
    expect(one(opening, 'STATUS')).toBe('CONFIRMED');
    expect(one(opening, 'SUMMARY')).toBe('Opening, welcome');
    expect(one(opening, 'LOCATION')).toBe('Hall A; ground floor');
    expect(one(opening, 'DESCRIPTION')).toBe(`Dr. Əliyeva, SMS\n\n${longDescription}`);
    for (const event of first.events) {
      expect(utcDate(one(event, 'LAST-MODIFIED')).getTime()).toBeLessThanOrEqual(
        utcDate(one(event, 'DTSTAMP')).getTime(),
      );
    }

    // A change of time is a revision: SEQUENCE 1. A description alone moves LAST-MODIFIED only,
    // and the same form sent again changes nothing, and tells nobody.
    const edit = (fields: Record<string, string>) =>
      coordinator.client.json('POST', `/api/v1/sessions/${kept}`, {
        title: 'Opening, welcome',
        speaker: 'Dr. Əliyeva, SMS',
        startsAt: '2027-07-05T11:00',
        endsAt: '2027-07-05T12:30',
        room: 'Hall A; ground floor',
        description: longDescription,
        ...fields,
      });
    const keptRow = async () =>
      (
        await t.db.query<Array<{ sequence: number; updated_at: Date }>>(
          `SELECT sequence, updated_at FROM cohort_sessions WHERE id = $1`,
          [kept],
        )
      )[0];
    const mailsAbout = async (sessionId: string) =>
      (
        await t.db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM outbox_emails WHERE dedupe_key LIKE $1`,
          [`timetable:${sessionId}:%`],
        )
      )[0].n;
    expect((await edit({})).status).toBe(200);
    const moved = await keptRow();
    expect(moved.sequence).toBe(1);
    expect(await mailsAbout(kept)).toBe(2);
    expect((await edit({ description: 'Bring your passport.' })).status).toBe(200);
    const described = await keptRow();
    expect(described.sequence).toBe(1);
    expect(described.updated_at.getTime()).toBeGreaterThan(moved.updated_at.getTime());
    expect(await mailsAbout(kept)).toBe(3);
    expect((await edit({ description: 'Bring your passport.' })).status).toBe(200);
    expect(await keptRow()).toEqual(described);
    expect(await mailsAbout(kept)).toBe(3);
    // A title in Azerbaijani, for the members who read in it; the feed keeps the base title.
    const titleAz = 'Açılış, xoş gəlmisiniz';
    expect((await edit({ description: 'Bring your passport.', titleAz })).status).toBe(200);
    // A new title in the feed in Azerbaijani, so a revision (SEQUENCE 2) and LAST-MODIFIED moves
    // on; members are not e-mailed about a translation alone.
    const translated = await keptRow();
    expect(translated.sequence).toBe(2);
    expect(translated.updated_at.getTime()).toBeGreaterThan(described.updated_at.getTime());
    expect(await mailsAbout(kept)).toBe(3);
    expect((await coordinator.client.get(`/sessions/${kept}/register`)).text).toContain(`value="${titleAz}"`);
    member.client.cookies.set('karvan_lang', 'az');
    expect((await member.client.get(`/cohorts/${cohortId}/timetable`)).text).toContain(titleAz);
    member.client.cookies.delete('karvan_lang');
    // Too long a translation is named in the form's error summary, linked to its field; nothing is added.
    const tooLong = await coordinator.client.postForm(`/cohorts/${cohortId}/sessions`, {
      title: 'Closing',
      titleAz: 'ə'.repeat(201),
      startsAt: '2027-07-09T09:00',
      endsAt: '2027-07-09T10:00',
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain('<a href="#session-titleAz">Title in Azerbaijani');
    expect(await t.db.query(`SELECT 1 FROM cohort_sessions WHERE title = 'Closing'`)).toEqual([]);

    // Attendance, once both have taken place: present at the kept session, absent from the other:
    // 50%, short of 80%. (Their dates are put back after, for the feed's checks below.)
    const putBack = await beginSessions(t.db, [kept, dropped]);
    await coordinator.client.json('POST', `/api/v1/sessions/${kept}/attendance`, { allPresent: true });
    await coordinator.client.json('POST', `/api/v1/sessions/${dropped}/attendance`, {
      marks: { [member.userId]: 'absent' },
    });
    await putBack();
    const mine = async () =>
      (await member.client.json('GET', `/api/v1/cohorts/${cohortId}/attendance/me`)).json<{
        sessions: unknown[];
        percent: number;
      }>();
    expect(await mine()).toMatchObject({ percent: 50 });
    const completions = async () =>
      (
        await t.db.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM cohort_completions WHERE cohort_id = $1 AND user_id = $2`,
          [cohortId, member.userId],
        )
      )[0].n;
    expect(await completions()).toBe(0);

    // Removing the session cancels it: it leaves the timetable, the register and the counts,
    // and the member, now at 100%, completes the cohort.
    expect((await coordinator.client.json('POST', `/api/v1/sessions/${dropped}/delete`)).status).toBe(200);
    expect(await mailsAbout(dropped)).toBe(2);
    const days = (await t.client().json('GET', `/api/v1/cohorts/${cohortId}/timetable`)).json<
      Array<{ sessions: Array<{ id: string }> }>
    >();
    expect(days.flatMap((d) => d.sessions.map((s) => s.id))).toEqual([kept]);
    expect((await coordinator.client.json('GET', `/api/v1/sessions/${dropped}/attendance`)).status).toBe(404);
    expect(
      (await coordinator.client.json('POST', `/api/v1/sessions/${dropped}/attendance`, { allPresent: true })).status,
    ).toBe(404);
    expect((await coordinator.client.json('POST', `/api/v1/sessions/${dropped}/delete`)).status).toBe(404);
    const own = await mine();
    expect(own.percent).toBe(100);
    expect(own.sessions).toHaveLength(1);
    const board = (await coordinator.client.json('GET', `/api/v1/cohorts/${cohortId}/dashboard`)).json<{
      sessions: Array<{ id: string }>;
    }>();
    expect(board.sessions.map((s) => s.id)).toEqual([kept]);
    expect(await completions()).toBe(1);

    // The feed, generated a second after the last change: DTSTAMP is now, not the edit time.
    await pause(1100);
    const second = await feed(t, cohortId);
    const events2 = byUid(second.events);
    expect([...events2.keys()].sort()).toEqual([uidKept, uidDropped].sort());
    const cancelled = events2.get(uidDropped) as CalendarEvent;
    expect(one(cancelled, 'STATUS')).toBe('CANCELLED');
    expect(one(cancelled, 'SEQUENCE')).toBe('1');
    // The same reading by ical.js, an independent parser.
    const calendar = new ICAL.Component(independentlyParsed.at(-1) as unknown[]);
    const parsed = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const dropped2 = parsed.find((e) => e.uid === uidDropped)!;
    expect(dropped2.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(dropped2.sequence).toBe(1);
    expect(
      parsed
        .find((e) => e.uid === uidKept)!
        .startDate.toJSDate()
        .toISOString(),
    ).toBe('2027-07-05T07:00:00.000Z');
    const revised = events2.get(uidKept) as CalendarEvent;
    expect(one(revised, 'STATUS')).toBe('CONFIRMED');
    expect(one(revised, 'SEQUENCE')).toBe('2');
    expect(one(revised, 'DTSTART')).toBe('20270705T070000Z');
    expect(one(revised, 'LAST-MODIFIED')).toBe(
      translated.updated_at
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
    );
    for (const event of second.events) {
      expect(utcDate(one(event, 'LAST-MODIFIED')).getTime()).toBeLessThan(utcDate(one(event, 'DTSTAMP')).getTime());
    }
    expect(new Set(second.events.map((e) => one(e, 'DTSTAMP'))).size).toBe(1);

    // The same database served from another address: the same UIDs, no host in them.
    const moved2 = await startTestApp({
      DATABASE_URL: databaseUrl,
      BASE_URL: 'https://calendar.example.org',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_calendar`,
    });
    try {
      const elsewhere = await feed(moved2, cohortId);
      expect(elsewhere.events.map((e) => one(e, 'UID')).sort()).toEqual([uidKept, uidDropped].sort());
    } finally {
      await moved2.close();
    }
  });
});

import { bakuLocal, bakuTime } from './baku-time.js';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { isLocale, translatedText, type Locale } from '../shared/locale.js';
import { canOnCohort, findCohort, findCohorts, managedCohort, type CohortRow } from './cohort-access.js';
import { evaluateCohortCompletion } from './cohort-completion.js';
import { icsCalendar } from './ical.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { collectTranslations, TRANSLATED_LOCALES, type SummerTranslations } from './summer-translations.js';
import { isUuid } from '../shared/ids.js';

export interface SessionInput {
  title: string;
  /** The title in Azerbaijani and in Russian; the base title stands in where none is given. */
  titleAz?: string;
  titleRu?: string;
  speaker?: string;
  /** Who speaks, in Azerbaijani and in Russian (an institution's name differs); as the title. */
  speakerAz?: string;
  speakerRu?: string;
  startsAt: string;
  endsAt: string;
  room?: string;
  description?: string;
}

export interface SessionRow {
  id: string;
  cohort_id: string;
  title: string;
  translations: SummerTranslations;
  speaker: string;
  starts_at: Date;
  ends_at: Date;
  room: string;
  description: string;
  /** Bumped whenever the time, title, room or speaker changes, and on cancelling. */
  sequence: number;
  updated_at: Date;
  /** A removed session is kept, cancelled, for calendar subscribers; nothing else counts it. */
  cancelled_at: Date | null;
  /** Its cohort's zone, in which it is typed and shown. */
  time_zone: string;
}

export interface TimetableDay {
  /** YYYY-MM-DD in the cohort's zone. */
  day: string;
  sessions: SessionRow[];
}

/** The programme of a cohort, day by day, and as a calendar feed. Members hear of every change. */
@Injectable()
export class TimetableService {
  constructor(
    private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async days(cohortId: string): Promise<TimetableDay[]> {
    const cohort = await findCohort(this.db.manager, cohortId);
    const sessions = await this.sessions(this.db.manager, cohortId, false);
    const days = new Map<string, SessionRow[]>();
    for (const s of sessions) {
      // Days as lived where the school takes place.
      const day = bakuLocal(s.starts_at, cohort.time_zone).slice(0, 10);
      days.set(day, [...(days.get(day) ?? []), s]);
    }
    return [...days].map(([day, list]) => ({ day, sessions: list }));
  }

  /**
   * Today's sessions, each day as the clock where its school takes place shows it, of those of
   * these cohorts that this person coordinates: one read for all of them, for the home page.
   */
  async today(principal: Principal, cohortIds: string[]): Promise<SessionRow[]> {
    const managed = (await findCohorts(this.db.manager, cohortIds))
      .filter((cohort) => canOnCohort(principal, 'cohort.manage', cohort))
      .map((cohort) => cohort.id);
    if (managed.length === 0) return [];
    // A day anywhere lies within a day and a half of now: the zone's own day is checked after.
    const sessions = await this.db.query<SessionRow[]>(
      `SELECT s.*, c.time_zone FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id
       WHERE s.cohort_id = ANY($1::uuid[]) AND s.cancelled_at IS NULL
         AND s.starts_at BETWEEN now() - interval '36 hours' AND now() + interval '36 hours'
       ORDER BY s.starts_at, s.title`,
      [managed],
    );
    const day = (date: Date, zone: string) => bakuLocal(date, zone).slice(0, 10);
    const now = new Date();
    return sessions.filter((s) => day(s.starts_at, s.time_zone) === day(now, s.time_zone));
  }

  /** The feed, its titles and speakers in `locale` where the coordinator gave them (the base ones without one). */
  async ics(cohortId: string, locale?: Locale): Promise<string> {
    const cohort = await findCohort(this.db.manager, cohortId);
    const sessions = await this.sessions(this.db.manager, cohortId, true);
    // Read after the sessions, on the database's clock: no LAST-MODIFIED can be later than it.
    const [{ now }] = await this.db.query<Array<{ now: Date }>>(`SELECT now() AS now`);
    return icsCalendar(
      translatedText(cohort.title, cohort.translations, locale),
      cohort.time_zone,
      sessions.map((s) => ({
        // No host from BASE_URL: subscribers must keep the same events when the site moves.
        uid: `session-${s.id}@karvan`,
        sequence: s.sequence,
        start: s.starts_at,
        end: s.ends_at,
        lastModified: s.updated_at,
        cancelled: s.cancelled_at !== null,
        summary: translatedText(s.title, s.translations, locale),
        location: s.room || cohort.place,
        description: [translatedText(s.speaker, s.translations, locale, 'speaker'), s.description]
          .filter(Boolean)
          .join('\n\n'),
      })),
      now,
    );
  }

  async add(principal: Principal, cohortId: string, input: SessionInput): Promise<{ id: string }> {
    return this.events.transaction(async (tx) => {
      const cohort = await managedCohort(tx, principal, cohortId);
      const values = checkSession(input, cohort);
      const [row] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO cohort_sessions (cohort_id, title, speaker, starts_at, ends_at, room, description, translations)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [cohortId, ...sessionColumns(values)],
      );
      await this.tellMembers(tx, cohortId, `${row.id}:0`);
      return { id: row.id };
    });
  }

  async update(principal: Principal, sessionId: string, input: SessionInput): Promise<void> {
    await this.events.transaction(async (tx) => {
      const session = await this.managedSession(tx, principal, sessionId);
      const values = checkSession(input, session.cohort);
      // Locked, then compared: what the edit changes decides SEQUENCE, LAST-MODIFIED and e-mails.
      const [stored] = await tx.query<SessionRow[]>(`SELECT * FROM cohort_sessions WHERE id = $1 FOR UPDATE`, [
        sessionId,
      ]);
      const change = sessionChanges(stored, values);
      if (!change.changed) return;
      // The rows come through a SELECT: TypeORM answers a bare UPDATE with [rows, count].
      const [row] = await tx.query<Array<{ sequence: number; updated_at: Date }>>(
        `WITH changed AS (
           UPDATE cohort_sessions SET title = $2, speaker = $3, starts_at = $4, ends_at = $5, room = $6,
             description = $7, translations = $8, sequence = sequence + $9, updated_at = now()
           WHERE id = $1 RETURNING sequence, updated_at
         ) SELECT * FROM changed`,
        [sessionId, ...sessionColumns(values), change.revised ? 1 : 0],
      );
      if (!change.told) return;
      const revision = `${row.sequence}:${row.updated_at.getTime()}`;
      await this.tellMembers(tx, session.cohort_id, `${sessionId}:${revision}`);
    });
  }

  async remove(principal: Principal, sessionId: string): Promise<void> {
    await this.events.transaction(async (tx) => {
      const session = await this.managedSession(tx, principal, sessionId);
      await tx.query(
        `UPDATE cohort_sessions SET cancelled_at = now(), sequence = sequence + 1, updated_at = now()
         WHERE id = $1 AND cancelled_at IS NULL`,
        [sessionId],
      );
      await this.tellMembers(tx, session.cohort_id, `${sessionId}:removed`);
      // A session no longer counted may be the one a member lacked for completing the cohort.
      const members = await tx.query<Array<{ user_id: string }>>(
        `SELECT user_id FROM cohort_members WHERE cohort_id = $1`,
        [session.cohort_id],
      );
      for (const m of members) await evaluateCohortCompletion(tx, m.user_id, session.cohort_id);
    });
  }

  /**
   * The live session, if this person coordinates its cohort: an id from another cohort, or of a
   * cancelled session, is refused.
   */
  async managedSession(
    tx: EntityManager,
    principal: Principal,
    sessionId: string,
  ): Promise<SessionRow & { cohort: CohortRow }> {
    const [session] = isUuid(sessionId)
      ? await tx.query<SessionRow[]>(
          `SELECT s.*, c.time_zone FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id
           WHERE s.id = $1 AND s.cancelled_at IS NULL`,
          [sessionId],
        )
      : [];
    if (!session) throw new SummerError(SummerErrorCode.SessionNotFound, 'There is no such session.');
    return { ...session, cohort: await managedCohort(tx, principal, session.cohort_id) };
  }

  private sessions(tx: EntityManager, cohortId: string, withCancelled: boolean): Promise<SessionRow[]> {
    return tx.query<SessionRow[]>(
      `SELECT s.*, c.time_zone FROM cohort_sessions s JOIN cohorts c ON c.id = s.cohort_id
       WHERE s.cohort_id = $1 AND ($2::boolean OR s.cancelled_at IS NULL) ORDER BY s.starts_at, s.title`,
      [cohortId, withCancelled],
    );
  }

  /** One "timetable changed" e-mail per member and change. */
  private async tellMembers(tx: EntityManager, cohortId: string, change: string): Promise<void> {
    const members = await tx.query<
      Array<{
        id: string;
        email: string;
        name: string;
        locale: string;
        cohort: string;
        translations: SummerTranslations;
      }>
    >(
      `SELECT u.id, u.email, u.name, u.locale, c.title AS cohort, c.translations FROM cohort_members m
       JOIN users u ON u.id = m.user_id JOIN cohorts c ON c.id = m.cohort_id WHERE m.cohort_id = $1`,
      [cohortId],
    );
    for (const m of members) {
      const locale = isLocale(m.locale) ? m.locale : 'en';
      await this.mail.add(tx, {
        dedupeKey: `timetable:${change}:${m.id}`,
        to: m.email,
        locale,
        template: 'timetableChanged',
        params: {
          name: m.name,
          cohort: translatedText(m.cohort, m.translations, locale),
          link: `${this.config.baseUrl}/cohorts/${cohortId}/timetable`,
        },
      });
    }
  }
}

type CheckedSession = ReturnType<typeof checkSession>;

/**
 * What an edit changes, by RFC 5545's revisions: `revised` (SEQUENCE) for what an attendee's
 * calendar shows, the title and speaker in every language included, since the feed in that
 * language shows them, but not the description; `changed` (LAST-MODIFIED) for anything; `told`
 * for a change of the base text, which members are e-mailed about (not a translation alone).
 */
function sessionChanges(stored: SessionRow, next: CheckedSession) {
  const differ = (a: unknown[], b: unknown[]) => a.some((value, i) => value !== b[i]);
  const words = (translations: SummerTranslations, fields: string[]) =>
    TRANSLATED_LOCALES.flatMap((locale) => fields.map((field) => translations[locale]?.[field] ?? ''));
  const given = [stored.translations, next.translations].flatMap((t) => Object.values(t));
  const fields = [...new Set(given.flatMap((words) => Object.keys(words ?? {})))];
  const shown = differ(
    [stored.title, stored.speaker ?? '', stored.starts_at.getTime(), stored.ends_at.getTime(), stored.room ?? ''],
    [next.title, next.speaker, next.startsAt.getTime(), next.endsAt.getTime(), next.room],
  );
  const told = shown || (stored.description ?? '') !== next.description;
  const revised =
    shown || differ(words(stored.translations, ['title', 'speaker']), words(next.translations, ['title', 'speaker']));
  const changed = told || differ(words(stored.translations, fields), words(next.translations, fields));
  return { revised, changed, told };
}

/** A checked session's values in the order its statements take them, after the id they start with. */
function sessionColumns(values: ReturnType<typeof checkSession>): unknown[] {
  const { title, speaker, startsAt, endsAt, room, description, translations } = values;
  return [title, speaker, startsAt, endsAt, room, description, JSON.stringify(translations)];
}

/** A session's values, or its problems by field; it takes place within its school's dates. */
function checkSession(input: SessionInput, school: Pick<CohortRow, 'time_zone' | 'starts_on' | 'ends_on'>) {
  const zone = school.time_zone;
  const errors: Record<string, string> = {};
  const title = String(input.title ?? '').trim();
  if (title.length < 2 || title.length > 200) errors.title = 'summer.problem.sessionTitle';
  const startsAt = bakuTime(input.startsAt, zone);
  const endsAt = bakuTime(input.endsAt, zone);
  if (Number.isNaN(startsAt.getTime())) errors.startsAt = 'summer.problem.startsAt';
  if (Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) errors.endsAt = 'summer.problem.endsAt';
  // The school's days are calendar days in its own zone, as its dates are typed.
  if (!errors.startsAt && bakuLocal(startsAt, zone).slice(0, 10) < school.starts_on)
    errors.startsAt = 'summer.problem.outsideSchool';
  if (!errors.endsAt && bakuLocal(endsAt, zone).slice(0, 10) > school.ends_on)
    errors.endsAt = 'summer.problem.outsideSchool';
  if (Object.keys(errors).length)
    throw new SummerError(
      SummerErrorCode.Invalid,
      `The session has problems in: ${Object.keys(errors).join(', ')}.`,
      errors,
    );
  return {
    title,
    translations: collectTranslations({ ...input }, { title: 200, speaker: 200 }),
    speaker: String(input.speaker ?? '')
      .trim()
      .slice(0, 200),
    startsAt,
    endsAt,
    room: String(input.room ?? '')
      .trim()
      .slice(0, 100),
    description: String(input.description ?? '')
      .trim()
      .slice(0, 5000),
  };
}

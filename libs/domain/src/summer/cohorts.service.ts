import { Batched, prepared } from '@karvan/database';
import { Injectable } from '@nestjs/common';
import type { SummerTranslations } from './summer-translations.js';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import {
  can,
  courseScope,
  GrantsService,
  insertGrant,
  holdersOf,
  programmeScope,
  reach,
  SITE_SCOPE,
} from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { findCohort, managedCohort, scopeOfCohort, type CohortRow } from './cohort-access.js';
import { checkCohortInput, type CohortInput, type CohortValues } from './cohort-input.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { isUuid } from '../shared/ids.js';

export interface ProgrammeSummary {
  id: string;
  title: string;
  description: string;
  translations: SummerTranslations;
  cohorts: Array<{
    id: string;
    title: string;
    translations: SummerTranslations;
    starts_on: string;
    ends_on: string;
    place: string;
    opens_at: Date;
    closes_at: Date;
    time_zone: string;
  }>;
}

/** A cohort someone runs or reviews applications for, named in every language it is given in. */
export interface StaffCohort {
  id: string;
  title: string;
  translations: SummerTranslations;
  programme_title: string;
  programme_translations: SummerTranslations;
  /** `coordinator` or `reviewer`. */
  role: string;
}

export interface CohortPage extends CohortRow {
  /** Linked courses, with their titles in other languages (`{ az: { title } }`). */
  courses: Array<{ slug: string; title: string; translations: Record<string, { title: string | null }> }>;
  accepted: number;
}

/** Programmes and their cohorts: the public calls, and the coordinators' setup. */
@Injectable()
export class CohortsService {
  /** The same for everyone: the requests that ask at once (every trainee's home page) share one read. */
  private readonly allProgrammes = new Batched(() => this.readProgrammes());

  constructor(
    private readonly db: DataSource,
    private readonly grants: GrantsService,
  ) {}

  /** Every programme with its cohorts, for the public list of summer schools. */
  async programmes(): Promise<ProgrammeSummary[]> {
    return (await this.allProgrammes.load('all'))!;
  }

  private async readProgrammes(): Promise<Map<'all', ProgrammeSummary[]>> {
    const rows = await prepared<ProgrammeSummary[]>(
      this.db,
      `SELECT p.id, p.title, p.description, p.translations, coalesce(json_agg(json_build_object(
         'id', c.id, 'title', c.title, 'translations', c.translations, 'starts_on', c.starts_on::text, 'ends_on', c.ends_on::text, 'place', c.place,
         'opens_at', c.opens_at, 'closes_at', c.closes_at, 'time_zone', c.time_zone) ORDER BY c.starts_on DESC) FILTER (WHERE c.id IS NOT NULL), '[]') AS cohorts
       FROM programmes p LEFT JOIN cohorts c ON c.programme_id = p.id GROUP BY p.id ORDER BY p.title`,
      [],
    );
    return new Map([['all', rows]]);
  }

  async createProgramme(
    principal: Principal,
    title: string,
    description = '',
    translations: SummerTranslations = {},
  ): Promise<{ id: string }> {
    this.grants.require(principal, 'programme.create', SITE_SCOPE);
    const text = title.trim();
    if (text.length < 3 || text.length > 200)
      throw new SummerError(SummerErrorCode.Invalid, 'Give the programme a title of 3 to 200 characters.', {
        title: 'summer.problem.title',
      });
    const [row] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO programmes (title, description, created_by, translations) VALUES ($1, $2, $3, $4) RETURNING id`,
      [text, description.trim().slice(0, 5000), principal.userId, JSON.stringify(translations)],
    );
    return row;
  }

  /** A new cohort; its creator becomes its first coordinator. */
  async createCohort(principal: Principal, programmeId: string, input: CohortInput): Promise<{ id: string }> {
    const values = checkCohortInput(input);
    return this.db.transaction(async (tx) => {
      const [programme] = isUuid(programmeId)
        ? await tx.query<Array<{ id: string; organisation_id: string | null }>>(
            `SELECT id, organisation_id FROM programmes WHERE id = $1`,
            [programmeId],
          )
        : [];
      if (!programme) throw new SummerError(SummerErrorCode.CohortNotFound, 'There is no such programme.');
      if (!canCreateCohort(principal, programme)) throw notAllowedToSetUp();
      const [row] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO cohorts (programme_id, title, starts_on, ends_on, capacity, opens_at, closes_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [programmeId, values.title, values.startsOn, values.endsOn, values.capacity, values.opensAt, values.closesAt],
      );
      await writeCohort(tx, principal, row.id, values);
      // The creator coordinates what they created, as the one who set it up.
      await insertGrant(tx, principal, principal.userId, {
        role: 'cohort_coordinator',
        scope: { kind: 'cohort', id: row.id },
      });
      return row;
    });
  }

  async updateCohort(principal: Principal, cohortId: string, input: CohortInput): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Who may first, then what: a stranger learns nothing from validation messages.
      const cohort = await managedCohort(tx, principal, cohortId, true);
      await writeCohort(tx, principal, cohortId, checkCohortInput(input, cohort.time_zone));
    });
  }

  /** The public page of a cohort: its call, dates and linked courses. */
  async cohort(cohortId: string): Promise<CohortPage> {
    const cohort = await findCohort(this.db.manager, cohortId);
    const courses = await this.db.query<CohortPage['courses']>(
      `SELECT co.slug, co.title, co.title_translations AS translations
       FROM cohort_courses cc JOIN courses co ON co.id = cc.course_id WHERE cc.cohort_id = $1 ORDER BY co.title`,
      [cohortId],
    );
    const [{ n }] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM applications WHERE cohort_id = $1 AND status IN ('accepted', 'confirmed')`,
      [cohortId],
    );
    return { ...cohort, courses, accepted: n };
  }

  async managed(principal: Principal, cohortId: string): Promise<CohortPage> {
    await managedCohort(this.db.manager, principal, cohortId);
    return this.cohort(cohortId);
  }

  /** The cohorts this person coordinates (all, for an admin) and those they review. */
  async staffCohorts(principal: Principal): Promise<StaffCohort[]> {
    const where = reach(principal, 'application.read');
    const rows = await this.db.query<Array<CohortRow & { programme_title: string }>>(
      `SELECT c.id, c.title, c.translations, c.programme_id, p.title AS programme_title,
         p.translations AS programme_translations, p.organisation_id
       FROM cohorts c JOIN programmes p ON p.id = c.programme_id
       WHERE $1 OR c.id = ANY($2) OR c.programme_id = ANY($3) OR p.organisation_id = ANY($4)
       ORDER BY c.starts_on DESC`,
      [where.all, where.ids.cohort, where.ids.programme, where.ids.organisation],
    );
    return rows.map((c) => ({
      id: c.id,
      title: c.title,
      translations: c.translations,
      programme_title: c.programme_title,
      programme_translations: c.programme_translations,
      role: can(principal, 'cohort.manage', scopeOfCohort(c)) ? 'coordinator' : 'reviewer',
    }));
  }

  /** Cohort and programme titles by id, for lists of grants that name them. */
  async titles(kind: 'cohort' | 'programme', ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<Array<{ id: string; title: string }>>(
      kind === 'cohort'
        ? `SELECT c.id, p.title || ' — ' || c.title AS title FROM cohorts c JOIN programmes p ON p.id = c.programme_id
           WHERE c.id = ANY($1::uuid[])`
        : 'SELECT id, title FROM programmes WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** Puts a programme, and so its cohorts, under an organisation (or none). */
  async setProgrammeOrganisation(principal: Principal, programmeId: string, organisationId: string | null) {
    this.grants.require(principal, 'organisation.manage', SITE_SCOPE);
    if (!isUuid(programmeId)) throw new SummerError(SummerErrorCode.CohortNotFound, 'There is no such programme.');
    await this.db.query('UPDATE programmes SET organisation_id = $2 WHERE id = $1', [programmeId, organisationId]);
  }

  /** Adds a coordinator or reviewer by e-mail address; coordinators need the coordinator role. */
  async addStaff(
    principal: Principal,
    cohortId: string,
    email: string,
    role: 'coordinator' | 'reviewer',
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const cohort = await managedCohort(tx, principal, cohortId, false, 'cohort.staff.manage');
      const [user] = await tx.query<Array<{ id: string }>>(
        `SELECT u.id FROM users u WHERE lower(u.email) = lower($1)`,
        [email.trim()],
      );
      if (!user)
        throw new SummerError(SummerErrorCode.Invalid, `Nobody has the address ${email}.`, {
          email: 'summer.problem.unknownEmail',
        });
      const siteRoles = (await this.grants.load(user.id, tx)).filter((g) => g.scope.kind === 'site').map((g) => g.role);
      if (role === 'coordinator' && !siteRoles.includes('coordinator'))
        throw new SummerError(SummerErrorCode.Invalid, 'A cohort coordinator needs the coordinator role.', {
          email: 'summer.problem.notCoordinator',
        });
      // The other side of the rule that staff cannot apply: an applicant would read and judge
      // their competitors' applications.
      const applied = await tx.query<unknown[]>(
        `SELECT 1 FROM applications WHERE cohort_id = $1 AND user_id = $2 AND status <> 'withdrawn'`,
        [cohort.id, user.id],
      );
      if (applied.length)
        throw new SummerError(SummerErrorCode.StaffApplied, `${email} has applied to this cohort.`, {
          email: 'summer.staffApplied',
        });
      await this.grants.grant(principal, user.id, `cohort_${role}`, scopeOfCohort(cohort), tx);
    });
  }

  /**
   * Takes a coordinator or reviewer off the cohort. Their reviews stay, as written by them; a
   * coordinator of the programme, its organisation or the site keeps managing it.
   */
  async removeStaff(
    principal: Principal,
    cohortId: string,
    userId: string,
    role: 'coordinator' | 'reviewer',
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const cohort = await managedCohort(tx, principal, cohortId, false, 'cohort.staff.manage');
      await this.grants.revoke(principal, userId, `cohort_${role}`, scopeOfCohort(cohort), tx);
    });
  }

  async staff(
    principal: Principal,
    cohortId: string,
  ): Promise<Array<{ id: string; name: string; email: string; role: string }>> {
    await managedCohort(this.db.manager, principal, cohortId);
    const scope = { kind: 'cohort', id: cohortId } as const;
    const coordinators = await holdersOf(this.db.manager, scope, ['cohort_coordinator']);
    const reviewers = await holdersOf(this.db.manager, scope, ['cohort_reviewer']);
    const rows = await this.db.query<Array<{ id: string; name: string; email: string }>>(
      `SELECT id, name, email FROM users WHERE id = ANY($1) ORDER BY name`,
      [[...coordinators, ...reviewers]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const list = (ids: string[], role: string) =>
      ids.flatMap((id) => (byId.has(id) ? [{ ...byId.get(id)!, role }] : []));
    return [...list(coordinators, 'coordinator'), ...list(reviewers, 'reviewer')].sort(
      (a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name),
    );
  }
}

interface LinkableCourse {
  id: string;
  slug: string;
  status: string;
  enrolment_mode: string;
  organisation_id: string | null;
  linked: boolean;
}

async function writeCohort(tx: EntityManager, principal: Principal, cohortId: string, v: CohortValues): Promise<void> {
  const courses = v.courseSlugs.length
    ? await tx.query<LinkableCourse[]>(
        `SELECT id, slug, status, enrolment_mode, organisation_id,
           EXISTS (SELECT 1 FROM cohort_courses x WHERE x.cohort_id = $2 AND x.course_id = courses.id) AS linked
         FROM courses WHERE slug = ANY($1)`,
        [v.courseSlugs, cohortId],
      )
    : [];
  const unknown = v.courseSlugs.filter((slug) => !courses.some((c) => c.slug === slug));
  if (unknown.length)
    throw new SummerError(SummerErrorCode.Invalid, `There is no course ${unknown.join(', ')}.`, {
      courses: 'summer.problem.unknownCourse',
    });
  const closed = courses.filter((c) => !c.linked && !mayLink(principal, c)).map((c) => c.slug);
  if (closed.length)
    throw new SummerError(
      SummerErrorCode.Invalid,
      `Members would be enrolled in ${closed.join(', ')} without its own enrolment rule: only published courses open to everyone, or courses whose enrolments you manage, can be linked.`,
      { courses: 'summer.problem.closedCourse' },
    );
  await tx.query(
    `UPDATE cohorts SET title = $2, starts_on = $3, ends_on = $4, place = $5, capacity = $6, opens_at = $7, closes_at = $8,
       eligibility = $9, form_source = $10, form = $11, rubric_source = $12, rubric = $13, quotas = $14,
       min_attendance = $15, require_courses = $16, translations = $17, time_zone = $18
     WHERE id = $1`,
    [
      cohortId,
      v.title,
      v.startsOn,
      v.endsOn,
      v.place,
      v.capacity,
      v.opensAt,
      v.closesAt,
      v.eligibility,
      v.formSource,
      JSON.stringify(v.form),
      v.rubricSource,
      JSON.stringify(v.rubric),
      JSON.stringify(v.quotas),
      v.minAttendance,
      v.requireCourses,
      JSON.stringify(v.translations),
      v.timeZone,
    ],
  );
  await tx.query(`DELETE FROM cohort_courses WHERE cohort_id = $1`, [cohortId]);
  for (const course of courses)
    await tx.query(`INSERT INTO cohort_courses (cohort_id, course_id) VALUES ($1, $2)`, [cohortId, course.id]);
}

/** Linking enrols members, so it may not go round a course's own enrolment rule. */
function mayLink(principal: Principal, course: LinkableCourse): boolean {
  if (course.status === 'published' && course.enrolment_mode === 'open') return true;
  return can(
    principal,
    'course.enrolments.manage',
    courseScope({ id: course.id, organisationId: course.organisation_id }),
  );
}

function canCreateCohort(principal: Principal, programme: { id: string; organisation_id: string | null }): boolean {
  return (
    can(principal, 'programme.create', SITE_SCOPE) ||
    can(principal, 'cohort.create', programmeScope({ id: programme.id, organisationId: programme.organisation_id }))
  );
}

function notAllowedToSetUp(): SummerError {
  return new SummerError(SummerErrorCode.NotCoordinator, 'Only coordinators and administrators set up summer schools.');
}

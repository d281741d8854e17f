import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type Principal } from '../auth/principal.js';
import { findCohort, managedCohort, type CohortRow } from './cohort-access.js';
import { checkCohortInput, type CohortInput, type CohortValues } from './cohort-input.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { isUuid } from '../shared/ids.js';

export interface ProgrammeSummary {
  id: string;
  title: string;
  description: string;
  cohorts: Array<{
    id: string;
    title: string;
    starts_on: string;
    ends_on: string;
    place: string;
    opens_at: Date;
    closes_at: Date;
  }>;
}

export interface CohortPage extends CohortRow {
  courses: Array<{ slug: string; title: string }>;
  accepted: number;
}

/** Programmes and their cohorts: the public calls, and the coordinators' setup. */
@Injectable()
export class CohortsService {
  constructor(private readonly db: DataSource) {}

  /** Every programme with its cohorts, for the public list of summer schools. */
  async programmes(): Promise<ProgrammeSummary[]> {
    return this.db.query<ProgrammeSummary[]>(
      `SELECT p.id, p.title, p.description, coalesce(json_agg(json_build_object(
         'id', c.id, 'title', c.title, 'starts_on', c.starts_on::text, 'ends_on', c.ends_on::text, 'place', c.place,
         'opens_at', c.opens_at, 'closes_at', c.closes_at) ORDER BY c.starts_on DESC) FILTER (WHERE c.id IS NOT NULL), '[]') AS cohorts
       FROM programmes p LEFT JOIN cohorts c ON c.programme_id = p.id GROUP BY p.id ORDER BY p.title`,
    );
  }

  async createProgramme(principal: Principal, title: string, description = ''): Promise<{ id: string }> {
    assertStaff(principal);
    const text = title.trim();
    if (text.length < 3 || text.length > 200)
      throw new SummerError(SummerErrorCode.Invalid, 'Give the programme a title of 3 to 200 characters.', {
        title: 'Give the programme a title of 3 to 200 characters.',
      });
    const [row] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO programmes (title, description, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [text, description.trim().slice(0, 5000), principal.userId],
    );
    return row;
  }

  /** A new cohort; its creator becomes its first coordinator. */
  async createCohort(principal: Principal, programmeId: string, input: CohortInput): Promise<{ id: string }> {
    assertStaff(principal);
    const values = checkCohortInput(input);
    return this.db.transaction(async (tx) => {
      const [programme] = isUuid(programmeId)
        ? await tx.query<unknown[]>(`SELECT 1 FROM programmes WHERE id = $1`, [programmeId])
        : [];
      if (!programme) throw new SummerError(SummerErrorCode.CohortNotFound, 'There is no such programme.');
      const [row] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO cohorts (programme_id, title, starts_on, ends_on, capacity, opens_at, closes_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [programmeId, values.title, values.startsOn, values.endsOn, values.capacity, values.opensAt, values.closesAt],
      );
      await writeCohort(tx, row.id, values);
      await tx.query(`INSERT INTO cohort_coordinators (cohort_id, user_id) VALUES ($1, $2)`, [
        row.id,
        principal.userId,
      ]);
      return row;
    });
  }

  async updateCohort(principal: Principal, cohortId: string, input: CohortInput): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Who may first, then what: a stranger learns nothing from validation messages.
      await managedCohort(tx, principal, cohortId, true);
      await writeCohort(tx, cohortId, checkCohortInput(input));
    });
  }

  /** The public page of a cohort: its call, dates and linked courses. */
  async cohort(cohortId: string): Promise<CohortPage> {
    const cohort = await findCohort(this.db.manager, cohortId);
    const courses = await this.db.query<Array<{ slug: string; title: string }>>(
      `SELECT co.slug, co.title FROM cohort_courses cc JOIN courses co ON co.id = cc.course_id WHERE cc.cohort_id = $1 ORDER BY co.title`,
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
  async staffCohorts(
    principal: Principal,
  ): Promise<Array<{ id: string; title: string; programme_title: string; role: string }>> {
    const all = hasRole(principal, 'admin');
    return this.db.query(
      `SELECT c.id, c.title, p.title AS programme_title,
         CASE WHEN $2 OR EXISTS (SELECT 1 FROM cohort_coordinators x WHERE x.cohort_id = c.id AND x.user_id = $1)
           THEN 'coordinator' ELSE 'reviewer' END AS role
       FROM cohorts c JOIN programmes p ON p.id = c.programme_id
       WHERE $2 OR EXISTS (SELECT 1 FROM cohort_coordinators x WHERE x.cohort_id = c.id AND x.user_id = $1)
          OR EXISTS (SELECT 1 FROM cohort_reviewers r WHERE r.cohort_id = c.id AND r.user_id = $1)
       ORDER BY c.starts_on DESC`,
      [principal.userId, all],
    );
  }

  /** Adds a coordinator or reviewer by e-mail address; coordinators need the coordinator role. */
  async addStaff(
    principal: Principal,
    cohortId: string,
    email: string,
    role: 'coordinator' | 'reviewer',
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await managedCohort(tx, principal, cohortId);
      const [user] = await tx.query<Array<{ id: string; roles: string[] }>>(
        `SELECT u.id, ARRAY(SELECT r.role FROM user_roles r WHERE r.user_id = u.id) AS roles FROM users u WHERE lower(u.email) = lower($1)`,
        [email.trim()],
      );
      if (!user)
        throw new SummerError(SummerErrorCode.Invalid, `Nobody has the address ${email}.`, {
          email: 'Unknown address.',
        });
      if (role === 'coordinator' && !user.roles.includes('coordinator') && !user.roles.includes('admin'))
        throw new SummerError(SummerErrorCode.Invalid, 'A cohort coordinator needs the coordinator role.', {
          email: 'This person is not a coordinator.',
        });
      await tx.query(`INSERT INTO cohort_${role}s (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        cohortId,
        user.id,
      ]);
    });
  }

  async staff(principal: Principal, cohortId: string): Promise<Array<{ name: string; email: string; role: string }>> {
    await managedCohort(this.db.manager, principal, cohortId);
    return this.db.query(
      `SELECT u.name, u.email, 'coordinator' AS role FROM cohort_coordinators x JOIN users u ON u.id = x.user_id WHERE x.cohort_id = $1
       UNION ALL
       SELECT u.name, u.email, 'reviewer' FROM cohort_reviewers x JOIN users u ON u.id = x.user_id WHERE x.cohort_id = $1
       ORDER BY 3, 1`,
      [cohortId],
    );
  }
}

async function writeCohort(tx: EntityManager, cohortId: string, v: CohortValues): Promise<void> {
  const courses = v.courseSlugs.length
    ? await tx.query<Array<{ id: string; slug: string }>>(`SELECT id, slug FROM courses WHERE slug = ANY($1)`, [
        v.courseSlugs,
      ])
    : [];
  const unknown = v.courseSlugs.filter((slug) => !courses.some((c) => c.slug === slug));
  if (unknown.length)
    throw new SummerError(SummerErrorCode.Invalid, `There is no course ${unknown.join(', ')}.`, {
      courses: `Unknown course: ${unknown.join(', ')}`,
    });
  await tx.query(
    `UPDATE cohorts SET title = $2, starts_on = $3, ends_on = $4, place = $5, capacity = $6, opens_at = $7, closes_at = $8,
       eligibility = $9, form_source = $10, form = $11, rubric_source = $12, rubric = $13, quotas = $14,
       min_attendance = $15, require_courses = $16
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
    ],
  );
  await tx.query(`DELETE FROM cohort_courses WHERE cohort_id = $1`, [cohortId]);
  for (const course of courses)
    await tx.query(`INSERT INTO cohort_courses (cohort_id, course_id) VALUES ($1, $2)`, [cohortId, course.id]);
}

function assertStaff(principal: Principal): void {
  if (!hasRole(principal, 'coordinator', 'admin'))
    throw new SummerError(
      SummerErrorCode.NotCoordinator,
      'Only coordinators and administrators set up summer schools.',
    );
}

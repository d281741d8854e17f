import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { can, courseScope } from '../access/index.js';
import { storeEnrolmentKey } from '../courses/index.js';
import type { Principal } from '../auth/index.js';
import { safeEqual, hashToken } from '../shared/tokens.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';

export type EnrolmentStatus = 'pending' | 'active' | 'declined' | 'withdrawn';

interface CourseRow {
  id: string;
  slug: string;
  title: string;
  status: string;
  enrolment_mode: 'open' | 'key' | 'approval';
  enrolment_key_hash: string | null;
}

export interface PendingRequest {
  userId: string;
  name: string;
  email: string;
  organisation: string;
  requestedAt: Date;
}

/** Who is in which course: open, with a key, or on approval; leaving keeps the history. */
@Injectable()
export class EnrolmentsService {
  constructor(private readonly db: DataSource) {}

  async status(userId: string, courseId: string): Promise<EnrolmentStatus | null> {
    const rows = await this.db.query<Array<{ status: EnrolmentStatus }>>(
      'SELECT status FROM enrolments WHERE user_id = $1 AND course_id = $2',
      [userId, courseId],
    );
    return rows[0]?.status ?? null;
  }

  /** Enrols, or asks to, by the course's mode. Enrolling again when already in changes nothing. */
  async enrol(principal: Principal, courseSlug: string, key?: string): Promise<EnrolmentStatus> {
    return this.db.transaction(async (tx) => {
      const course = await publishedCourse(tx, courseSlug);
      const [current] = await tx.query<Array<{ status: EnrolmentStatus }>>(
        'SELECT status FROM enrolments WHERE user_id = $1 AND course_id = $2 FOR UPDATE',
        [principal.userId, course.id],
      );
      if (current?.status === 'active' || current?.status === 'pending') {
        return current.status;
      }
      if (course.enrolment_mode === 'key' && !keyMatches(course.enrolment_key_hash, key)) {
        throw new EnrolmentError(
          EnrolmentErrorCode.WrongKey,
          'The enrolment key is not right. Ask your trainer for it.',
          {
            key: 'not right',
          },
        );
      }
      const status: EnrolmentStatus = course.enrolment_mode === 'approval' ? 'pending' : 'active';
      await tx.query(
        `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, course_id) DO UPDATE SET status = $3, requested_at = now(), decided_at = NULL,
           decided_by = NULL, updated_at = now()`,
        [principal.userId, course.id, status],
      );
      return status;
    });
  }

  /** Leaves the course; progress and attempts stay, so enrolling again picks up where it stopped. */
  async unenrol(principal: Principal, courseSlug: string): Promise<void> {
    const rows = await this.db.query<Array<{ course_id: string }>>(
      `WITH left_course AS (
         UPDATE enrolments e SET status = 'withdrawn', updated_at = now() FROM courses c
         WHERE c.id = e.course_id AND c.slug = $2 AND e.user_id = $1 AND e.status IN ('active', 'pending')
         RETURNING e.course_id
       ) SELECT course_id FROM left_course`,
      [principal.userId, courseSlug],
    );
    if (rows.length === 0) {
      throw new EnrolmentError(EnrolmentErrorCode.NotEnrolled, 'You are not enrolled in this course.');
    }
  }

  async pending(principal: Principal, courseSlug: string): Promise<PendingRequest[]> {
    const course = await this.managedCourse(this.db.manager, principal, courseSlug);
    const rows = await this.db.query<
      Array<{ user_id: string; name: string; email: string; organisation: string; requested_at: Date }>
    >(
      `SELECT e.user_id, u.name, u.email, u.organisation, e.requested_at FROM enrolments e JOIN users u ON u.id = e.user_id
       WHERE e.course_id = $1 AND e.status = 'pending' ORDER BY e.requested_at`,
      [course.id],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      requestedAt: r.requested_at,
    }));
  }

  /** A trainer of the course, a coordinator or an admin approves or declines a request. */
  async decide(principal: Principal, courseSlug: string, userId: string, approve: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      const course = await this.managedCourse(tx, principal, courseSlug);
      const rows = await tx.query<unknown[]>(
        `WITH decided AS (
           UPDATE enrolments SET status = $3, decided_at = now(), decided_by = $4, updated_at = now()
           WHERE course_id = $1 AND user_id = $2 AND status = 'pending' RETURNING id
         ) SELECT id FROM decided`,
        [course.id, userId, approve ? 'active' : 'declined', principal.userId],
      );
      if (rows.length === 0) {
        throw new EnrolmentError(EnrolmentErrorCode.NoRequest, 'There is no pending request from this person.');
      }
    });
  }

  /** Sets the key of a course enrolled with one; stored as a hash and compared in constant time. */
  async setKey(principal: Principal, courseSlug: string, key: string): Promise<void> {
    const course = await this.managedCourse(this.db.manager, principal, courseSlug);
    await storeEnrolmentKey(this.db.manager, course.id, key);
  }

  /** The course, if this person manages its enrolments. */
  async managed(principal: Principal, courseSlug: string): Promise<{ id: string; slug: string; title: string }> {
    const course = await this.managedCourse(this.db.manager, principal, courseSlug);
    return { id: course.id, slug: course.slug, title: course.title };
  }

  private async managedCourse(tx: EntityManager, principal: Principal, courseSlug: string): Promise<CourseRow> {
    const [course] = await tx.query<Array<CourseRow & { organisation_id: string | null }>>(
      `SELECT c.id, c.slug, c.title, c.status, c.enrolment_mode, c.enrolment_key_hash, c.organisation_id
       FROM courses c WHERE c.slug = $1`,
      [courseSlug],
    );
    if (!course) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such course.');
    const scope = courseScope({ id: course.id, organisationId: course.organisation_id });
    if (!can(principal, 'course.enrolments.manage', scope)) {
      throw new EnrolmentError(
        EnrolmentErrorCode.NotAllowed,
        'Only the course’s trainers, coordinators and admins manage its enrolments.',
      );
    }
    return course;
  }
}

async function publishedCourse(tx: EntityManager, slug: string): Promise<CourseRow> {
  const [course] = await tx.query<CourseRow[]>(
    `SELECT id, slug, title, status, enrolment_mode, enrolment_key_hash FROM courses WHERE slug = $1 AND status = 'published'`,
    [slug],
  );
  if (!course) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such course in the catalogue.');
  return course;
}

function keyMatches(hash: string | null, key: string | undefined): boolean {
  return !!hash && !!key && safeEqual(hash, hashToken(key.trim()));
}

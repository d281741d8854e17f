import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { can, SITE_SCOPE } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { ISSUES_CERTIFICATES, REQUIRES_GRADED_QUIZ } from '../certificates/index.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService, type CourseSummary } from './courses.service.js';

/** Whether, and why, a course issues signed certificates. */
export interface CertificateApproval {
  /** The course.md says `certificate: true`. */
  certificate: boolean;
  /** Its completion rule requires passing a graded quiz, so certificates need no approval. */
  requiresGradedQuiz: boolean;
  approvedAt: Date | null;
  approvedBy: string | null;
  /** Completions of this course now get a signed certificate. */
  issues: boolean;
}

interface ApprovalRow {
  certificate: boolean;
  requires_graded_quiz: boolean;
  approved_at: Date | null;
  approved_by: string | null;
  issues: boolean;
}

/** An admin's approval for certificates of a course whose completion takes no graded quiz. */
@Injectable()
export class CertificateApprovalService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
  ) {}

  /** Whether a course issues certificates and why: for those who edit it. */
  async state(principal: Principal, course: CourseSummary): Promise<CertificateApproval> {
    this.courses.requireAllowed(principal, 'course.edit', course);
    return this.stateOf(course.id);
  }

  private async stateOf(courseId: string): Promise<CertificateApproval> {
    const [row] = await this.db.query<ApprovalRow[]>(
      `SELECT c.certificate, ${REQUIRES_GRADED_QUIZ} AS requires_graded_quiz, c.certificate_approved_at AS approved_at,
         u.name AS approved_by, ${ISSUES_CERTIFICATES} AS issues
       FROM courses c LEFT JOIN users u ON u.id = c.certificate_approved_by WHERE c.id = $1`,
      [courseId],
    );
    return {
      certificate: row.certificate,
      requiresGradedQuiz: row.requires_graded_quiz,
      approvedAt: row.approved_at,
      approvedBy: row.approved_by,
      issues: row.issues,
    };
  }

  /** Approves (or withdraws the approval of) the course's certificates; admins only. */
  async setApproved(principal: Principal, slug: string, approved: boolean): Promise<CertificateApproval> {
    if (!can(principal, 'certificate.approve', SITE_SCOPE)) {
      throw new CoursesError(CoursesErrorCode.AdminOnly, 'Only an admin may approve the certificates of a course.');
    }
    const course = await this.courses.get(slug);
    await this.db.query(
      `UPDATE courses SET certificate_approved_at = CASE WHEN $2 THEN now() END,
         certificate_approved_by = CASE WHEN $2 THEN $3::uuid END WHERE id = $1`,
      [course.id, approved, principal.userId],
    );
    return this.stateOf(course.id);
  }
}

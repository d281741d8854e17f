import { Batched, prepared, rowsBy } from '@karvan/database';
import { Injectable } from '@nestjs/common';
import { formatDateTime } from '../shared/date-time.js';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { changeStatus, type ApplicationStatus } from './application-changes.js';
import { answerProblems, cleanAnswers, documentType, MAX_FILE_BYTES, type Answers } from './answers.js';
import { findCohort, isCohortStaff, isOpen, type CohortRow } from './cohort-access.js';
import type { SummerTranslations } from './summer-translations.js';
import { CATEGORIES, type ApplicantCategory } from './cohort-input.js';
import { MembershipService } from './membership.service.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { promoteFromWaitlist } from './waitlist.js';
import { isUuid } from '../shared/ids.js';

export interface ApplicationInput {
  category?: string;
  organisation?: string;
  position?: string;
  answers?: Record<string, unknown>;
}

export interface ApplicationView {
  id: string;
  cohort_id: string;
  status: ApplicationStatus;
  category: ApplicantCategory;
  organisation: string;
  position: string;
  answers: Answers;
  submitted_at: Date | null;
  files: Array<{ field_key: string; filename: string; size: number }>;
}

/** The applicant's side: fill in, save, submit, see the status, withdraw; confirm or decline a place. */
export interface MyApplication {
  id: string;
  cohort_id: string;
  cohort: string;
  /** The cohort's title in other languages, for the page to show in the reader's. */
  cohort_translations: SummerTranslations;
  status: string;
  submitted_at: Date | null;
}

@Injectable()
export class ApplicationsService {
  private readonly applicationsOf = new Batched((userIds: string[]) => this.readMine(userIds));

  constructor(
    private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly membership: MembershipService,
    private readonly events: DomainEvents,
  ) {}

  /** The applicant's own application to a cohort, or null before they start one. */
  async own(principal: Principal, cohortId: string): Promise<ApplicationView | null> {
    await findCohort(this.db.manager, cohortId);
    const [row] = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM applications WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, principal.userId],
    );
    return row ? this.view(this.db.manager, row.id) : null;
  }

  async mine(principal: Principal): Promise<MyApplication[]> {
    return (await this.applicationsOf.load(principal.userId)) ?? [];
  }

  /** Several people's applications in one statement: the home page of everyone asks at once. */
  private async readMine(userIds: string[]): Promise<Map<string, MyApplication[]>> {
    const rows = await prepared<Array<MyApplication & { user_id: string }>>(
      this.db,
      `SELECT a.user_id, a.id, a.cohort_id, c.title AS cohort, c.translations AS cohort_translations, a.status,
         a.submitted_at FROM applications a
       JOIN cohorts c ON c.id = a.cohort_id WHERE a.user_id = ANY($1::uuid[]) ORDER BY a.updated_at DESC`,
      [userIds],
    );
    return rowsBy(
      rows,
      (row) => row.user_id,
      ({ id, cohort_id, cohort, cohort_translations, status, submitted_at }): MyApplication => ({
        id,
        cohort_id,
        cohort,
        cohort_translations,
        status,
        submitted_at,
      }),
    );
  }

  /** Saves the answers as a draft (or, with `submit`, submits them); only while the call is open. */
  async save(
    principal: Principal,
    cohortId: string,
    input: ApplicationInput,
    submit: boolean,
  ): Promise<ApplicationView> {
    return this.events.transaction(async (tx) => {
      const cohort = await findCohort(tx, cohortId);
      assertOpen(cohort);
      assertNotStaff(principal, cohort);
      const id = await this.draftFor(tx, principal.userId, cohortId);
      const answers = cleanAnswers(cohort.form, input.answers ?? {});
      const category = (CATEGORIES as readonly string[]).includes(input.category ?? '') ? input.category : 'other';
      await tx.query(
        `UPDATE applications SET answers = $2, category = $3, organisation = $4, position = $5, updated_at = now() WHERE id = $1`,
        [id, JSON.stringify(answers), category, trim(input.organisation, 200), trim(input.position, 200)],
      );
      if (submit) {
        const files = await tx.query<Array<{ field_key: string }>>(
          `SELECT field_key FROM application_files WHERE application_id = $1`,
          [id],
        );
        const problems = answerProblems(cohort.form, answers, new Set(files.map((f) => f.field_key)));
        if (Object.keys(problems).length)
          throw new SummerError(
            SummerErrorCode.AnswersInvalid,
            `The application is not complete: check ${labelsOf(cohort.form, problems)}.`,
            problems,
          );
        await changeStatus(tx, this.mail, {
          applicationId: id,
          actorId: principal.userId,
          from: ['draft'],
          to: 'submitted',
        });
      }
      return this.view(tx, id);
    });
  }

  /** Attaches a document (e.g. a CV) to a file field of the draft; PDF, DOC, DOCX or ODT up to 5 MB. */
  async attach(
    principal: Principal,
    cohortId: string,
    fieldKey: string,
    file: { filename: string; bytes: Buffer },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const cohort = await findCohort(tx, cohortId);
      assertOpen(cohort);
      assertNotStaff(principal, cohort);
      const field = cohort.form.find((f) => f.key === fieldKey && f.type === 'file');
      if (!field)
        throw new SummerError(SummerErrorCode.FileRefused, `The form has no file field "${fieldKey}".`, {
          [fieldKey]: 'validation.invalid',
        });
      if (file.bytes.length === 0 || file.bytes.length > MAX_FILE_BYTES)
        throw new SummerError(SummerErrorCode.FileRefused, 'The file must not be empty or larger than 5 MB.', {
          [fieldKey]: 'applyForm.fileSize',
        });
      const type = documentType(file.filename, file.bytes);
      if (!type)
        throw new SummerError(SummerErrorCode.FileRefused, 'Attach a PDF, DOC, DOCX or ODT document.', {
          [fieldKey]: 'applyForm.fileType',
        });
      const id = await this.draftFor(tx, principal.userId, cohortId);
      await tx.query(
        `INSERT INTO application_files (application_id, field_key, filename, content_type, size, data) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (application_id, field_key) DO UPDATE SET filename = $3, content_type = $4, size = $5, data = $6, uploaded_at = now()`,
        [
          id,
          fieldKey,
          file.filename.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200),
          type,
          file.bytes.length,
          file.bytes,
        ],
      );
    });
  }

  /** A document, for its applicant and the cohort's reviewers, coordinators and admins. */
  async file(
    principal: Principal,
    applicationId: string,
    fieldKey: string,
  ): Promise<{ filename: string; type: string; data: Buffer }> {
    const [row] = isUuid(applicationId)
      ? await this.db.query<
          Array<{ filename: string; content_type: string; data: Buffer; user_id: string; cohort_id: string }>
        >(
          `SELECT f.filename, f.content_type, f.data, a.user_id, a.cohort_id FROM application_files f
           JOIN applications a ON a.id = f.application_id WHERE f.application_id = $1 AND f.field_key = $2`,
          [applicationId, fieldKey],
        )
      : [];
    const staff =
      row &&
      row.user_id !== principal.userId &&
      isCohortStaff(principal, await findCohort(this.db.manager, row.cohort_id));
    if (!row || !(row.user_id === principal.userId || staff))
      throw new SummerError(SummerErrorCode.ApplicationNotFound, 'There is no such document.');
    return { filename: row.filename, type: row.content_type, data: row.data };
  }

  /** Withdraws; a place it held goes to the first on the waitlist. */
  async withdraw(principal: Principal, applicationId: string): Promise<void> {
    await this.leave(
      principal,
      applicationId,
      ['draft', 'submitted', 'waitlisted', 'accepted', 'confirmed'],
      'withdrawn',
    );
  }

  /** An accepted applicant takes the place: they become a member, enrolled in the linked courses. */
  async confirm(principal: Principal, applicationId: string): Promise<void> {
    await this.events.transaction(async (tx) => {
      const app = await this.ownApplication(tx, principal, applicationId);
      await findCohort(tx, app.cohort_id, true);
      const changed = await changeStatus(tx, this.mail, {
        applicationId,
        actorId: principal.userId,
        from: ['accepted'],
        to: 'confirmed',
      });
      if (!changed) throw wrongStatus(app.status, 'confirmed');
      await this.membership.join(tx, app.cohort_id, principal.userId);
    });
  }

  async decline(principal: Principal, applicationId: string): Promise<void> {
    await this.leave(principal, applicationId, ['accepted'], 'declined');
  }

  private async leave(
    principal: Principal,
    applicationId: string,
    from: ApplicationStatus[],
    to: ApplicationStatus,
  ): Promise<void> {
    await this.events.transaction(async (tx) => {
      const app = await this.ownApplication(tx, principal, applicationId);
      // The cohort row is the lock that serialises everything about its places.
      await findCohort(tx, app.cohort_id, true);
      const changed = await changeStatus(tx, this.mail, { applicationId, actorId: principal.userId, from, to });
      if (!changed) throw wrongStatus(app.status, to);
      await tx.query(`DELETE FROM cohort_members WHERE cohort_id = $1 AND user_id = $2`, [
        app.cohort_id,
        principal.userId,
      ]);
      await promoteFromWaitlist(tx, this.mail, app.cohort_id);
    });
  }

  private async ownApplication(
    tx: EntityManager,
    principal: Principal,
    applicationId: string,
  ): Promise<{ cohort_id: string; status: string }> {
    const [app] = isUuid(applicationId)
      ? await tx.query<Array<{ cohort_id: string; status: string }>>(
          `SELECT cohort_id, status FROM applications WHERE id = $1 AND user_id = $2`,
          [applicationId, principal.userId],
        )
      : [];
    if (!app) throw new SummerError(SummerErrorCode.ApplicationNotFound, 'There is no such application.');
    return app;
  }

  private async draftFor(tx: EntityManager, userId: string, cohortId: string): Promise<string> {
    const [row] = await tx.query<Array<{ id: string; status: string }>>(
      `WITH made AS (
         INSERT INTO applications (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT (cohort_id, user_id) DO NOTHING RETURNING id, status
       ) SELECT id, status FROM made UNION ALL SELECT id, status FROM applications WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, userId],
    );
    if (row.status !== 'draft')
      throw new SummerError(
        SummerErrorCode.WrongStatus,
        'This application was already submitted; it can no longer be changed.',
      );
    return row.id;
  }

  private async view(tx: EntityManager, id: string): Promise<ApplicationView> {
    const [row] = await tx.query<ApplicationView[]>(
      `SELECT a.id, a.cohort_id, a.status, a.category, a.organisation, a.position, a.answers, a.submitted_at,
         coalesce((SELECT json_agg(json_build_object('field_key', f.field_key, 'filename', f.filename, 'size', f.size))
                   FROM application_files f WHERE f.application_id = a.id), '[]') AS files
       FROM applications a WHERE a.id = $1`,
      [id],
    );
    return row;
  }
}

function assertOpen(cohort: CohortRow): void {
  if (!isOpen(cohort))
    throw new SummerError(
      SummerErrorCode.CallClosed,
      cohort.opens_at > new Date()
        ? `Applications open on ${formatDateTime(cohort.opens_at, 'en', cohort.time_zone)}.`
        : `Applications closed on ${formatDateTime(cohort.closes_at, 'en', cohort.time_zone)}; thank you for your interest.`,
    );
}

function wrongStatus(status: string, to: string): SummerError {
  return new SummerError(SummerErrorCode.WrongStatus, `An application that is ${status} cannot become ${to}.`);
}

/** The labels of the fields with problems, quoted, for a message in the log and the API. */
function labelsOf(fields: Array<{ key: string; label: string }>, problems: Record<string, string>): string {
  return fields
    .filter((f) => f.key in problems)
    .map((f) => `“${f.label}”`)
    .join(', ');
}

function trim(value: string | undefined, max: number): string {
  return String(value ?? '')
    .trim()
    .slice(0, max);
}

/** Those who read a cohort's applications cannot apply to it: nobody judges their own application. */
function assertNotStaff(principal: Principal, cohort: CohortRow): void {
  if (isCohortStaff(principal, cohort))
    throw new SummerError(
      SummerErrorCode.OwnApplication,
      'You review or coordinate this cohort, so you cannot apply to it. Ask an administrator if you need to.',
    );
}

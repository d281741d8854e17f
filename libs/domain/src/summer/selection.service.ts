import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { DomainEvents } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { changeStatus, type ApplicationStatus } from './application-changes.js';
import { canOnCohort, findCohorts, managedCohort, reviewedCohort, type CohortRow } from './cohort-access.js';
import { SummerError, SummerErrorCode } from './summer.errors.js';
import { isUuid } from '../shared/ids.js';

export interface RankedApplication {
  id: string;
  name: string;
  email: string;
  organisation: string;
  category: string;
  status: ApplicationStatus;
  submitted_at: Date | null;
  reviews: number;
  average: number | null;
  spread: number | null;
}

export interface ReviewItem {
  id: string;
  name: string;
  organisation: string;
  position: string;
  category: string;
  answers: Record<string, string | string[]>;
  files: Array<{ field_key: string; filename: string }>;
  mine: { scores: Record<string, number>; comment: string } | null;
}

export type Decision = 'accept' | 'waitlist' | 'reject';

const DECISIONS: Record<Decision, { to: ApplicationStatus; from: ApplicationStatus[] }> = {
  accept: { to: 'accepted', from: ['submitted', 'waitlisted'] },
  waitlist: { to: 'waitlisted', from: ['submitted', 'rejected'] },
  reject: { to: 'rejected', from: ['submitted', 'waitlisted'] },
};

/** Why an application was not changed: a message key `summer.refusal.<code>` names it on pages. */
export type RefusalCode = 'not_in_cohort' | 'own_application' | 'full' | 'quota' | 'status';
export const REFUSAL_CODES: RefusalCode[] = ['not_in_cohort', 'own_application', 'full', 'quota', 'status'];

export interface DecisionReport {
  changed: string[];
  /** Applications not changed, with the reason (capacity, quota, or their status). */
  refused: Array<{ id: string; code: RefusalCode; reason: string }>;
}

/** Reviewers score applications on the rubric; coordinators rank and decide within capacity. */
@Injectable()
export class SelectionService {
  constructor(
    private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly events: DomainEvents,
  ) {}

  /** What a reviewer reads: submitted applications with their answers, and their own scores. */
  async toReview(principal: Principal, cohortId: string): Promise<ReviewItem[]> {
    await reviewedCohort(this.db.manager, principal, cohortId);
    return this.db.query<ReviewItem[]>(
      `SELECT a.id, u.name, a.organisation, a.position, a.category, a.answers,
         coalesce((SELECT json_agg(json_build_object('field_key', f.field_key, 'filename', f.filename))
                   FROM application_files f WHERE f.application_id = a.id), '[]') AS files,
         (SELECT json_build_object('scores', r.scores, 'comment', r.comment) FROM application_reviews r
          WHERE r.application_id = a.id AND r.reviewer_id = $2) AS mine
       FROM applications a JOIN users u ON u.id = a.user_id
       WHERE a.cohort_id = $1 AND a.status NOT IN ('draft', 'withdrawn') AND a.user_id <> $2
       ORDER BY a.submitted_at, a.id`,
      [cohortId, principal.userId],
    );
  }

  /**
   * For each of these cohorts that this person reviews, how many applications still wait for
   * their review: one read for all of them, for the coordinator's home.
   */
  async waitingCounts(principal: Principal, cohortIds: string[]): Promise<Map<string, number>> {
    const reviewed = (await findCohorts(this.db.manager, cohortIds))
      .filter((cohort) => canOnCohort(principal, 'application.review', cohort))
      .map((cohort) => cohort.id);
    if (reviewed.length === 0) return new Map();
    const rows = await this.db.query<Array<{ cohort_id: string; waiting: number }>>(
      `SELECT a.cohort_id, count(*)::int AS waiting FROM applications a
       WHERE a.cohort_id = ANY($1::uuid[]) AND a.status NOT IN ('draft', 'withdrawn') AND a.user_id <> $2
         AND NOT EXISTS (SELECT 1 FROM application_reviews r WHERE r.application_id = a.id AND r.reviewer_id = $2)
       GROUP BY a.cohort_id`,
      [reviewed, principal.userId],
    );
    const waiting = new Map(rows.map((row) => [row.cohort_id, row.waiting]));
    return new Map(reviewed.map((id) => [id, waiting.get(id) ?? 0]));
  }

  async review(
    principal: Principal,
    applicationId: string,
    scores: Record<string, unknown>,
    comment = '',
  ): Promise<void> {
    const [app] = isUuid(applicationId)
      ? await this.db.query<Array<{ cohort_id: string; status: string; user_id: string }>>(
          `SELECT cohort_id, status, user_id FROM applications WHERE id = $1`,
          [applicationId],
        )
      : [];
    if (!app) throw new SummerError(SummerErrorCode.ApplicationNotFound, 'There is no such application.');
    const cohort = await reviewedCohort(this.db.manager, principal, app.cohort_id);
    if (app.user_id === principal.userId) throw ownApplication();
    if (app.status === 'draft' || app.status === 'withdrawn')
      throw new SummerError(SummerErrorCode.WrongStatus, 'Only submitted applications are reviewed.');
    const checked: Record<string, number> = {};
    const problems: Record<string, string> = {};
    for (const criterion of cohort.rubric) {
      const value = Number(scores[criterion.key]);
      if (!Number.isInteger(value) || value < 0 || value > criterion.max)
        problems[criterion.key] = 'summer.problem.score';
      else checked[criterion.key] = value;
    }
    if (cohort.rubric.length === 0) problems.rubric = 'summer.problem.noRubric';
    if (Object.keys(problems).length)
      throw new SummerError(
        SummerErrorCode.Invalid,
        `The review has problems: ${Object.keys(problems).join(', ')}.`,
        problems,
      );
    const total = Object.values(checked).reduce((sum, v) => sum + v, 0);
    await this.db.query(
      `INSERT INTO application_reviews (application_id, reviewer_id, scores, total, comment) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (application_id, reviewer_id) DO UPDATE SET scores = $3, total = $4, comment = $5, updated_at = now()`,
      [applicationId, principal.userId, JSON.stringify(checked), total, String(comment).trim().slice(0, 5000)],
    );
  }

  /** Submitted applications, best average first; the spread is the reviewers' disagreement (max − min). */
  async ranked(principal: Principal, cohortId: string): Promise<RankedApplication[]> {
    await managedCohort(this.db.manager, principal, cohortId, false, 'application.decide');
    return this.db.query<RankedApplication[]>(
      `SELECT a.id, u.name, u.email, a.organisation, a.category, a.status, a.submitted_at,
         count(r.*)::int AS reviews, round(avg(r.total), 2)::float AS average,
         (max(r.total) - min(r.total))::float AS spread
       FROM applications a JOIN users u ON u.id = a.user_id LEFT JOIN application_reviews r ON r.application_id = a.id
       WHERE a.cohort_id = $1 AND a.status <> 'draft'
       GROUP BY a.id, u.name, u.email
       ORDER BY avg(r.total) DESC NULLS LAST, a.submitted_at, a.id`,
      [cohortId],
    );
  }

  /**
   * Accepts, waitlists or rejects several applications at once. The cohort row is locked for the
   * whole decision, so concurrent decisions can never accept beyond capacity or a quota.
   */
  async decide(principal: Principal, cohortId: string, ids: string[], decision: Decision): Promise<DecisionReport> {
    const rule = DECISIONS[decision];
    if (!rule) throw new SummerError(SummerErrorCode.Invalid, 'Decide accept, waitlist or reject.');
    const report: DecisionReport = { changed: [], refused: [] };
    await this.events.transaction(async (tx) => {
      const cohort = await managedCohort(tx, principal, cohortId, true, 'application.decide');
      const wanted = [...new Set(ids)];
      const categories = await this.categoriesOf(tx, cohortId, wanted.filter(isUuid));
      // With the cohort row locked, the places taken can only change through this loop.
      const places = await PlacesTaken.load(tx, cohort);
      for (const id of wanted) {
        const category = categories.get(id)?.category;
        const refusal =
          category === undefined
            ? { code: 'not_in_cohort' as const, reason: 'not an application to this cohort' }
            : categories.get(id)?.userId === principal.userId
              ? { code: 'own_application' as const, reason: 'your own application: another coordinator decides it' }
              : decision === 'accept'
                ? places.refusal(category)
                : null;
        if (refusal) {
          report.refused.push({ id, ...refusal });
          continue;
        }
        const changed = await changeStatus(tx, this.mail, {
          applicationId: id,
          actorId: principal.userId,
          from: rule.from,
          to: rule.to,
        });
        if (!changed) {
          report.refused.push({ id, code: 'status', reason: `cannot become ${rule.to} from its status` });
          continue;
        }
        if (decision === 'accept') places.take(category!);
        report.changed.push(id);
      }
    });
    return report;
  }

  private async categoriesOf(
    tx: EntityManager,
    cohortId: string,
    ids: string[],
  ): Promise<Map<string, { category: string; userId: string }>> {
    const rows = await tx.query<Array<{ id: string; category: string; user_id: string }>>(
      `SELECT id, category, user_id FROM applications WHERE cohort_id = $1 AND id = ANY($2::uuid[])`,
      [cohortId, ids],
    );
    return new Map(rows.map((r) => [r.id, { category: r.category, userId: r.user_id }]));
  }
}

/** The places accepted (or confirmed) applicants hold, in all and per category, against the limits. */
class PlacesTaken {
  private constructor(
    private readonly cohort: Pick<CohortRow, 'capacity' | 'quotas'>,
    private readonly byCategory: Map<string, number>,
  ) {}

  static async load(tx: EntityManager, cohort: CohortRow): Promise<PlacesTaken> {
    const rows = await tx.query<Array<{ category: string; n: number }>>(
      `SELECT category, count(*)::int AS n FROM applications
       WHERE cohort_id = $1 AND status IN ('accepted', 'confirmed') GROUP BY category`,
      [cohort.id],
    );
    return new PlacesTaken(cohort, new Map(rows.map((r) => [r.category, r.n])));
  }

  refusal(category: string): { code: RefusalCode; reason: string } | null {
    const total = [...this.byCategory.values()].reduce((sum, n) => sum + n, 0);
    if (total >= this.cohort.capacity) {
      return { code: 'full', reason: `the cohort is full (${this.cohort.capacity} places)` };
    }
    const quota = this.cohort.quotas[category];
    if (quota !== undefined && (this.byCategory.get(category) ?? 0) >= quota)
      return { code: 'quota', reason: `the quota for ${category} (${quota}) is reached` };
    return null;
  }

  take(category: string): void {
    this.byCategory.set(category, (this.byCategory.get(category) ?? 0) + 1);
  }
}

function ownApplication(): SummerError {
  return new SummerError(SummerErrorCode.OwnApplication, 'Nobody reviews or decides their own application.');
}

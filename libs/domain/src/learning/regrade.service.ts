import { Injectable } from '@nestjs/common';
import { gradeQuestion, type KeyEntry } from '@karvan/content';
import { DataSource, type EntityManager } from 'typeorm';
import { can, courseScope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { loadAnswerKeys, loadModuleQuiz, loadRevisionPlaces } from '../courses/index.js';
import { orderedQuestions } from './attempt-order.js';
import { DomainEvents } from '../events/index.js';
import { loadGradedAnswer, loadGradedAnswers, settingsOf, type GradedAnswerRow } from './attempt-rows.js';
import { followCompletion } from './completion-follow.js';
import { LearningError, LearningErrorCode } from './learning.errors.js';
import { isUuid } from '../shared/ids.js';

export interface GradeChange {
  attemptId: string;
  attemptNumber: number;
  name: string;
  email: string;
  oldScore: number;
  newScore: number;
  oldPercent: number;
  newPercent: number;
  oldPassed: boolean;
  newPassed: boolean;
}

export interface RegradeReport {
  /** A regrade's stored report, for its page; absent for an override. */
  id?: string;
  question: string;
  changes: GradeChange[];
  /** People whose course completion was recorded because of the new results. */
  completionsRecorded: string[];
  /** People who no longer pass and had a completion with no certificate: it was removed. */
  completionsWithdrawn: string[];
  /** People who no longer pass but hold a certificate: left as it is, for a trainer's decision. */
  certificatesToDecide: Array<{ email: string; certificateId: string; status: string }>;
}

/** An attempt as the override page shows it: each question with its points and what it earned. */
export interface AttemptGrades {
  attemptId: string;
  attemptNumber: number;
  trainee: { name: string; email: string };
  course: { slug: string; title: string };
  module: { slug: string; title: string };
  awaitingGrading: boolean;
  score: number;
  maxScore: number;
  percent: number | null;
  passed: boolean | null;
  questions: Array<{ key: string; number: number; promptHtml: string; type: string; points: number; score: number }>;
}

const MAX_REASON = 500;

/** Changing grades after submission: regrading a fixed key, and a trainer's override with a reason. */
@Injectable()
export class RegradeService {
  constructor(
    private readonly events: DomainEvents,
    private readonly db: DataSource,
  ) {}

  /** Grades every submitted answer to the question again with the module's current key. */
  async regrade(
    principal: Principal,
    courseSlug: string,
    moduleSlug: string,
    questionKey: string,
  ): Promise<RegradeReport> {
    return this.events.transaction(async (tx) => {
      const module = await loadModuleQuiz(tx, courseSlug, moduleSlug);
      if (!module) throw new LearningError(LearningErrorCode.ModuleNotFound, `There is no module "${moduleSlug}".`);
      requireGrader(principal, module);
      const stored = (await loadAnswerKeys(tx, module.revisionId, module.moduleId)).find((k) => k.key === questionKey);
      if (!stored) throw questionNotFound();
      const key = { ...stored.answer_key, feedbackHtml: null } as KeyEntry;
      if (key.type === 'essay') throw essayByHand();
      const changes: Array<{ row: GradedAnswerRow; score: number }> = [];
      for (const row of await loadGradedAnswers(tx, module.moduleId, questionKey)) {
        const question = row.quiz.questions.find((q) => q.id === questionKey);
        // A question whose kind changed cannot be graded with the new key: its answers keep their score.
        if (!question || question.type !== key.type) continue;
        const score = round(gradeQuestion(question, key, row.response) * question.points, 3);
        if (score !== row.score) changes.push({ row, score });
      }
      const report = await applyChanges(tx, questionKey, changes, 'regrade', principal.userId, null);
      const [{ id }] = await tx.query<Array<{ id: string }>>(
        `INSERT INTO regrade_reports (module_id, question_key, report, actor_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [module.moduleId, questionKey, JSON.stringify(report), principal.userId],
      );
      return { id, ...report };
    });
  }

  /** The question a regrade would grade again, for the page that asks to confirm it. */
  async question(principal: Principal, courseSlug: string, moduleSlug: string, questionKey: string) {
    const module = await loadModuleQuiz(this.db.manager, courseSlug, moduleSlug);
    if (!module) throw new LearningError(LearningErrorCode.ModuleNotFound, `There is no module "${moduleSlug}".`);
    requireGrader(principal, module);
    const question = module.quiz?.questions.find((q) => q.id === questionKey);
    if (!question) throw questionNotFound();
    return {
      moduleTitle: module.title,
      key: question.id,
      number: question.number,
      promptHtml: question.promptHtml,
      type: question.type,
    };
  }

  /** A submitted attempt's points per question, for a grade override. */
  async attemptGrades(principal: Principal, attemptId: string): Promise<AttemptGrades> {
    const [row] = isUuid(attemptId)
      ? await this.db.query<
          Array<{
            id: string;
            number: number;
            revision_id: string;
            question_order: string[];
            option_order: Record<string, string[]>;
            awaiting_grading: boolean;
            score: number;
            max_score: number;
            percent: number | null;
            passed: boolean | null;
            name: string;
            email: string;
          }>
        >(
          `SELECT a.id, a.number, a.revision_id, a.question_order, a.option_order, a.awaiting_grading,
             a.score::float8 AS score, a.max_score::float8 AS max_score, a.percent::float8 AS percent, a.passed, u.name, u.email
           FROM quiz_attempts a JOIN users u ON u.id = a.user_id WHERE a.id = $1 AND a.submitted_at IS NOT NULL`,
          [attemptId],
        )
      : [];
    const place = row ? (await loadRevisionPlaces(this.db.manager, [row.revision_id])).get(row.revision_id) : undefined;
    if (!row || !place?.quiz) throw questionNotFound();
    requireGrader(principal, place);
    const scores = new Map(
      (
        await this.db.query<Array<{ question_key: string; score: number }>>(
          'SELECT question_key, score::float8 AS score FROM attempt_answers WHERE attempt_id = $1',
          [row.id],
        )
      ).map((a) => [a.question_key, a.score]),
    );
    const questions = orderedQuestions(place.quiz, {
      questionOrder: row.question_order,
      optionOrder: row.option_order,
    });
    return {
      attemptId: row.id,
      attemptNumber: row.number,
      trainee: { name: row.name, email: row.email },
      course: { slug: place.courseSlug, title: place.courseTitle },
      module: { slug: place.moduleSlug, title: place.moduleTitle },
      awaitingGrading: row.awaiting_grading,
      score: row.score,
      maxScore: row.max_score,
      percent: row.percent,
      passed: row.passed,
      questions: questions
        .filter((q) => scores.has(q.id))
        .map((q) => ({
          key: q.id,
          number: q.number,
          promptHtml: q.promptHtml,
          type: q.type,
          points: q.points,
          score: scores.get(q.id)!,
        })),
    };
  }

  /** A regrade's report, as it was when it ran, for the course's authors and admins. */
  async report(principal: Principal, courseSlug: string, moduleSlug: string, reportId: string): Promise<RegradeReport> {
    const module = await loadModuleQuiz(this.db.manager, courseSlug, moduleSlug);
    if (!module) throw new LearningError(LearningErrorCode.ModuleNotFound, `There is no module "${moduleSlug}".`);
    requireGrader(principal, module);
    const [row] = isUuid(reportId)
      ? await this.db.manager.query<Array<{ report: RegradeReport }>>(
          'SELECT report FROM regrade_reports WHERE id = $1 AND module_id = $2',
          [reportId, module.moduleId],
        )
      : [];
    if (!row) throw new LearningError(LearningErrorCode.QuestionNotFound, 'There is no such regrade report.');
    return { id: reportId, ...row.report };
  }

  /** Sets one answer's points by hand; the reason is kept with the change. */
  async override(
    principal: Principal,
    attemptId: string,
    questionKey: string,
    points: number,
    reason: string,
  ): Promise<RegradeReport> {
    return this.events.transaction(async (tx) => {
      const row = await loadGradedAnswer(tx, attemptId, questionKey);
      if (!row) throw questionNotFound();
      requireGrader(principal, { courseId: row.course_id, organisationId: row.organisation_id });
      if (row.awaiting_grading) {
        throw new LearningError(
          LearningErrorCode.AwaitingGrading,
          'This attempt waits for its essay to be graded: grade the essay first.',
        );
      }
      const max = row.quiz.questions.find((q) => q.id === questionKey)?.points ?? 1;
      const text = reason.trim();
      if (!Number.isFinite(points) || points < 0 || points > max || text === '' || text.length > MAX_REASON) {
        throw new LearningError(
          LearningErrorCode.InvalidOverride,
          `Give points from 0 to ${max} and a reason of at most ${MAX_REASON} characters.`,
          { points: 'range', reason: 'required' },
        );
      }
      return applyChanges(tx, questionKey, [{ row, score: round(points, 3) }], 'override', principal.userId, text);
    });
  }
}

function requireGrader(principal: Principal, course: { courseId: string; organisationId: string | null }): void {
  if (!can(principal, 'course.edit', courseScope({ id: course.courseId, organisationId: course.organisationId }))) {
    throw new LearningError(
      LearningErrorCode.GradeNotAllowed,
      'Only the course’s authors and admins may change grades.',
    );
  }
}

function essayByHand(): LearningError {
  return new LearningError(LearningErrorCode.NotAnEssay, 'An essay is graded by hand, not regraded with a key.');
}

function questionNotFound(): LearningError {
  return new LearningError(LearningErrorCode.QuestionNotFound, 'There is no such question or answer in this quiz.');
}

/** Stores the new scores and totals, logs each change, and lets completions follow the new results. */
async function applyChanges(
  tx: EntityManager,
  questionKey: string,
  changes: Array<{ row: GradedAnswerRow; score: number }>,
  kind: 'regrade' | 'override',
  actorId: string,
  reason: string | null,
): Promise<RegradeReport> {
  const report: RegradeReport = {
    question: questionKey,
    changes: [],
    completionsRecorded: [],
    completionsWithdrawn: [],
    certificatesToDecide: [],
  };
  const people = new Map<string, GradedAnswerRow>();
  for (const { row, score } of changes) {
    const total = round(row.total - row.score + score, 3);
    const percent = row.max_score > 0 ? round((100 * total) / row.max_score, 2) : 0;
    // An attempt whose essay waits keeps its points up to date but has no percent or pass yet.
    const passed = row.awaiting_grading ? null : percent >= settingsOf(row.quiz).passPercent;
    await tx.query('UPDATE attempt_answers SET score = $3 WHERE attempt_id = $1 AND question_key = $2', [
      row.attempt_id,
      questionKey,
      score,
    ]);
    await tx.query('UPDATE quiz_attempts SET score = $2, percent = $3, passed = $4 WHERE id = $1', [
      row.attempt_id,
      total,
      passed === null ? null : percent,
      passed,
    ]);
    await tx.query(
      `INSERT INTO grade_changes (attempt_id, question_key, kind, old_score, new_score, old_percent, new_percent, reason, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.attempt_id, questionKey, kind, row.score, score, row.percent ?? 0, percent, reason, actorId],
    );
    report.changes.push({
      attemptId: row.attempt_id,
      attemptNumber: row.number,
      name: row.name,
      email: row.email,
      oldScore: row.score,
      newScore: score,
      oldPercent: row.percent ?? 0,
      newPercent: percent,
      oldPassed: row.passed ?? false,
      newPassed: passed ?? false,
    });
    if (passed === null) continue;
    people.set(`${row.user_id}/${row.course_id}`, row);
  }
  for (const row of people.values()) await followCompletion(tx, row, report);
  return report;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

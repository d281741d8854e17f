import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import type { QuizModel, RubricCriterion } from '@karvan/content';
import { DataSource, type EntityManager } from 'typeorm';
import { can, courseScope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { loadAnswerKeys, loadCourseRef, loadRevisionPlaces, type RevisionPlace } from '../courses/index.js';
import { DomainEvents, recordEvent } from '../events/index.js';
import { MailService } from '../mail/index.js';
import { isLocale } from '../shared/locale.js';
import { isUuid } from '../shared/ids.js';
import { orderedQuestions } from './attempt-order.js';
import { settingsOf } from './attempt-rows.js';
import { followCompletion, type CompletionReport } from './completion-follow.js';
import { loadAttemptFile, loadEssayRecords } from './essay-rows.js';
import { FileStorage } from '../certificates/index.js';
import { checkEssayGrade } from './essay-grade-check.js';
import type {
  AttemptGrading,
  AttemptToGrade,
  CourseToGrade,
  EssayGradeInput,
  EssayGradeOutcome,
} from './essay-grading.types.js';
import { LearningError, LearningErrorCode } from './learning.errors.js';

interface GradingRow {
  id: string;
  user_id: string;
  module_id: string;
  revision_id: string;
  number: number;
  submitted_at: Date;
  score: number;
  max_score: number;
  percent: number | null;
  passed: boolean | null;
  awaiting_grading: boolean;
  question_order: string[];
  option_order: Record<string, string[]>;
  name: string;
  email: string;
  locale: string;
}

const ATTEMPT_SELECT = `SELECT a.id, a.user_id, a.module_id, a.revision_id, a.number, a.submitted_at, a.score::float8 AS score,
   a.max_score::float8 AS max_score, a.percent::float8 AS percent, a.passed, a.awaiting_grading, a.question_order,
   a.option_order, u.name, u.email, u.locale
 FROM quiz_attempts a JOIN users u ON u.id = a.user_id`;

/** Essays graded by the course's trainers: the attempts waiting, one attempt's essays, and a grade. */
@Injectable()
export class EssayGradingService {
  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly mail: MailService,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The file a trainee attached to an essay, for its grader. */
  async file(principal: Principal, attemptId: string, questionKey: string) {
    const { row } = await this.load(this.db.manager, principal, attemptId, false);
    const file = await loadAttemptFile(this.db.manager, row.id, questionKey);
    const bytes = file ? await this.storage.get(file.storage_key) : null;
    if (!file || !bytes) throw new LearningError(LearningErrorCode.AttemptNotFound, 'There is no such file.');
    return { filename: file.filename, contentType: file.content_type, bytes };
  }

  /** The course's attempts whose essays wait for a grade, oldest submission first. */
  async toGrade(principal: Principal, courseSlug: string): Promise<CourseToGrade> {
    const course = await loadCourseRef(this.db.manager, courseSlug);
    if (!course || !can(principal, 'attempt.grade', courseScope(course))) throw notAllowed();
    const attempts = (await this.waiting()).filter((a) => a.place.courseId === course.id).map((a) => a.attempt);
    return { course: { slug: course.slug, title: course.title }, attempts };
  }

  /** How many attempts wait for this person's grade, per course slug they may grade (the home page). */
  async countsToGrade(principal: Principal): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { place } of await this.waiting()) {
      if (!can(principal, 'attempt.grade', courseScope(placeScope(place)))) continue;
      counts[place.courseSlug] = (counts[place.courseSlug] ?? 0) + 1;
    }
    return counts;
  }

  /** One submitted attempt's essays with what grading them needs. */
  async get(principal: Principal, attemptId: string): Promise<AttemptGrading> {
    const { row, place } = await this.load(this.db.manager, principal, attemptId, false);
    return this.grading(this.db.manager, row, place);
  }

  /**
   * Grades one essay of a submitted attempt (again, when it was graded before: every grade is
   * audited). Once no essay waits, the attempt's score and pass are final, completion and
   * certificate follow as for any pass, and the trainee is e-mailed, once.
   */
  async grade(
    principal: Principal,
    attemptId: string,
    questionKey: string,
    input: EssayGradeInput,
  ): Promise<EssayGradeOutcome> {
    const outcome = await this.events.transaction(async (tx) => {
      const { row, place } = await this.load(tx, principal, attemptId, true);
      const questions = questionsOf(row, place.quiz);
      const question = questions.find((q) => q.id === questionKey);
      if (!question)
        throw new LearningError(LearningErrorCode.QuestionNotFound, 'There is no such question in this attempt.');
      if (question.type !== 'essay')
        throw new LearningError(LearningErrorCode.NotAnEssay, 'Only essays are graded by hand.');
      const key = (await loadAnswerKeys(tx, row.revision_id, row.module_id)).find((k) => k.key === questionKey);
      const rubric =
        key?.answer_key.type === 'essay' ? (key.answer_key as unknown as { rubric: RubricCriterion[] }).rubric : [];
      const grade = checkEssayGrade(question.points, rubric, input);
      const [old] = await tx.query<Array<{ score: number }>>(
        'SELECT score::float8 AS score FROM attempt_answers WHERE attempt_id = $1 AND question_key = $2',
        [row.id, questionKey],
      );
      await tx.query(
        `INSERT INTO essay_grades (attempt_id, question_key, points, criteria, feedback, graded_by, graded_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (attempt_id, question_key) DO UPDATE SET points = $3, criteria = $4, feedback = $5,
           graded_by = $6, graded_at = now()`,
        [row.id, questionKey, grade.points, JSON.stringify(grade.criteria), grade.feedback, principal.userId],
      );
      await tx.query(
        `INSERT INTO attempt_answers (attempt_id, question_key, response, score) VALUES ($1, $2, NULL, $3)
         ON CONFLICT (attempt_id, question_key) DO UPDATE SET score = $3`,
        [row.id, questionKey, grade.points],
      );
      const graded = new Set(
        (
          await tx.query<Array<{ question_key: string }>>(
            'SELECT question_key FROM essay_grades WHERE attempt_id = $1',
            [row.id],
          )
        ).map((g) => g.question_key),
      );
      const awaiting = questions.some((q) => q.type === 'essay' && !graded.has(q.id));
      const [{ total }] = await tx.query<Array<{ total: number }>>(
        'SELECT coalesce(sum(score), 0)::float8 AS total FROM attempt_answers WHERE attempt_id = $1',
        [row.id],
      );
      const percent = row.max_score > 0 ? Math.round((10000 * total) / row.max_score) / 100 : 0;
      const passed = awaiting ? null : percent >= settingsOf(place.quiz!).passPercent;
      await tx.query(
        'UPDATE quiz_attempts SET score = $2, percent = $3, passed = $4, awaiting_grading = $5 WHERE id = $1',
        [row.id, total, awaiting ? null : percent, passed, awaiting],
      );
      await tx.query(
        `INSERT INTO grade_changes (attempt_id, question_key, kind, old_score, new_score, old_percent, new_percent, reason, actor_id)
         VALUES ($1, $2, 'essay', $3, $4, $5, $6, $7, $8)`,
        [
          row.id,
          questionKey,
          old?.score ?? 0,
          grade.points,
          row.percent ?? 0,
          percent,
          grade.feedback.slice(0, 500),
          principal.userId,
        ],
      );
      const attemptGraded = row.awaiting_grading && !awaiting;
      const report: CompletionReport = { completionsRecorded: [], completionsWithdrawn: [], certificatesToDecide: [] };
      if (!awaiting)
        await followCompletion(tx, { user_id: row.user_id, course_id: place.courseId, email: row.email }, report);
      if (attemptGraded) await this.tellTrainee(tx, row, place);
      return { attemptGraded, completionRecorded: report.completionsRecorded.length > 0 };
    });
    return { ...outcome, grading: await this.get(principal, attemptId) };
  }

  private async tellTrainee(tx: EntityManager, row: GradingRow, place: RevisionPlace): Promise<void> {
    await recordEvent(tx, { type: 'AttemptGraded', payload: { attemptId: row.id, userId: row.user_id } });
    await this.mail.add(tx, {
      dedupeKey: `attempt-graded:${row.id}`,
      to: row.email,
      locale: isLocale(row.locale) ? row.locale : 'en',
      template: 'essayGraded',
      params: {
        name: row.name,
        module: place.moduleTitle,
        course: place.courseTitle,
        link: `${this.config.baseUrl}/attempts/${row.id}`,
      },
    });
  }

  /** Every attempt waiting for a grade, with its place; few at a time, so read whole and filtered here. */
  private async waiting(): Promise<Array<{ attempt: AttemptToGrade; place: RevisionPlace }>> {
    const rows = await this.db.query<
      Array<{ id: string; number: number; revision_id: string; submitted_at: Date; name: string }>
    >(
      `SELECT a.id, a.number, a.revision_id, a.submitted_at, u.name FROM quiz_attempts a JOIN users u ON u.id = a.user_id
       WHERE a.awaiting_grading ORDER BY a.submitted_at, a.id`,
    );
    const places = await loadRevisionPlaces(
      this.db.manager,
      rows.map((r) => r.revision_id),
    );
    return rows.flatMap((row) => {
      const place = places.get(row.revision_id);
      if (!place) return [];
      const attempt: AttemptToGrade = {
        attemptId: row.id,
        attemptNumber: row.number,
        courseSlug: place.courseSlug,
        moduleSlug: place.moduleSlug,
        moduleTitle: place.moduleTitle,
        traineeName: row.name,
        submittedAt: row.submitted_at,
      };
      return [{ attempt, place }];
    });
  }

  /** A submitted attempt and its place, after the grader's capability on its course is checked. */
  private async load(
    tx: EntityManager,
    principal: Principal,
    attemptId: string,
    lock: boolean,
  ): Promise<{ row: GradingRow; place: RevisionPlace }> {
    const [row] = isUuid(attemptId)
      ? await tx.query<GradingRow[]>(
          `${ATTEMPT_SELECT} WHERE a.id = $1 AND a.submitted_at IS NOT NULL${lock ? ' FOR UPDATE OF a' : ''}`,
          [attemptId],
        )
      : [];
    const place = row ? (await loadRevisionPlaces(tx, [row.revision_id])).get(row.revision_id) : undefined;
    if (!row || !place) throw new LearningError(LearningErrorCode.AttemptNotFound, 'There is no such quiz attempt.');
    if (!can(principal, 'attempt.grade', courseScope(placeScope(place)))) throw notAllowed();
    return { row, place };
  }

  private async grading(tx: EntityManager, row: GradingRow, place: RevisionPlace): Promise<AttemptGrading> {
    const keys = new Map((await loadAnswerKeys(tx, row.revision_id, row.module_id)).map((k) => [k.key, k]));
    const records = new Map((await loadEssayRecords(tx, row.id)).map((r) => [r.question_key, r]));
    const responses = new Map(
      (
        await tx.query<Array<{ question_key: string; response: unknown }>>(
          'SELECT question_key, response FROM attempt_answers WHERE attempt_id = $1',
          [row.id],
        )
      ).map((a) => [a.question_key, a.response]),
    );
    const essays = questionsOf(row, place.quiz)
      .filter((q) => q.type === 'essay')
      .map((q) => {
        const key = keys.get(q.id);
        const record = records.get(q.id);
        const response = responses.get(q.id);
        return {
          questionKey: q.id,
          number: q.number,
          promptHtml: q.promptHtml,
          maxPoints: q.points,
          text: typeof response === 'string' ? response : null,
          file: record?.file ?? null,
          rubric:
            key?.answer_key.type === 'essay' ? (key.answer_key as unknown as { rubric: RubricCriterion[] }).rubric : [],
          authorFeedbackHtml: key?.feedback_html || null,
          grade: record?.grade
            ? {
                points: record.grade.points,
                criteria: record.grade.criteria,
                feedback: record.grade.feedback,
                gradedAt: record.grade.graded_at,
                grader: record.grade.grader,
              }
            : null,
        };
      });
    return {
      attemptId: row.id,
      attemptNumber: row.number,
      course: { slug: place.courseSlug, title: place.courseTitle },
      module: { slug: place.moduleSlug, title: place.moduleTitle },
      trainee: { name: row.name, email: row.email },
      submittedAt: row.submitted_at,
      awaitingGrading: row.awaiting_grading,
      score: row.awaiting_grading ? null : row.score,
      maxScore: row.max_score,
      percent: row.awaiting_grading ? null : row.percent,
      passed: row.awaiting_grading ? null : row.passed,
      passPercent: place.quiz ? settingsOf(place.quiz).passPercent : 0,
      essays,
    };
  }
}

function questionsOf(row: GradingRow, quiz: QuizModel | null) {
  if (!quiz) return [];
  return orderedQuestions(quiz, { questionOrder: row.question_order, optionOrder: row.option_order });
}

function placeScope(place: RevisionPlace) {
  return { id: place.courseId, organisationId: place.organisationId };
}

function notAllowed(): LearningError {
  return new LearningError(
    LearningErrorCode.GradeNotAllowed,
    'Only the course’s trainers and admins grade its essays.',
  );
}

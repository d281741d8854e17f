import { Injectable } from '@nestjs/common';
import { Batched } from '@karvan/database';
import { askedCount, type KeyEntry, type QuestionResponse, type QuizModel } from '@karvan/content';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { gradeAttempt, keyEntries, type GradedAttempt } from './attempt-grading.js';
import { orderedQuestions } from './attempt-order.js';
import { attemptsSoFar, findQuizModule, insertAttempt, moduleNotFound } from './attempt-start.js';
import { checkResponses } from './attempt-responses.js';
import {
  attemptNotFound,
  inLanguage,
  loadAnswers,
  loadAttemptSummaries,
  loadOwnAttempt,
  loadOwnAttempts,
  loadStanding,
  settingsOf,
  type AttemptRow,
} from './attempt-rows.js';
import { claimAndStore, loadAttemptToSubmit, type AttemptToSubmit, type Claimed } from './attempt-submission.js';
import { answersAllowed, answersHidden, attemptView, progressOf, resultOf } from './attempt-view.js';
import { loadAnswerKeys, loadNextModule } from '../courses/index.js';
import { DomainEvents } from '../events/index.js';
import { EpochCache } from '../shared/content-epoch.js';
import { isUuid } from '../shared/ids.js';
import { userKey } from '../shared/user-keys.js';
import { FileStorage } from '../certificates/index.js';
import { checkAttachments, type Attachment, type CheckedAttachment } from './attempt-files.js';
import { evaluateCompletion } from './completion.js';
import { loadAttemptFile, loadEssayRecords, storeAttemptFile } from './essay-rows.js';
import { LearningError, LearningErrorCode } from './learning.errors.js';
import {
  attemptsUsed,
  courseClosedForSubmission,
  notEnrolledForSubmission,
  quizPassed,
  timeRanOut,
} from './quiz-attempt-messages.js';
import type { AttemptView, ModuleAttempts, StartedAttempt, SubmitOutcome } from './quiz-attempts.types.js';

/** A submission's outcome inside its transaction; a refusal is thrown only after the closing commits. */
type Submitted = { outcome: SubmitOutcome } | { refusedAt: Date };

/**
 * Graded quizzes: an attempt is created and graded on the server, keeps the revision and the
 * order it was started with, and is submitted at most once.
 */
@Injectable()
export class QuizAttemptsService {
  /**
   * Answer keys by revision, for the content epoch they were read at: a revision's questions never
   * change, and a translation's accepted answers raise the epoch. Shared: never changed in place.
   */
  private readonly answerKeys = new EpochCache<Map<string, KeyEntry>>(2_000);
  /** Attempts viewed at once (by `userKey` of person and attempt), read in one statement. */
  private readonly ownAttempts = new Batched((keys: string[]) => loadOwnAttempts(this.db.manager, keys));

  constructor(
    private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Starts an attempt, or returns the open one: an active enrolment in a published course is
   * required, and a passed quiz is finished (its answers may be on show).
   */
  async start(principal: Principal, courseSlug: string, moduleSlug: string): Promise<StartedAttempt> {
    const { row, created } = await this.db.transaction(async (tx) => {
      const module = await findQuizModule(tx, principal.userId, courseSlug, moduleSlug);
      const sofar = await attemptsSoFar(tx, principal.userId, module.moduleId);
      if (sofar.open) return { row: await loadOwnAttempt(tx, sofar.open, principal.userId), created: false };
      if (sofar.passed) throw quizPassed();
      const { maxAttempts } = settingsOf(module.quiz);
      if (maxAttempts !== null && sofar.used >= maxAttempts) throw attemptsUsed(maxAttempts);
      return { row: await insertAttempt(tx, principal.userId, module, sofar.last + 1), created: true };
    });
    // Not submitted yet: the view shows the questions only, so it needs nothing more from the database.
    return { created, attempt: attemptView(row, [], null) };
  }

  /**
   * The caller's own attempt; answers and feedback only after submission, as the quiz allows, and
   * once no further attempt can use them.
   */
  async view(principal: Principal, attemptId: string, language?: string): Promise<AttemptView> {
    const own = isUuid(attemptId) ? await this.ownAttempts.load(userKey(principal.userId, attemptId)) : undefined;
    if (!own) throw attemptNotFound();
    const row = language ? await inLanguage(this.db.manager, own, language) : own;
    if (!row.submitted_at) return attemptView(row, [], null);
    const answers = await loadAnswers(this.db.manager, row.id);
    const standing = await loadStanding(this.db.manager, row);
    const keys = answersAllowed(row, standing)
      ? await loadAnswerKeys(this.db.manager, row.revision_id, row.module_id)
      : null;
    const progress = progressOf(row, standing, await loadNextModule(this.db.manager, row.module_id, language));
    const essays = await loadEssayRecords(this.db.manager, row.id);
    return attemptView(row, answers, keys, answersHidden(row, standing), progress, essays);
  }

  /** The file the caller attached to an essay of their own attempt. */
  async file(principal: Principal, attemptId: string, questionKey: string) {
    const row = await loadOwnAttempt(this.db.manager, attemptId, principal.userId);
    const file = await loadAttemptFile(this.db.manager, row.id, questionKey);
    const bytes = file ? await this.storage.get(file.storage_key) : null;
    if (!file || !bytes) throw new LearningError(LearningErrorCode.AttemptNotFound, 'There is no such file.');
    return { filename: file.filename, contentType: file.content_type, bytes };
  }

  /**
   * Grades the attempt once. A repeated or concurrent submission returns the stored result and
   * grades nothing; a late one is refused or graded as the quiz's `late=` setting says. Grading
   * needs an active enrolment in a published course at that moment.
   */
  async submit(
    principal: Principal,
    attemptId: string,
    responses: Record<string, QuestionResponse>,
    files: Attachment[] = [],
  ): Promise<SubmitOutcome> {
    const submitted = await this.events.transaction(async (tx): Promise<Submitted> => {
      const row = await loadAttemptToSubmit(tx, attemptId, principal.userId);
      if (row.submitted_at) return storedOutcome(tx, row);
      assertMaySubmit(row);
      const questions = orderedQuestions(row.quiz, {
        questionOrder: row.question_order,
        optionOrder: row.option_order,
      });
      // Checked before the claim, so a refused file leaves the attempt open with its text.
      const checked = checkResponses(questions, responses);
      const attachments = checkAttachments(row.id, questions, files);
      const settings = settingsOf(row.quiz);
      const keys = await this.answerKeys.through(`${row.revision_id}\n${row.module_id}`, row.content_epoch, async () =>
        keyEntries(await loadAnswerKeys(tx, row.revision_id, row.module_id)),
      );
      const graded = gradeAttempt(questions, keys, checked, settings.passPercent);
      // An essay is graded by a trainer: until then the attempt neither passes nor fails.
      const awaitingGrading = questions.some((q) => q.type === 'essay');
      const refuseLate = settings.lateSubmissions === 'refuse';
      const claimed = await claimAndStore(tx, row.id, { graded, awaitingGrading, refuseLate });
      // Another request claimed it between our read and our update: report what it stored.
      if (!claimed) return storedOutcome(tx, await loadOwnAttempt(tx, attemptId, principal.userId));
      if (claimed.late && refuseLate) return { refusedAt: row.deadline! };
      await this.storeAttachments(tx, row.id, attachments);
      return { outcome: await outcomeOf(tx, row, claimed, graded, awaitingGrading) };
    });
    if ('refusedAt' in submitted) throw timeRanOut(submitted.refusedAt);
    return submitted.outcome;
  }

  /** Inside the submission's transaction: a failed write rolls the submission back. */
  private async storeAttachments(tx: EntityManager, attemptId: string, files: CheckedAttachment[]): Promise<void> {
    for (const file of files) {
      await this.storage.put(file.storageKey, file.bytes);
      await storeAttemptFile(tx, attemptId, file.questionId, {
        filename: file.filename,
        contentType: file.contentType,
        size: file.bytes.length,
        storageKey: file.storageKey,
      });
    }
  }

  /** The caller's attempts at a module's quiz, oldest first, with the best score. */
  async attemptsFor(principal: Principal, courseSlug: string, moduleSlug: string): Promise<ModuleAttempts> {
    const [module] = await this.db.query<Array<{ id: string; quiz: QuizModel | null }>>(
      `SELECT m.id, r.quiz FROM courses c JOIN modules m ON m.course_id = c.id AND m.slug = $2
       LEFT JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE c.slug = $1 AND c.status <> 'draft'`,
      [courseSlug, moduleSlug],
    );
    if (!module) throw moduleNotFound(moduleSlug);
    const attempts = await loadAttemptSummaries(this.db.manager, principal.userId, module.id);
    const graded = attempts.filter((a) => a.state === 'graded').map((a) => a.percent ?? 0);
    const settings = module.quiz ? settingsOf(module.quiz) : null;
    const maxAttempts = settings?.maxAttempts ?? null;
    const passed = attempts.some((a) => a.passed === true);
    const attemptsLeft = maxAttempts === null ? null : Math.max(0, maxAttempts - attempts.length);
    return {
      attempts,
      bestPercent: graded.length ? Math.max(...graded) : null,
      passed,
      maxAttempts,
      attemptsLeft,
      canStart: !passed && attemptsLeft !== 0,
      questionCount: module.quiz ? askedCount(module.quiz.questions, settings!.draws) : 0,
      timeLimitMinutes: settings?.timeLimitMinutes ?? null,
      passPercent: settings?.passPercent ?? 0,
      grading: 'best',
    };
  }
}

/** Refuses to grade for someone no longer actively enrolled, or in a course no longer published. */
function assertMaySubmit(row: AttemptToSubmit): void {
  if (row.course_status !== 'published') throw courseClosedForSubmission();
  if (row.enrolment_status !== 'active') throw notEnrolledForSubmission(row.enrolment_status ?? undefined);
}

async function outcomeOf(
  tx: EntityManager,
  row: AttemptRow,
  claimed: Claimed,
  graded: GradedAttempt,
  awaiting: boolean,
): Promise<SubmitOutcome> {
  const { score, maxScore, percent, passed } = graded;
  const result = awaiting
    ? { score: null, maxScore, percent: null, passed: null }
    : { score, maxScore, percent, passed };
  return {
    attemptId: row.id,
    result: {
      submittedAt: claimed.submitted_at,
      graded: true,
      awaitingGrading: awaiting,
      late: claimed.late,
      ...result,
    },
    alreadySubmitted: false,
    completion: passed && !awaiting ? await evaluateCompletion(tx, row.user_id, row.course_id) : null,
  };
}

/** What the first submission stored; a refused late attempt is refused again, in the same words. */
async function storedOutcome(tx: EntityManager, row: AttemptRow): Promise<Submitted> {
  const result = resultOf(row)!;
  if (!result.graded) return { refusedAt: row.deadline ?? result.submittedAt };
  const [completed] = result.passed
    ? await tx.query<unknown[]>('SELECT 1 FROM course_completions WHERE user_id = $1 AND course_id = $2', [
        row.user_id,
        row.course_id,
      ])
    : [];
  return {
    outcome: {
      attemptId: row.id,
      result,
      alreadySubmitted: true,
      completion: result.passed ? { complete: completed !== undefined, newlyRecorded: false } : null,
    },
  };
}

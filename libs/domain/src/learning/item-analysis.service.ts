import { Injectable } from '@nestjs/common';
import type { PublicQuestion } from '@karvan/content';
import { DataSource } from 'typeorm';
import { can, courseScope } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { loadAnswerKeys, loadModuleQuiz } from '../courses/index.js';
import type { CheckedResponse } from './attempt-responses.js';
import { EnrolmentError, EnrolmentErrorCode } from './enrolment.errors.js';
import { analyseItems, type AnalysedAttempt, type ItemStats } from './item-analysis.js';

export interface ItemAnalysis {
  module: { slug: string; title: string };
  /** Graded attempts analysed, over every revision of the quiz. */
  attempts: number;
  items: ItemStats[];
  /** The reader may fix a key and regrade (the course's authors and admins). */
  canRegrade: boolean;
}

interface AnswerRow {
  attempt_id: string;
  percent: number;
  question_key: string;
  response: CheckedResponse;
  score: number;
}

/** Which questions of a quiz work: for those who read the course's gradebook on the course itself. */
@Injectable()
export class ItemAnalysisService {
  constructor(private readonly db: DataSource) {}

  async analyse(principal: Principal, courseSlug: string, moduleSlug: string): Promise<ItemAnalysis> {
    const module = await loadModuleQuiz(this.db.manager, courseSlug, moduleSlug);
    if (!module) throw new EnrolmentError(EnrolmentErrorCode.CourseNotFound, 'There is no such course or module.');
    if (
      !can(principal, 'gradebook.read', courseScope({ id: module.courseId, organisationId: module.organisationId }))
    ) {
      throw new EnrolmentError(
        EnrolmentErrorCode.NotAllowed,
        'Only the course’s trainers, coordinators and admins see how its questions work.',
      );
    }
    const questions: PublicQuestion[] = module.quiz?.questions ?? [];
    const keys = await loadAnswerKeys(this.db.manager, module.revisionId, module.moduleId);
    const correct = new Map(
      keys.map((k) => [k.key, 'correct' in k.answer_key ? (k.answer_key.correct as string[]) : []]),
    );
    const points = new Map(keys.map((k) => [k.key, Number(k.points) || 1]));
    // Every graded answer, oldest attempt first; an attempt whose essay waits has no total yet.
    const rows = await this.db.query<AnswerRow[]>(
      `SELECT a.id AS attempt_id, a.percent::float8 AS percent, x.question_key, x.response, x.score::float8 AS score
       FROM quiz_attempts a JOIN attempt_answers x ON x.attempt_id = a.id
       WHERE a.module_id = $1 AND a.submitted_at IS NOT NULL AND NOT a.awaiting_grading
       ORDER BY a.submitted_at, a.id`,
      [module.moduleId],
    );
    const attempts = new Map<string, AnalysedAttempt>();
    for (const row of rows) {
      const attempt = attempts.get(row.attempt_id) ?? { percent: row.percent, scores: new Map(), responses: new Map() };
      attempt.scores.set(row.question_key, Math.min(1, row.score / (points.get(row.question_key) ?? 1)));
      attempt.responses.set(row.question_key, row.response);
      attempts.set(row.attempt_id, attempt);
    }
    return {
      module: { slug: moduleSlug, title: module.title },
      attempts: attempts.size,
      items: analyseItems(questions, correct, [...attempts.values()]),
      canRegrade: can(
        principal,
        'course.edit',
        courseScope({ id: module.courseId, organisationId: module.organisationId }),
      ),
    };
  }
}

import { Injectable } from '@nestjs/common';
import {
  exportGift,
  importGift,
  splitQuiz,
  type AnswerKey,
  type GiftReportItem,
  type QuizModel,
} from '@karvan/content';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/index.js';
import { CoursesError, CoursesErrorCode } from './courses.errors.js';
import { CoursesService } from './courses.service.js';
import { ModulesService } from './modules.service.js';

export interface GiftProposal {
  /** The module text with its quiz replaced by the imported questions; not saved yet. */
  markdown: string;
  taken: GiftReportItem[];
  skipped: GiftReportItem[];
}

/** Question banks to and from Moodle's GIFT format. */
@Injectable()
export class QuizTransferService {
  constructor(
    private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly modules: ModulesService,
  ) {}

  /** The module's current quiz as GIFT, answers and feedback included (authors only). */
  async exportGift(principal: Principal, courseSlug: string, moduleSlug: string): Promise<string> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const rows = await this.db.query<Array<{ quiz: QuizModel | null; keys: KeyRow[] | null }>>(
      `SELECT r.quiz, (SELECT json_agg(json_build_object('key', q.key, 'answer', q.answer_key, 'feedback', q.feedback_html))
                        FROM questions q WHERE q.revision_id = r.id) AS keys
       FROM modules m JOIN module_revisions r ON r.id = m.current_revision_id
       WHERE m.course_id = $1 AND m.slug = $2 AND m.status IN ('active', 'draft')`,
      [course.id, moduleSlug],
    );
    if (!rows[0])
      throw new CoursesError(CoursesErrorCode.ModuleNotFound, `There is no module "${moduleSlug}" in this course.`);
    if (!rows[0].quiz) throw new CoursesError(CoursesErrorCode.ModuleNotFound, 'This module has no quiz to export.');
    const key: AnswerKey = Object.fromEntries(
      (rows[0].keys ?? []).map((k) => [k.key, { ...k.answer, feedbackHtml: k.feedback || null } as AnswerKey[string]]),
    );
    return exportGift(rows[0].quiz, key);
  }

  /** Reads a GIFT file into the module's quiz, for the author to review and save. */
  async proposeFromGift(
    principal: Principal,
    courseSlug: string,
    moduleSlug: string,
    gift: string,
  ): Promise<GiftProposal> {
    const course = await this.courses.getEditable(principal, courseSlug);
    const current = await this.modules.source(principal, course, moduleSlug);
    const imported = importGift(gift);
    if (imported.taken.length === 0) {
      throw new CoursesError(
        CoursesErrorCode.ContentInvalid,
        'No question in this file can be imported.',
        imported.skipped,
      );
    }
    return {
      markdown: replaceQuiz(current.markdown, imported.markdown),
      taken: imported.taken,
      skipped: imported.skipped,
    };
  }
}

interface KeyRow {
  key: string;
  answer: object;
  feedback: string;
}

/** Puts the quiz block in place of the module's quiz, or at the end when it has none. */
export function replaceQuiz(markdown: string, quizBlock: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const [quiz] = splitQuiz(lines.join('\n')).quizzes;
  const block = quizBlock.trimEnd().split('\n');
  if (!quiz || quiz.closingLine === null) return `${lines.join('\n').trimEnd()}\n\n${block.join('\n')}\n`;
  lines.splice(quiz.line - 1, quiz.closingLine - quiz.line + 1, ...block);
  return lines.join('\n');
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@karvan/config';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import {
  CourseSyncService,
  DomainEvents,
  ENTITIES,
  EventDispatcher,
  FileStorage,
  type Principal,
} from '@karvan/domain';
import { BOOKS_QUEUE, CERTIFICATES_QUEUE, MAIL_QUEUE, queueRootOptions } from '@karvan/jobs';
import { Queue } from 'bullmq';
import { createUser, principalOf } from '@karvan/testing';
import type { DataSource } from 'typeorm';

const COURSE = `---
title: Quiz test course
summary: A course for the quiz tests.
language: en
enrolment: open
completion:
  modules: all
  quizzes: pass
certificate: true
authors: []
---

Introduction.
`;

/** A quiz with one question of every type; `attributes` go on the `::: quiz` line. */
export const QUIZ = (attributes = '', correctYear = '2007') => `::: quiz pass=60 ${attributes}
1. When was the State Migration Service established? {#single}
   - [${correctYear === '2002' ? 'x' : ' '}] 2002
   - [${correctYear === '2007' ? 'x' : ' '}] 2007
   - [ ] 2013
   > Established by presidential decree in 2007.

2. Select all agreements in force since 1 September 2014. {#multiple}
   - [x] The visa facilitation agreement
   - [x] The readmission agreement
   - [ ] The Partnership and Cooperation Agreement

3. Which body is the single window? {#short}
   = SMS
   = State Migration Service

4. About how many international migrants were there in 2020, in millions? {#numeric}
   = 281 ± 5

5. Match each institution to the year it was created. {#matching}
   - State Border Service -> 2002
   - State Migration Service -> 2007
:::
`;

export const MODULE = (title: string, quiz = '') => `---
title: ${title}
summary: One sentence.
objectives:
  - Do one thing.
duration: 10
sources:
  - A source
---

## Section

Text of ${title}.

${quiz}`;

export interface QuizFixtures {
  db: DataSource;
  /** The real domain events of this run (completions' certificates reach this run's queue through them). */
  certificates: DomainEvents;
  /** Files of this run (essays' attachments), under the configured storage folder. */
  storage: FileStorage;
  /** Writes a course with these module files, syncs it (published) and returns its slug and id. */
  course(modules: Record<string, string>): Promise<{ slug: string; id: string }>;
  /** Rewrites one module file of a course made by `course` and syncs again. */
  rewrite(slug: string, file: string, text: string): Promise<void>;
  trainee(): Promise<Principal>;
  enrol(principal: Principal, courseId: string, status?: string): Promise<void>;
  close(): Promise<void>;
}

export async function quizFixtures(): Promise<QuizFixtures> {
  const config = loadConfig();
  const db = createDataSource({ url: config.databaseUrl!, entities: ENTITIES, poolMax: 3 });
  const queues = [CERTIFICATES_QUEUE, MAIL_QUEUE, BOOKS_QUEUE].map((name) => new Queue(name, queueRootOptions(config)));
  await db.initialize();
  await runMigrationsLocked(db);
  const sync = new CourseSyncService(db);
  const roots = new Map<string, string>();

  const syncCourse = async (slug: string) => {
    const [report] = await sync.syncTree(roots.get(slug)!);
    if (report.refused.length) throw new Error(`fixture refused: ${JSON.stringify(report.problems)}`);
  };

  return {
    db,
    certificates: new DomainEvents(db, new EventDispatcher(db, queues[0], queues[1], queues[2])),
    storage: new FileStorage(config),
    async course(modules) {
      const slug = `quiz-${Math.random().toString(36).slice(2, 10)}`;
      const root = mkdtempSync(join(tmpdir(), 'karvan-quiz-'));
      const dir = join(root, 'courses', slug);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'course.md'), COURSE);
      for (const [file, text] of Object.entries(modules)) writeFileSync(join(dir, file), text);
      roots.set(slug, root);
      await syncCourse(slug);
      const [{ id }] = await db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [slug]);
      return { slug, id };
    },
    async rewrite(slug, file, text) {
      writeFileSync(join(roots.get(slug)!, 'courses', slug, file), text);
      await syncCourse(slug);
    },
    async trainee() {
      const { user } = await createUser(db);
      return principalOf(db, user.id);
    },
    async enrol(principal, courseId, status = 'active') {
      await db.query('INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, $3)', [
        principal.userId,
        courseId,
        status,
      ]);
    },
    async close() {
      for (const root of roots.values()) rmSync(root, { recursive: true, force: true });
      for (const queue of queues) await queue.close();
      await db.destroy();
    },
  };
}

import { rm } from 'node:fs/promises';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import { DEMO_ACCOUNTS, DEMO_COMPLETED_COURSE, DEMO_PASSWORD, DemoService } from '@karvan/demo';
import { AuthService, CourseSyncService, ENTITIES, LoginThrottleService, UsersService } from '@karvan/domain';
import { createScratchDatabase, shippedContent } from '@karvan/testing';
import type { DataSource } from 'typeorm';

describe('demo seed', () => {
  let db: DataSource;
  let demo: DemoService;

  beforeAll(async () => {
    db = createDataSource({ url: await createScratchDatabase('demo'), entities: ENTITIES, poolMax: 3 });
    await db.initialize();
    await runMigrationsLocked(db);
    demo = new DemoService(db, new UsersService(db));
  });
  afterAll(() => db.destroy());

  const counts = async () =>
    db.query<Array<Record<string, number>>>(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM grants WHERE scope_kind = 'site') AS roles,
              (SELECT count(*)::int FROM grants WHERE role = 'course_author') AS authors, (SELECT count(*)::int FROM enrolments) AS enrolments,
              (SELECT count(*)::int FROM module_progress) AS progress, (SELECT count(*)::int FROM quiz_attempts) AS attempts,
              (SELECT count(*)::int FROM attempt_answers) AS answers,
              (SELECT count(*)::int FROM course_completions) AS completions,
              (SELECT count(*)::int FROM certificates) AS certificates, (SELECT count(*)::int FROM programmes) AS programmes,
              (SELECT count(*)::int FROM applications) AS applications,
              (SELECT count(*)::int FROM application_reviews) AS reviews,
              (SELECT count(*)::int FROM cohort_sessions) AS sessions, (SELECT count(*)::int FROM attendance) AS attendance`,
    );

  it('creates one account per role, and running it again changes nothing', async () => {
    expect(await demo.isEmpty()).toBe(true);
    // Two courses, not the curriculum: the demo's own and one it must make the trainer author of.
    const content = await shippedContent([DEMO_COMPLETED_COURSE, 'migration-procedures-practice']);
    await new CourseSyncService(db).syncTree(content);
    await rm(content, { recursive: true, force: true });
    const first = await demo.seed();
    expect(first.created).toHaveLength(DEMO_ACCOUNTS.length);
    expect(await demo.isEmpty()).toBe(false);
    const before = await counts();
    const second = await demo.seed();
    expect(second).toEqual({ created: [], existing: DEMO_ACCOUNTS.map((a) => a.email) });
    expect(await counts()).toEqual(before);
    // The demo trainee finished the research-methods course: every module read, every quiz passed.
    expect(before[0]).toMatchObject({ progress: 4, attempts: 4, completions: 1, certificates: 1 });
    // Every question of those attempts is answered (else the quiz page calls them "not graded").
    const [{ unanswered }] = await db.query<Array<{ unanswered: number }>>(
      `SELECT count(*)::int AS unanswered FROM quiz_attempts a JOIN questions q ON q.revision_id = a.revision_id
       WHERE NOT EXISTS (SELECT 1 FROM attempt_answers x WHERE x.attempt_id = a.id AND x.question_key = q.key)`,
    );
    expect(before[0].answers).toBeGreaterThan(0);
    expect(unanswered).toBe(0);
    // The summer school: twelve applicants in several states, reviews, five days, two days of registers.
    expect(before[0]).toMatchObject({ programmes: 1, applications: 12, reviews: 22, sessions: 10, attendance: 16 });
    const states = await db.query<Array<{ status: string }>>(
      `SELECT DISTINCT status FROM applications ORDER BY status`,
    );
    expect(states.map((s) => s.status)).toEqual([
      'accepted',
      'confirmed',
      'draft',
      'rejected',
      'submitted',
      'waitlisted',
    ]);
    // Its words in Azerbaijani and Russian too, as a coordinator would give them.
    const [words] = await db.query<Array<{ programme: string; cohort: string; eligibility: string; sessions: number }>>(
      `SELECT p.translations->'az'->>'title' AS programme, c.translations->'ru'->>'title' AS cohort,
         c.translations->'az'->>'eligibility' AS eligibility,
         (SELECT count(*)::int FROM cohort_sessions s
          WHERE s.cohort_id = c.id AND s.translations->'az' ? 'title' AND s.translations->'ru' ? 'speaker') AS sessions
       FROM programmes p JOIN cohorts c ON c.programme_id = p.id`,
    );
    expect(words).toMatchObject({
      programme: 'Miqrasiya Yay Məktəbi',
      cohort: expect.stringMatching(/^Летняя школа по миграции \d{4}$/),
      eligibility: expect.stringContaining('Dövlət Miqrasiya Xidmətinin'),
      sessions: 10,
    });
    // Seeding again keeps a coordinator's own words.
    await db.query(`UPDATE programmes SET translations = '{"az": {"title": "Öz adımız"}}'`);
    await demo.seed();
    const [kept] = await db.query<Array<{ title: string }>>(
      `SELECT translations->'az'->>'title' AS title FROM programmes`,
    );
    expect(kept.title).toBe('Öz adımız');
    const [call] = await db.query<Array<{ open: boolean }>>(
      `SELECT opens_at <= now() AND now() < closes_at AS open FROM cohorts`,
    );
    expect(call.open).toBe(true);
  });

  it('lets every demo account sign in, and makes the demo trainer the author of the courses synced from files', async () => {
    const auth = new AuthService(new UsersService(db), new LoginThrottleService(db));
    for (const account of DEMO_ACCOUNTS) {
      await expect(auth.verifyCredentials(account.email, DEMO_PASSWORD)).resolves.toEqual(expect.any(String));
    }
    const authored = await db.query<Array<{ slug: string }>>(
      `SELECT c.slug FROM grants a JOIN courses c ON c.id = a.scope_id JOIN users u ON u.id = a.user_id
       WHERE a.role = 'course_author' AND u.email = 'trainer@karvan.example' ORDER BY c.slug`,
    );
    expect(authored.map((r) => r.slug)).toEqual(['migration-procedures-practice', 'research-methods-migration']);
  });
});

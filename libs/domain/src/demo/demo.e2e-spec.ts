import { join } from 'node:path';
import { projectRoot } from '@karvan/config';
import { createDataSource, runMigrationsLocked } from '@karvan/database';
import {
  AuthService,
  CourseSyncService,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DemoService,
  ENTITIES,
  LoginThrottleService,
  UsersService,
} from '@karvan/domain';
import { createScratchDatabase } from '@karvan/testing';
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
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM user_roles) AS roles,
              (SELECT count(*)::int FROM course_authors) AS authors, (SELECT count(*)::int FROM enrolments) AS enrolments,
              (SELECT count(*)::int FROM module_progress) AS progress, (SELECT count(*)::int FROM quiz_attempts) AS attempts,
              (SELECT count(*)::int FROM course_completions) AS completions,
              (SELECT count(*)::int FROM certificates) AS certificates`,
    );

  it('creates one account per role, and running it again changes nothing', async () => {
    expect(await demo.isEmpty()).toBe(true);
    await new CourseSyncService(db).syncTree(join(projectRoot(), 'content'));
    const first = await demo.seed();
    expect(first.created).toHaveLength(DEMO_ACCOUNTS.length);
    const before = await counts();
    const second = await demo.seed();
    expect(second).toEqual({ created: [], existing: DEMO_ACCOUNTS.map((a) => a.email) });
    expect(await counts()).toEqual(before);
    // The demo trainee finished the research-methods course: every module read, every quiz passed.
    expect(before[0]).toMatchObject({ enrolments: 1, progress: 4, attempts: 4, completions: 1, certificates: 1 });
  });

  it('lets every demo account sign in, and makes the demo trainer the author of the shipped courses', async () => {
    const auth = new AuthService(new UsersService(db), new LoginThrottleService(db));
    for (const account of DEMO_ACCOUNTS) {
      await expect(auth.verifyCredentials(account.email, DEMO_PASSWORD, '10.0.0.1')).resolves.toEqual(
        expect.any(String),
      );
    }
    const authored = await db.query<Array<{ slug: string }>>(
      `SELECT c.slug FROM course_authors a JOIN courses c ON c.id = a.course_id JOIN users u ON u.id = a.user_id
       WHERE u.email = 'trainer@karvan.example' ORDER BY c.slug`,
    );
    expect(authored.map((r) => r.slug)).toEqual(['migration-management-fundamentals', 'research-methods-migration']);
  });
});

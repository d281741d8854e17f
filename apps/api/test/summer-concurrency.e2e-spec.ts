import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '@karvan/testing';
import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/** Decisions and withdrawals at the same moment: capacity, quotas and the waitlist hold. */
describe('summer schools under concurrent decisions', () => {
  let t: TestApp;
  let storage: string;
  let coordinator: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'karvan-summer-race-'));
    t = await startTestApp({
      DATABASE_URL: await createScratchDatabase('summer_race'),
      STORAGE_DIR: storage,
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_summer_race`,
    });
    coordinator = await person(t, ['coordinator'], 'Coordinator A');
  });
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('holds capacity and quotas under 40 concurrent accept actions in two cohorts', async () => {
    // Which applications win depends on the order the decisions take the lock, so each cohort is
    // built for one binding limit: 20 for 5 places, and 17 young researchers for a quota of 2 (with
    // 3 officials, who all fit in what is left).
    const full = await makeCohort(coordinator.client, { capacity: 5 });
    const quota = await makeCohort(coordinator.client, { capacity: 5, quotas: 'young_researcher = 2' });
    const applicants = [];
    for (let i = 0; i < 20; i++) {
      const toFull = await apply(t, full, i % 2 ? 'young_researcher' : 'entry_level_official');
      const toQuota = await apply(t, quota, i < 17 ? 'young_researcher' : 'entry_level_official');
      applicants.push({ ...toFull, cohortId: full }, { ...toQuota, cohortId: quota });
    }
    const results = await Promise.all(
      applicants.map((a) =>
        coordinator.client.json('POST', `/api/v1/cohorts/${a.cohortId}/decisions`, {
          ids: [a.applicationId],
          decision: 'accept',
        }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const accepted = async (cohortId: string) => {
      const rows = await t.db.query<Array<{ category: string; n: number }>>(
        `SELECT category, count(*)::int AS n FROM applications WHERE cohort_id = $1 AND status = 'accepted' GROUP BY category`,
        [cohortId],
      );
      return Object.fromEntries(rows.map((r) => [r.category, r.n]));
    };
    const inFull = await accepted(full);
    expect((inFull.young_researcher ?? 0) + (inFull.entry_level_official ?? 0)).toBe(5);
    expect(await accepted(quota)).toEqual({ young_researcher: 2, entry_level_official: 3 });
  });

  it('offers a freed place to the waitlist exactly once, even when several withdraw at once', async () => {
    const cohortId = await makeCohort(coordinator.client, { capacity: 2 });
    const accepted = [await apply(t, cohortId), await apply(t, cohortId)];
    const waiting = [await apply(t, cohortId), await apply(t, cohortId), await apply(t, cohortId)];
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: accepted.map((a) => a.applicationId),
      decision: 'accept',
    });
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: waiting.map((a) => a.applicationId),
      decision: 'waitlist',
    });
    const results = await Promise.all(
      accepted.map((a) => a.client.json('POST', `/api/v1/applications/${a.applicationId}/withdraw`)),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    // A repeated withdrawal changes nothing.
    expect(
      (await accepted[0].client.json('POST', `/api/v1/applications/${accepted[0].applicationId}/withdraw`)).status,
    ).toBe(409);
    const statuses = await t.db.query<Array<{ status: string; n: number }>>(
      `SELECT status, count(*)::int AS n FROM applications WHERE cohort_id = $1 GROUP BY status ORDER BY status`,
      [cohortId],
    );
    expect(statuses).toEqual([
      { status: 'accepted', n: 2 },
      { status: 'waitlisted', n: 1 },
      { status: 'withdrawn', n: 2 },
    ]);
    const offers = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM application_events e JOIN applications a ON a.id = e.application_id
       WHERE a.cohort_id = $1 AND e.to_status = 'accepted' AND e.actor_id IS NULL`,
      [cohortId],
    );
    expect(offers[0].n).toBe(2);
  });
});

import type { DataSource } from 'typeorm';
import { loadConfig } from '@karvan/config';
import { createUser, openScratchDataSource } from '@karvan/testing';
import { claimSubject } from './certificate-subject.js';

describe('what a summer-school certificate prints', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openScratchDataSource('cert_attendance');
  });
  afterAll(() => db.destroy());

  it('leaves out the marks of a cancelled session', async () => {
    const { user } = await createUser(db, ['trainee'], 'Certificate Holder');
    const [programme] = await db.query<Array<{ id: string }>>(
      `INSERT INTO programmes (title) VALUES ('Summer School') RETURNING id`,
    );
    const [cohort] = await db.query<Array<{ id: string }>>(
      `INSERT INTO cohorts (programme_id, title, starts_on, ends_on, capacity, opens_at, closes_at)
       VALUES ($1, 'Summer 2027', '2027-07-05', '2027-07-09', 10, now() - interval '2 days', now() - interval '1 day')
       RETURNING id`,
      [programme.id],
    );
    const session = async (day: string, cancelled: boolean, status: string) => {
      const [row] = await db.query<Array<{ id: string }>>(
        `INSERT INTO cohort_sessions (cohort_id, title, starts_at, ends_at, cancelled_at)
         VALUES ($1, 'Session', $2::timestamptz, $2::timestamptz + interval '1 hour', CASE WHEN $3 THEN now() END)
         RETURNING id`,
        [cohort.id, `2027-07-${day}T05:00:00Z`, cancelled],
      );
      await db.query(`INSERT INTO attendance (session_id, user_id, status) VALUES ($1, $2, $3)`, [
        row.id,
        user.id,
        status,
      ]);
    };
    await session('05', false, 'present');
    await session('06', true, 'absent');
    const [certificate] = await db.query<Array<{ id: string }>>(
      `INSERT INTO certificates (code, user_id, kind, cohort_id, completed_at)
       VALUES ($1, $2, 'cohort', $3, now()) RETURNING id`,
      [`T-${crypto.randomUUID().slice(0, 12)}`, user.id, cohort.id],
    );

    const claimed = await claimSubject(db.manager, certificate.id, loadConfig());

    expect(claimed?.subject.document.detail).toContain('attendance 100 %');
  });

  it('prints the summer school’s title in the holder’s language when it has one', async () => {
    const [programme] = await db.query<Array<{ id: string }>>(
      `INSERT INTO programmes (title) VALUES ('Summer School') RETURNING id`,
    );
    const [cohort] = await db.query<Array<{ id: string }>>(
      `INSERT INTO cohorts (programme_id, title, translations, starts_on, ends_on, capacity, opens_at, closes_at)
       VALUES ($1, 'Border management week', '{"az": {"title": "Sərhəd idarəetməsi həftəsi"}}', '2027-07-05',
               '2027-07-09', 10, now() - interval '2 days', now() - interval '1 day')
       RETURNING id`,
      [programme.id],
    );
    const printedFor = async (locale: string) => {
      const { user } = await createUser(db, ['trainee'], `Holder ${locale}`);
      await db.query(`UPDATE users SET locale = $2 WHERE id = $1`, [user.id, locale]);
      const [certificate] = await db.query<Array<{ id: string }>>(
        `INSERT INTO certificates (code, user_id, kind, cohort_id, completed_at)
         VALUES ($1, $2, 'cohort', $3, now()) RETURNING id`,
        [`T-${crypto.randomUUID().slice(0, 12)}`, user.id, cohort.id],
      );
      const claimed = await claimSubject(db.manager, certificate.id, loadConfig());
      return [claimed?.subject.document.title, claimed?.subject.payload.title];
    };
    expect(await printedFor('az')).toEqual(['Sərhəd idarəetməsi həftəsi', 'Sərhəd idarəetməsi həftəsi']);
    // No Russian title was given: the base title.
    expect(await printedFor('ru')).toEqual(['Border management week', 'Border management week']);
  });
});

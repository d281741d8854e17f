import { createScratchDatabase } from '@karvan/testing';
import { apply, makeCohort, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * A coordinator reading in Azerbaijani sees the cohort, its programme and its sessions under the
 * titles given in Azerbaijani, on every staff page; the calendar feed and the e-mails too.
 */
describe("a summer school's staff pages, feed and e-mails in the reader's language", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      DATABASE_URL: await createScratchDatabase('staff_languages'),
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_staff_languages`,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('names the cohort, its programme and its sessions in the language they are read in', async () => {
    const coordinator = await person(t, ['coordinator'], 'Staff Languages');
    const cohortId = await makeCohort(
      coordinator.client,
      { requireCourses: false, titleAz: 'Yay 2027' },
      { titleAz: 'Miqrasiya Yay Məktəbi' },
    );
    const made = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Opening',
      titleAz: 'Açılış',
      speaker: 'State Migration Service',
      speakerAz: 'Dövlət Miqrasiya Xidməti',
      startsAt: '2027-07-05T09:00',
      endsAt: '2027-07-05T10:00',
    });
    expect(made.status).toBe(201);
    const sessionId = made.json<{ id: string }>().id;
    // Under way now, so the coordinator's home lists it among today's.
    await t.db.query(
      `UPDATE cohort_sessions SET starts_at = now(), ends_at = now() + interval '1 hour' WHERE id = $1`,
      [sessionId],
    );

    const page = async (path: string) => {
      const response = await coordinator.client.get(path);
      expect(response.status).toBe(200);
      return response.text;
    };
    const manageLink = `<a href="/cohorts/${cohortId}/manage">`;
    coordinator.client.cookies.set('karvan_lang', 'az');
    const home = await page('/');
    expect(home).toContain(`<a href='/cohorts/${cohortId}/manage'>Miqrasiya Yay Məktəbi — Yay 2027</a>`);
    expect(home).toMatch(/ · Açılış · Yay 2027 <a href='\/sessions\/[^']+\/register'>/);
    expect(await page('/summer-schools')).toContain('Miqrasiya Yay Məktəbi: Yay 2027 —');
    expect(await page(`/cohorts/${cohortId}/manage`)).toContain(
      `<a href="/summer-schools">Miqrasiya Yay Məktəbi</a> › <a href="/cohorts/${cohortId}">Yay 2027</a>`,
    );
    const sessions = await page(`/cohorts/${cohortId}/sessions`);
    expect(sessions).toContain(`${manageLink}Yay 2027</a>`);
    expect(sessions).toMatch(/ Açılış · Dövlət Miqrasiya Xidməti — <a href="\/sessions\//);
    expect(await page(`/cohorts/${cohortId}/timetable`)).toContain(' Açılış · Dövlət Miqrasiya Xidməti');
    // The form to change it shows each language's words in their fields.
    expect(await page(`/sessions/${sessionId}/register`)).toContain(
      'name="speakerAz" lang="az" maxlength="200" value="Dövlət Miqrasiya Xidməti"',
    );
    expect(sessions).toContain(`/cohorts/${cohortId}/timetable.ics?lang=az`);
    const register = await page(`/sessions/${sessionId}/register`);
    expect(register).toContain('<h1>Açılış</h1>');
    expect(register).toContain(`<a href="/cohorts/${cohortId}/sessions">Yay 2027</a>`);
    const dashboard = await page(`/cohorts/${cohortId}/dashboard`);
    expect(dashboard).toContain('<th scope="row">Açılış</th>');
    expect(dashboard).toMatch(/<text[^>]*>Açılış<\/text>/);
    for (const path of ['dashboard', 'ranking', 'builder/form']) {
      expect(await page(`/cohorts/${cohortId}/${path}`)).toContain(`${manageLink}Yay 2027</a>`);
    }
    expect(await page(`/cohorts/${cohortId}/review`)).toContain(`<a href="/cohorts/${cohortId}">Yay 2027</a>`);

    // In English, which the coordinator gave no titles in, the base titles.
    coordinator.client.cookies.delete('karvan_lang');
    expect(await page('/')).toContain('Migration Summer School — Summer 2027</a>');
    expect(await page(`/sessions/${sessionId}/register`)).toContain('<h1>Opening</h1>');

    // The feed in the language asked for; the base titles without one; an unknown one is refused.
    const feed = async (query: string) => (await t.client().get(`/cohorts/${cohortId}/timetable.ics${query}`)).text;
    const inAzerbaijani = await feed('?lang=az');
    expect(inAzerbaijani).toContain('\r\nX-WR-CALNAME:Yay 2027\r\n');
    expect(inAzerbaijani).toContain('\r\nSUMMARY:Açılış\r\n');
    expect(inAzerbaijani).toContain('\r\nDESCRIPTION:Dövlət Miqrasiya Xidməti\r\n');
    const base = await feed('');
    expect(base).toContain('\r\nX-WR-CALNAME:Summer 2027\r\n');
    expect(base).toContain('\r\nSUMMARY:Opening\r\n');
    expect(base).toContain('\r\nDESCRIPTION:State Migration Service\r\n');
    expect(await feed('?lang=ru')).toContain('\r\nSUMMARY:Opening\r\n');
    // A speaker given in Russian later changes what the feed in Russian shows: a revision.
    const sequence = async () =>
      (
        await t.db.query<Array<{ n: number }>>('SELECT sequence AS n FROM cohort_sessions WHERE id = $1', [sessionId])
      )[0].n;
    const before = await sequence();
    const given = await coordinator.client.json('POST', `/api/v1/sessions/${sessionId}`, {
      title: 'Opening',
      titleAz: 'Açılış',
      speaker: 'State Migration Service',
      speakerAz: 'Dövlət Miqrasiya Xidməti',
      speakerRu: 'Государственная миграционная служба',
      startsAt: '2027-07-05T09:00',
      endsAt: '2027-07-05T10:00',
    });
    expect(given.status).toBe(200);
    expect(await sequence()).toBe(before + 1);
    // Unfolded: a line of more than 75 octets goes on in the next (RFC 5545, 3.1).
    const unfolded = (await feed('?lang=ru')).replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nDESCRIPTION:Государственная миграционная служба\r\n');
    const unknown = await t.client().get(`/cohorts/${cohortId}/timetable.ics?lang=xx`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('These fields of the request are missing or not valid: lang.');
  });

  it("names the cohort in each member's own language in the e-mail that the timetable changed", async () => {
    const coordinator = await person(t, ['coordinator'], 'Mail Languages');
    const cohortId = await makeCohort(coordinator.client, { requireCourses: false, titleAz: 'Yay 2027' });
    const member = await apply(t, cohortId, 'young_researcher', 'Azerbaijani Reader');
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [member.applicationId],
      decision: 'accept',
    });
    expect((await member.client.json('POST', `/api/v1/applications/${member.applicationId}/confirm`)).status).toBe(200);
    await t.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [member.userId]);

    const made = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Opening',
      startsAt: '2027-07-05T09:00',
      endsAt: '2027-07-05T10:00',
    });
    expect(made.status).toBe(201);
    const [mail] = await t.db.query<Array<{ body_text: string }>>(
      `SELECT body_text FROM outbox_emails WHERE dedupe_key = $1`,
      [`timetable:${made.json<{ id: string }>().id}:0:${member.userId}`],
    );
    expect(mail.body_text).toContain('Yay 2027');
    expect(mail.body_text).not.toContain('Summer 2027');
  });
});

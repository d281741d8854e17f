import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beginSessions, createScratchDatabase, type WebClient } from '@karvan/testing';
import { certificateCourse, mailsFor, waitFor } from './certificate-helpers.js';
import { apply, iso, makeCohort, PDF, person } from './summer-helpers.js';
import { startTestApp, type TestApp } from './test-app.js';

describe('summer schools: from the call to the certificate', () => {
  let t: TestApp;
  let storage: string;
  let coordinator: Awaited<ReturnType<typeof person>>;
  let other: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'karvan-summer-'));
    t = await startTestApp(
      {
        DATABASE_URL: await createScratchDatabase('summer'),
        STORAGE_DIR: storage,
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_summer`,
      },
      true,
    );
    coordinator = await person(t, ['coordinator'], 'Coordinator A');
    other = await person(t, ['coordinator'], 'Coordinator B');
  });
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('runs the whole path: call, applications, review, selection, waitlist, timetable, attendance, completion', async () => {
    const course = await certificateCourse(t, 'Research methods');
    const cohortId = await makeCohort(coordinator.client, { courses: course });

    const call = await t.client().get(`/cohorts/${cohortId}`);
    expect(call.status).toBe(200);
    expect(call.text).toContain('Summer 2027');
    const inAzerbaijani = { az: { title: 'Tədqiqat metodları' } };
    await t.db.query(`UPDATE courses SET translations = $2 WHERE slug = $1`, [course, inAzerbaijani]);
    const inAz = t.client();
    inAz.cookies.set('karvan_lang', 'az');
    const linked = (title: string) => `<a href="/courses/${course}">${title}</a>`;
    expect((await inAz.get(`/cohorts/${cohortId}`)).text).toContain(linked('Tədqiqat metodları'));
    expect(call.text).toContain(linked('Research methods'));
    const json = (await t.client().get(`/api/v1/cohorts/${cohortId}`)).json<Record<string, unknown>>();
    expect(json.open).toBe(true);
    expect(json).not.toHaveProperty('rubric');

    // An incomplete application is refused with the field it lacks, and nothing is submitted.
    const hasty = await person(t, ['trainee']);
    const incomplete = await hasty.client.json('POST', `/api/v1/cohorts/${cohortId}/application/submit`, {
      answers: {},
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json<{ error: { message: string } }>().error.message).toContain('Why do you want to attend?');
    // Nothing was written: the refused submission left no application behind.
    expect((await hasty.client.json('GET', `/api/v1/cohorts/${cohortId}/application`)).json()).toBeNull();
    const html = await hasty.client.get(`/cohorts/${cohortId}/apply`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Why do you want to attend?');
    const wrongFile = await hasty.client.postFile(
      `/cohorts/${cohortId}/apply/files/cv`,
      'file',
      'cv.pdf',
      'application/pdf',
      Buffer.from('<html>'),
    );
    expect(wrongFile.status).toBe(400);

    const first = await apply(t, cohortId, 'young_researcher', 'Aysel First');
    const second = await apply(t, cohortId, 'entry_level_official', 'Bahruz Second');
    const third = await apply(t, cohortId, 'entry_level_official', 'Cavid Third');
    await waitFor(
      'the confirmation e-mail',
      async () => (await mailsFor(t.db, first.email, 'Application received')) === 1,
    );
    // Once submitted, an application cannot be edited.
    expect((await first.client.json('PUT', `/api/v1/cohorts/${cohortId}/application`, { answers: {} })).status).toBe(
      409,
    );

    // A reviewer, added by the coordinator, scores; the applicant's CV is theirs to read.
    const reviewer = await person(t, ['trainee'], 'Reviewer R');
    expect((await reviewer.client.json('GET', `/api/v1/cohorts/${cohortId}/reviews`)).status).toBe(403);
    expect(
      (
        await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, {
          email: reviewer.email,
          role: 'reviewer',
        })
      ).status,
    ).toBe(200);
    const items = (await reviewer.client.json('GET', `/api/v1/cohorts/${cohortId}/reviews`)).json<
      Array<{ id: string }>
    >();
    expect(items).toHaveLength(3);
    const cv = await reviewer.client.get(`/applications/${first.applicationId}/files/cv`);
    expect(cv.status).toBe(200);
    expect(cv.bytes.equals(PDF)).toBe(true);
    expect((await second.client.get(`/applications/${first.applicationId}/files/cv`)).status).toBe(404);
    const bad = await reviewer.client.json('POST', `/api/v1/applications/${first.applicationId}/review`, {
      scores: { relevance: 11, motivation: 2 },
    });
    expect(bad.status).toBe(400);
    for (const [app, relevance] of [
      [first, 9],
      [second, 7],
      [third, 5],
    ] as const) {
      const ok = await reviewer.client.json('POST', `/api/v1/applications/${app.applicationId}/review`, {
        scores: { relevance, motivation: 4 },
      });
      expect(ok.status).toBe(200);
    }
    const reviewPage = await reviewer.client.get(`/cohorts/${cohortId}/review`);
    expect(reviewPage.status).toBe(200);

    // Only the cohort's coordinator sees the ranking.
    for (const client of [reviewer.client, first.client, other.client]) {
      expect((await client.json('GET', `/api/v1/cohorts/${cohortId}/ranking`)).status).toBe(403);
    }
    const ranked = (await coordinator.client.json('GET', `/api/v1/cohorts/${cohortId}/ranking`)).json<
      Array<{ id: string; average: number; spread: number }>
    >();
    expect(ranked.map((r) => r.id)).toEqual([first.applicationId, second.applicationId, third.applicationId]);
    expect(ranked[0]).toMatchObject({ average: 13, spread: 0 });

    // Two places: the third acceptance is refused, then waitlisted.
    const decided = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [first.applicationId, second.applicationId, third.applicationId],
      decision: 'accept',
    });
    expect(decided.json()).toMatchObject({
      changed: [first.applicationId, second.applicationId],
      refused: [{ id: third.applicationId }],
    });
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [third.applicationId],
      decision: 'waitlist',
    });

    // The first confirms and is enrolled in the linked course; the second withdraws: the third is offered the place.
    expect((await first.client.json('POST', `/api/v1/applications/${first.applicationId}/confirm`)).status).toBe(200);
    expect((await first.client.get(`/courses/${course}/modules/only`)).status).toBe(200);
    expect((await second.client.json('POST', `/api/v1/applications/${second.applicationId}/withdraw`)).status).toBe(
      200,
    );
    const mine = (await third.client.json('GET', '/api/v1/me/applications')).json<Array<{ status: string }>>();
    expect(mine[0].status).toBe('accepted');
    await waitFor('the offer', async () => (await mailsFor(t.db, third.email, 'A place is offered')) === 1);
    const events = await t.db.query<Array<{ to_status: string; actor_id: string | null }>>(
      `SELECT to_status, actor_id FROM application_events WHERE application_id = $1 ORDER BY id`,
      [third.applicationId],
    );
    expect(events.map((e) => e.to_status)).toEqual(['submitted', 'waitlisted', 'accepted']);
    expect(events[2].actor_id).toBeNull();

    // Timetable and its calendar feed.
    const sessions: string[] = [];
    for (const [title, day] of [
      ['Opening', '05'],
      ['Borders', '06'],
    ]) {
      const made = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
        title,
        speaker: 'Dr. Əliyeva, SMS',
        startsAt: `2027-07-${day}T09:00`,
        endsAt: `2027-07-${day}T10:30`,
        room: 'Hall A; ground floor',
      });
      expect(made.status).toBe(201);
      sessions.push(made.json<{ id: string }>().id);
    }
    const ics = await t.client().get(`/cohorts/${cohortId}/timetable.ics`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics.text).toContain('DTSTART:20270705T050000Z');
    expect(ics.text).toContain('LOCATION:Hall A\\; ground floor');
    expect(ics.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect((await t.client().get(`/cohorts/${cohortId}/timetable`)).text).toContain('2027-07-06');
    await waitFor('timetable e-mails', async () => (await mailsFor(t.db, first.email, 'Timetable changed')) === 2);

    // A register opens when its session begins: not a week ahead.
    const early = await coordinator.client.json('POST', `/api/v1/sessions/${sessions[0]}/attendance`, {
      allPresent: true,
    });
    expect(early.status).toBe(409);
    expect(early.json<{ error: { code: string } }>().error.code).toBe('cohort_register_not_open');
    expect((await coordinator.client.get(`/sessions/${sessions[0]}/register`)).text).toContain(
      'This session has not started yet.',
    );
    await beginSessions(t.db, sessions);

    // Attendance: everyone present, then an exception; the member sees their own record.
    expect(
      (await other.client.json('POST', `/api/v1/sessions/${sessions[0]}/attendance`, { allPresent: true })).status,
    ).toBe(403);
    expect(
      (
        await coordinator.client.json('POST', `/api/v1/sessions/${sessions[0]}/attendance`, { allPresent: true })
      ).json(),
    ).toEqual({ marked: 1 });
    const stranger = await person(t, ['trainee']);
    expect(
      (
        await coordinator.client.json('POST', `/api/v1/sessions/${sessions[1]}/attendance`, {
          marks: { [stranger.userId]: 'present' },
        })
      ).status,
    ).toBe(400);
    await coordinator.client.json('POST', `/api/v1/sessions/${sessions[1]}/attendance`, {
      marks: { [first.userId]: 'late' },
    });
    const own = (await first.client.json('GET', `/api/v1/cohorts/${cohortId}/attendance/me`)).json<{
      percent: number;
    }>();
    expect(own.percent).toBe(100);

    // Attendance met, but the linked course is not done yet: no completion until it is.
    const [before] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM cohort_completions WHERE cohort_id = $1`,
      [cohortId],
    );
    expect(before.n).toBe(0);
    await first.client.postForm(`/courses/${course}/modules/only/read`, {});
    const certificate = await waitFor('the summer-school certificate', async () => {
      const list = (await first.client.json('GET', '/api/v1/me/certificates')).json<
        Array<{ kind: string; status: string; code: string; title: string }>
      >();
      return list.find((c) => c.kind === 'cohort' && c.status === 'issued');
    });
    expect(certificate.title).toBe('Summer 2027');
    expect((await t.client().get(`/api/v1/certificates/verify/${certificate.code}`)).json()).toMatchObject({
      status: 'valid',
      kind: 'cohort',
    });

    // The dashboard and its exports, for this cohort's coordinator only.
    const board = await coordinator.client.get(`/cohorts/${cohortId}/dashboard`);
    // Charts, and each participant's certificate linked to its verification page (where staff revoke it).
    expect(board.text).toContain('<svg');
    expect(board.text).toContain(`<a href="/verify/${certificate.code}">issued</a>`);
    const api = await coordinator.client.json('GET', `/api/v1/cohorts/${cohortId}/dashboard`);
    const shown = api.json<{ participants: Array<{ certificate: unknown }>; certificates: object }>();
    const held = shown.participants.map((p) => p.certificate);
    expect(held).toContainEqual(expect.objectContaining({ status: 'issued', code: certificate.code }));
    expect(shown.certificates).toEqual({ completed: 1, issued: 1, pending: 0, missing: 0 });
    const csv = await coordinator.client.get(`/cohorts/${cohortId}/applications.csv`);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('Aysel First');
    const participantsCsv = (await coordinator.client.get(`/cohorts/${cohortId}/participants.csv`)).text;
    expect(participantsCsv).toContain('100');
    expect(participantsCsv).toContain(`issued,${certificate.code}`);
    // The same export as an Excel workbook, read back by a spreadsheet library: one column per field.
    const xlsx = await coordinator.client.get(`/cohorts/${cohortId}/applications.xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as never);
    const sheet = workbook.getWorksheet('Applications')!;
    expect(sheet.getRow(1).getCell(7).value).toBe('submitted, Asia/Baku (UTC+4)');
    const names = sheet.getColumn(1).values;
    expect(names).toContain('Aysel First');
    expect((await other.client.get(`/cohorts/${cohortId}/applications.xlsx`)).status).toBe(403);
    expect((await other.client.get(`/cohorts/${cohortId}/dashboard`)).status).toBe(403);
    // Coordinator B cannot revoke cohort A's certificate either.
    const [{ id: certId }] = await t.db.query<Array<{ id: string }>>(
      `SELECT id FROM certificates WHERE cohort_id = $1`,
      [cohortId],
    );
    expect(
      (await other.client.json('POST', `/api/v1/certificates/${certId}/revoke`, { reason: 'Not mine' })).status,
    ).toBe(403);
    expect((await other.client.get(`/verify/${certificate.code}`)).text).not.toContain('/revoke');
    expect((await coordinator.client.get(`/verify/${certificate.code}`)).text).toContain(
      `/certificates/${certId}/revoke`,
    );
  });

  it('keeps every cohort-scoped route of cohort A closed to the coordinator of cohort B', async () => {
    const a = await makeCohort(coordinator.client);
    await makeCohort(other.client);
    const applicant = await apply(t, a);
    const session = (
      await coordinator.client.json('POST', `/api/v1/cohorts/${a}/sessions`, {
        title: 'S',
        startsAt: '2027-07-05T09:00',
        endsAt: '2027-07-05T10:00',
      })
    ).json<{ id: string }>().id;
    const trainee = await person(t, ['trainee']);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/cohorts/${a}/ranking`],
      ['GET', `/api/v1/cohorts/${a}/reviews`],
      ['GET', `/api/v1/cohorts/${a}/dashboard`],
      ['GET', `/api/v1/cohorts/${a}/applications.csv`],
      ['POST', `/api/v1/cohorts/${a}`, { title: 'Taken over' }],
      ['POST', `/api/v1/cohorts/${a}/staff`, { email: 'x@karvan.test' }],
      ['POST', `/api/v1/cohorts/${a}/decisions`, { ids: [applicant.applicationId], decision: 'reject' }],
      [
        'POST',
        `/api/v1/cohorts/${a}/sessions`,
        { title: 'X', startsAt: '2027-07-05T09:00', endsAt: '2027-07-05T10:00' },
      ],
      ['POST', `/api/v1/sessions/${session}`, { title: 'X', startsAt: '2027-07-05T09:00', endsAt: '2027-07-05T10:00' }],
      ['POST', `/api/v1/sessions/${session}/delete`],
      ['GET', `/api/v1/sessions/${session}/attendance`],
      ['POST', `/api/v1/sessions/${session}/attendance`, { allPresent: true }],
      ['POST', `/api/v1/applications/${applicant.applicationId}/review`, { scores: { relevance: 1, motivation: 1 } }],
      ['POST', `/api/v1/cohorts/${a}/certificates/issue`],
    ];
    for (const [method, path, body] of calls) {
      for (const client of [other.client, trainee.client] as WebClient[]) {
        const response = await client.json(method, path, body);
        expect([403, 404]).toContain(response.status);
      }
      expect((await t.client().json(method, path, body)).status).toBe(401);
    }
    // Nothing changed.
    expect(
      (await coordinator.client.json('GET', `/api/v1/cohorts/${a}/ranking`)).json<Array<{ status: string }>>()[0]
        .status,
    ).toBe('submitted');
    const admin = await person(t, ['admin']);
    expect((await admin.client.json('GET', `/api/v1/cohorts/${a}/ranking`)).status).toBe(200);
    // A trainee sees only their own application.
    expect((await trainee.client.json('GET', `/api/v1/cohorts/${a}/application`)).json()).toBeNull();
  });

  it('sends the review form back only to a page of this site', async () => {
    const cohortId = await makeCohort(coordinator.client);
    const applicant = await apply(t, cohortId);
    const reviewer = await person(t, ['trainee'], 'Reviewer Back');
    await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/staff`, {
      email: reviewer.email,
      role: 'reviewer',
    });
    const review = (back: string) =>
      reviewer.client.postForm(`/applications/${applicant.applicationId}/review`, {
        back,
        's-relevance': '5',
        's-motivation': '3',
        comment: '',
      });
    const fragment = `?notice=reviewed#app-${applicant.applicationId}`;
    for (const back of ['https://evil.example', '//evil.example', '/\t/evil.example', '/\n/evil.example', '/\\evil']) {
      const res = await review(back);
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/summer-schools${fragment}`);
    }
    const local = await review(`/cohorts/${cohortId}/review`);
    expect(local.location).toBe(`/cohorts/${cohortId}/review${fragment}`);
  });

  it('refuses applications politely after the deadline', async () => {
    const late = await makeCohort(coordinator.client, { opensAt: iso(-48), closesAt: iso(-1) });
    const applicant = await person(t, ['trainee']);
    const refused = await applicant.client.json('POST', `/api/v1/cohorts/${late}/application/submit`, {
      answers: { motivation: 'x' },
    });
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/closed/);
    const page = await applicant.client.get(`/cohorts/${late}/apply`);
    expect(page.text).toContain('not being accepted');
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM applications WHERE cohort_id = $1`,
      [late],
    );
    expect(n).toBe(0);
  });

  it('lets only coordinators and admins create programmes and cohorts, with clear errors', async () => {
    const trainee = await person(t, ['trainee']);
    expect((await trainee.client.json('POST', '/api/v1/programmes', { title: 'Mine' })).status).toBe(403);
    expect((await t.client().json('POST', '/api/v1/programmes', { title: 'Mine' })).status).toBe(401);
    const programme = (await coordinator.client.json('POST', '/api/v1/programmes', { title: 'Programme X' })).json<{
      id: string;
    }>();
    const bad = await coordinator.client.json('POST', `/api/v1/programmes/${programme.id}/cohorts`, {
      title: 'X',
      startsOn: '2027-07-09',
      endsOn: '2027-07-01',
      capacity: 0,
      opensAt: 'soon',
      closesAt: '',
      form: 'essay: why | Why?',
    });
    expect(bad.status).toBe(400);
    const { message, details } = bad.json<{ error: { message: string; details: Record<string, string> } }>().error;
    expect(Object.keys(details).sort()).toEqual(['capacity', 'closesAt', 'endsOn', 'form', 'opensAt', 'title']);
    expect(details.endsOn).toBe('Give the last day, on or after the first.');
    expect(message).toContain('line 1: "essay" is not a field type');
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM cohorts WHERE programme_id = $1`,
      [programme.id],
    );
    expect(n).toBe(0);
  });
});

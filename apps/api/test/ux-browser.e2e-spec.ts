import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { rm } from 'node:fs/promises';
import { CourseSyncService } from '@karvan/domain';
import {
  beginSessions,
  createScratchDatabase,
  createUser,
  launchBrowser,
  shippedContent,
  TEST_PASSWORD,
} from '@karvan/testing';
import {
  certificateCourse,
  completeCourse,
  startCertificateApp,
  waitIssued,
  type CertificateApp,
} from './certificate-helpers.js';
import { apply, iso, makeCohort, person } from './summer-helpers.js';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  signIn,
  startTestApp,
  useBrowserSuite,
  type TestApp,
} from './test-app.js';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };

async function signedIn(browser: Browser, url: string, email: string, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {});
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
  return page;
}

/** Every page a test visits: its title must be its own, and it must pass axe and fit a phone. */
class Visits {
  readonly titles = new Map<string, string>();

  async check(page: Page): Promise<string> {
    const title = await page.title();
    expect(title).toMatch(/ — Karvan$/);
    const path = new URL(page.url()).pathname;
    const other = [...this.titles].find(([p, t]) => t === title && p !== path);
    expect(other).toBeUndefined();
    this.titles.set(path, title);
    if ((page.viewportSize()?.width ?? 0) <= PHONE.width) await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    return (await page.locator('main').textContent()) ?? '';
  }
}

describe('times, titles and forms as people read them', () => {
  const suite = useBrowserSuite();

  it('shows a session at the same time, with its zone, on every page that lists it, in each language', async () => {
    const { app: t, browser } = suite;
    const visits = new Visits();
    const coordinator = await person(t, ['coordinator'], 'Leyla Coordinator');
    // The form's times are Baku wall-clock times.
    const cohortId = await makeCohort(coordinator.client, {
      title: 'Times edition',
      opensAt: iso(-24),
      closesAt: '2030-06-01T18:00',
    });
    const member = await apply(t, cohortId, 'young_researcher', 'Samir Member');
    const decided = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/decisions`, {
      ids: [member.applicationId],
      decision: 'accept',
    });
    expect(decided.status).toBe(200);
    expect((await member.client.json('POST', `/api/v1/applications/${member.applicationId}/confirm`)).status).toBe(200);
    const session = await coordinator.client.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Opening lecture',
      startsAt: '2027-07-05T14:00',
      endsAt: '2027-07-05T15:30',
      room: 'Hall A',
    });
    expect(session.status).toBe(201);
    const sessionId = session.json<{ id: string }>().id;

    // The member on a phone, in English.
    const phone = await signedIn(browser, t.url, member.email, true);
    await phone.goto(`${t.url}/cohorts/${cohortId}`);
    expect(await visits.check(phone)).toContain('1 Jun 2030, 18:00, Baku time (UTC+4)');
    await phone.goto(`${t.url}/cohorts/${cohortId}/timetable`);
    expect(await visits.check(phone)).toContain('14:00–15:30, Baku time (UTC+4)');
    await phone.goto(`${t.url}/cohorts/${cohortId}/attendance/me`);
    expect(await visits.check(phone)).toContain('5 Jul 2027, 14:00, Baku time (UTC+4)');

    // Their own zone changes the site's times, not where the school happens.
    await phone.goto(`${t.url}/profile`);
    await visits.check(phone);
    await phone.getByLabel('Time zone').selectOption('Europe/Berlin');
    await phone.getByRole('button', { name: 'Save profile' }).click();
    await phone.waitForURL(/notice=saved/);
    await phone.getByLabel('Token name').fill('calendar script');
    await phone.getByRole('button', { name: 'Create token' }).click();
    expect(await phone.locator('table').textContent()).toMatch(/\d\d:\d\d, Berlin time \(UTC\+[12]\)/);
    await phone.goto(`${t.url}/cohorts/${cohortId}/attendance/me`);
    expect(await phone.locator('main').textContent()).toContain('5 Jul 2027, 14:00, Baku time (UTC+4)');

    // The coordinator on a phone, in Russian: the register and the timetable agree.
    await t.db.query(`UPDATE users SET locale = 'ru' WHERE id = $1`, [coordinator.userId]);
    const ru = await signedIn(browser, t.url, coordinator.email, true);
    await ru.goto(`${t.url}/sessions/${sessionId}/register`);
    expect(await visits.check(ru)).toContain('14:00–15:30, время Баку (UTC+4)');
    await ru.goto(`${t.url}/cohorts/${cohortId}/sessions`);
    expect(await visits.check(ru)).toContain('14:00–15:30, время Баку (UTC+4)');
    await ru.goto(`${t.url}/cohorts/${cohortId}/timetable`);
    expect(await visits.check(ru)).toContain('14:00–15:30, время Баку (UTC+4)');

    // Each register radio stays on one line with its own label (the register opens once the
    // session begins).
    await beginSessions(t.db, [sessionId]);
    await ru.goto(`${t.url}/sessions/${sessionId}/register`);
    const choices = await ru.evaluate<Array<{ oneLine: boolean; inside: boolean }>>(`
      [...document.querySelectorAll('.register-choice')].map((label) => {
        const box = label.getBoundingClientRect();
        const dot = label.querySelector('input[type=radio]').getBoundingClientRect();
        return { oneLine: box.height < 60, inside: dot.top >= box.top - 1 && dot.bottom <= box.bottom + 1 };
      })`);
    expect(choices).toHaveLength(4);
    expect(choices.every((c) => c.oneLine && c.inside)).toBe(true);
  });

  it('shows a summer school’s title and texts in the reader’s language, the base text where none is given', async () => {
    const { app: t, browser } = suite;
    const visits = new Visits();
    const coordinator = await person(t, ['coordinator'], 'Aysel Coordinator');
    const programme = await coordinator.client.json('POST', '/api/v1/programmes', {
      title: 'Translated Summer School',
      description: 'A week on migration.',
      titleAz: 'Tərcümə olunmuş yay məktəbi',
      descriptionAz: 'Miqrasiya üzrə bir həftə.',
    });
    expect(programme.status).toBe(201);
    const cohort = await coordinator.client.json(
      'POST',
      `/api/v1/programmes/${programme.json<{ id: string }>().id}/cohorts`,
      {
        title: 'Translated edition',
        titleAz: 'Tərcümə buraxılışı',
        titleRu: 'Переведённый выпуск',
        eligibility: 'Young officials.',
        eligibilityAz: 'Gənc məmurlar.',
        startsOn: '2027-07-05',
        endsOn: '2027-07-09',
        capacity: 5,
        opensAt: iso(-1),
        closesAt: '2030-06-01T18:00',
      },
    );
    expect(cohort.status).toBe(201);
    const cohortId = cohort.json<{ id: string }>().id;

    const az = await (await browser.newContext({ locale: 'az', viewport: PHONE, isMobile: true })).newPage();
    await az.goto(`${t.url}/summer-schools`);
    const list = await visits.check(az);
    expect(list).toContain('Tərcümə olunmuş yay məktəbi');
    expect(list).toContain('Miqrasiya üzrə bir həftə.');
    expect(list).toContain('Tərcümə buraxılışı');
    await az.goto(`${t.url}/cohorts/${cohortId}`);
    const call = await visits.check(az);
    expect(await az.locator('h1').textContent()).toBe('Tərcümə buraxılışı');
    expect(call).toContain('Gənc məmurlar.');
    expect(call).toContain('18:00, Bakı vaxtı (UTC+4)');

    // A trainee reading in Azerbaijani finds the call, and then their application, in it too.
    const trainee = await person(t, ['trainee'], 'Nərmin Həsənova');
    trainee.client.cookies.set('karvan_lang', 'az');
    expect((await trainee.client.get('/')).text).toContain('Tərcümə olunmuş yay məktəbi — Tərcümə buraxılışı');
    const draft = await trainee.client.json('PUT', `/api/v1/cohorts/${cohortId}/application`, {
      category: 'young_researcher',
      organisation: 'Dövlət Miqrasiya Xidməti',
      position: 'Mütəxəssis',
      answers: {},
    });
    expect(draft.status).toBe(200);
    expect((await trainee.client.get('/applications')).text).toContain('>Tərcümə buraxılışı</a>');
    expect((await trainee.client.get('/')).text).toContain('>Tərcümə buraxılışı</a>');

    const ru = await (await browser.newContext({ locale: 'ru' })).newPage();
    await ru.goto(`${t.url}/cohorts/${cohortId}`);
    expect(await ru.locator('h1').textContent()).toBe('Переведённый выпуск');
    const ruCall = await visits.check(ru);
    expect(ruCall).toContain('Young officials.');
    expect(ruCall).toContain('Translated Summer School');

    // The coordinator's form shows what is stored, to edit.
    const form = await signedIn(browser, t.url, coordinator.email);
    await form.goto(`${t.url}/cohorts/${cohortId}/manage`);
    expect(await form.getByLabel('Title in Azerbaijani').inputValue()).toBe('Tərcümə buraxılışı');
    await form.getByLabel('Who may apply, in Russian').fill('Молодые чиновники.');
    await form.getByRole('button', { name: 'Save' }).last().click();
    await form.waitForURL(/notice=/);
    await ru.reload();
    expect(await ru.locator('main').textContent()).toContain('Молодые чиновники.');
  });

  it('links an error summary to the field in error', async () => {
    const { app: t, browser } = suite;
    const visits = new Visits();
    const coordinator = await person(t, ['coordinator'], 'Farid Coordinator');
    const cohortId = await makeCohort(coordinator.client, { title: 'Errors edition' });
    const page = await signedIn(browser, t.url, coordinator.email);
    await page.goto(`${t.url}/cohorts/${cohortId}/sessions`);
    await page.getByLabel('Title', { exact: true }).fill('Late session');
    await page.getByLabel('Starts (Baku time)').fill('2027-07-05T12:00');
    await page.getByLabel('Ends (Baku time)').fill('2027-07-05T11:00');
    await page.getByRole('button', { name: 'Save' }).click();
    const link = page.locator('.error-summary a').first();
    expect(await link.getAttribute('href')).toBe('#session-ends');
    await link.click();
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('session-ends');
    await visits.check(page);

    // Without JavaScript's checks too: the registration form names and links each field.
    const anonymous = t.client();
    await anonymous.get('/register');
    const refused = await anonymous.postForm('/register', {
      name: '',
      email: 'not an address',
      password: 'short',
      organisation: '',
      position: '',
      locale: 'en',
    });
    expect(refused.status).toBe(422);
    for (const field of ['name', 'email']) expect(refused.text).toContain(`<a href="#register-${field}">`);
    expect(refused.text).not.toContain('{min}');
  });
});

describe('a module as people read and print it', () => {
  let t: TestApp;
  let browser: Browser;
  let content: string;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_URL: await createScratchDatabase('ux_reading') });
    content = await shippedContent(['migration-management-fundamentals']);
    await t.app.get(CourseSyncService).syncTree(content);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(content, { recursive: true, force: true });
  });

  it('shows an Azerbaijani reader translated call-outs, numbered sections, linked sources and a printable page', async () => {
    const visits = new Visits();
    const course = 'migration-management-fundamentals';
    const [module] = await t.db.query<Array<{ slug: string }>>(
      `SELECT m.slug FROM modules m JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 ORDER BY m.position LIMIT 1`,
      [course],
    );
    const { email, user } = await createUser(t.db, ['trainee'], 'Nərmin Reader');
    await t.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [user.id]);
    const reader = await signedIn(browser, t.url, email, true);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    expect((await client.postForm(`/courses/${course}/enrol`, {})).status).toBe(303);
    // Written in English, translated into Azerbaijani: found when the catalogue asks for either.
    for (const language of ['az', 'en']) {
      expect((await client.get(`/courses?language=${language}`)).text).toContain(`href="/courses/${course}"`);
    }

    await reader.goto(`${t.url}/courses/${course}/modules/${module.slug}`);
    await visits.check(reader);
    expect(await reader.title()).toBe(
      'Azərbaycanda miqrasiya idarəçiliyi və miqrasiya siyasətinin hazırlanması — Miqrasiya idarəetməsinin əsasları — Karvan',
    );
    expect(await reader.locator('.breadcrumb').textContent()).toContain('Miqrasiya idarəetməsinin əsasları');
    const kinds = await reader.locator('.callout-kind').allTextContents();
    expect(kinds.slice(0, 4)).toEqual(['Tərif', 'Nümunə', 'Məsləhət', 'Qeyd']);
    // Only sections are numbered: sub-sections sit in an unnumbered list inside their section.
    const sections = await reader.locator('.toc > ol > li').count();
    const h2 = await reader.locator('.module-text h2').count();
    expect(sections).toBe(h2);
    expect(await reader.locator('.toc > ol > li > ul > li').count()).toBeGreaterThan(0);
    expect(await reader.locator('.references a[href^="https://"]').count()).toBeGreaterThan(5);
    // The references as the translation gives them, the course's goals and the next module too.
    const references = await reader.locator('.references').textContent();
    expect(references).toContain('Dövlət Miqrasiya İdarəetmə Siyasəti Konsepsiyasının təsdiq edilməsi');
    expect(references).not.toContain('Resolution No. 94 approving');
    await reader.goto(`${t.url}/courses/${course}`);
    const outline = await reader.locator('main').textContent();
    expect(outline).toContain('Dövlət Miqrasiya Xidmətinin və Dövlət Sərhəd Xidmətinin rolunu təsvir etmək.');
    expect(outline).not.toContain('Describe the roles of the State Migration Service');
    await reader.goto(`${t.url}/`);
    expect(await reader.locator('main').textContent()).toContain(
      'Azərbaycanda miqrasiya idarəçiliyi və miqrasiya siyasətinin hazırlanması',
    );

    // Its quiz in Azerbaijani too: the translation's words (graded by the base's ids).
    const quizPage = await reader.context().newPage();
    await quizPage.goto(`${t.url}/courses/${course}/modules/${module.slug}/quiz`);
    await quizPage.getByRole('button', { name: 'Testə başla' }).click();
    await quizPage.waitForURL(/\/attempts\//);
    await visits.check(quizPage);
    const questions = await quizPage.locator('main').textContent();
    expect(questions).toContain('Dövlət Miqrasiya Xidməti hansı ildə yaradılıb?');
    expect(questions).not.toContain('In which year was the State Migration Service established?');
    await quizPage.close();

    // On the phone, wide tables scroll in their own box and a matching question's lists stay on
    // screen: no page goes sideways.
    const sideways: string[] = [];
    const wide = async (path: string) => {
      await reader.goto(`${t.url}${path}`);
      if ((await reader.evaluate<number>('document.documentElement.scrollWidth')) > PHONE.width) sideways.push(path);
    };
    await wide(`/courses/${course}/modules/eu-azerbaijan-mobility-partnership`);
    expect(await reader.locator('.module-text .table-scroll table').count()).toBeGreaterThan(0);
    await visits.check(reader);
    await reader.goto(`${t.url}/courses/${course}/modules/labour-migration/quiz`);
    await reader.getByRole('button', { name: 'Testə başla' }).click();
    await reader.waitForURL(/\/attempts\//);
    expect(await reader.locator('.quiz .match select').count()).toBeGreaterThan(0);
    await wide(new URL(reader.url()).pathname);
    expect(sideways).toEqual([]);

    await reader.goto(`${t.url}/courses/${course}/modules/${module.slug}`);
    await reader.emulateMedia({ media: 'print' });
    expect(await reader.locator('.print-header').isVisible()).toBe(true);
    expect(await reader.locator('.print-header').textContent()).toContain('Miqrasiya idarəetməsinin əsasları —');
    expect(await reader.locator('.site-header').isVisible()).toBe(false);
  });
});

describe('certificate dates as people read them', () => {
  let app: CertificateApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startCertificateApp('uxdates');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the issue and revocation dates on the verify page and the signing keys’ dates', async () => {
    const { t } = app;
    const visits = new Visits();
    const slug = await certificateCourse(t, 'Dates on certificates');
    const holder = await completeCourse(t, slug, 'Aynur Dates');
    const cert = await waitIssued(t.db, holder.userId);
    const when = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d, Baku time \(UTC\+4\)/;

    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${t.url}/verify/${cert.code}`);
    await visits.check(page);
    expect(await page.locator('dt:has-text("Issued") + dd').textContent()).toMatch(when);

    const { email } = await createUser(t.db, ['admin'], 'Dates Admin');
    const admin = t.client();
    await signIn(admin, email, TEST_PASSWORD);
    const revoked = await admin.json('POST', `/api/v1/certificates/${cert.id}/revoke`, { reason: 'Issued in error' });
    expect(revoked.status).toBe(200);
    await page.reload();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(new RegExp(`revoked on ${when.source}\\. Reason: Issued in error`));
    expect(await page.locator('dt:has-text("Revoked") + dd').textContent()).toMatch(when);
    await expectAccessible(page);

    const adminPage = await signedIn(browser, t.url, email);
    await adminPage.goto(`${t.url}/admin/queues`);
    const keys = (await adminPage.locator('#keys-heading + ul').textContent()) ?? '';
    expect(keys).toMatch(new RegExp(`created ${when.source}`));
    await visits.check(adminPage);
  });
});

import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { certificateCourse } from './certificate-helpers.js';
import { apply, makeCohort } from './summer-helpers.js';
import { expectAccessible, expectNoSidewaysScroll, signIn, useBrowserSuite, type BrowserSuite } from './test-app.js';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };

async function signInPage(suite: BrowserSuite, email: string, viewport = PHONE): Promise<Page> {
  const context = await suite.browser.newContext({ locale: 'en-GB', viewport });
  const page = await context.newPage();
  await page.goto(`${suite.app.url}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${suite.app.url}/`);
  return page;
}

async function client(suite: BrowserSuite, email: string): Promise<WebClient> {
  const c = suite.app.client();
  await signIn(c, email, TEST_PASSWORD);
  return c;
}

describe('the home page of each role, in a real browser', () => {
  // The admin's home lists the five newest accounts: in the run's shared database, suites running
  // beside this one could push the applicant made here off that list.
  const suite = useBrowserSuite('home');

  it('offers a trainee the module to continue with, their progress and the open calls', async () => {
    const slug = await certificateCourse(suite.app, 'Refugee status determination');
    const coordinator = await createUser(suite.app.db, ['trainee', 'coordinator'], 'Call Coordinator');
    await makeCohort(await client(suite, coordinator.email), { title: `Open call ${Date.now().toString(36)}` });
    const trainee = await createUser(suite.app.db, ['trainee'], 'Səbinə Rəhimova');
    // Before enrolling, a module's address explains and offers to enrol, with no error page.
    const early = await signInPage(suite, trainee.email);
    await early.goto(`${suite.app.url}/courses/${slug}/modules/only`);
    expect(await early.getByRole('status').textContent()).toContain('Enrol in this course to read its modules');
    expect(await early.getByRole('button', { name: 'Enrol' }).count()).toBe(1);
    expect(await early.getByText('Something went wrong').count()).toBe(0);
    await expectAccessible(early);
    await early.context().close();
    const enrolled = await (await client(suite, trainee.email)).json('POST', `/api/v1/courses/${slug}/enrolment`, {});
    expect(enrolled.status).toBeLessThan(300);

    const page = await signInPage(suite, trainee.email);
    expect(await page.getByText('You are signed in').count()).toBe(0);
    await expect(page.getByRole('heading', { name: 'Your learning' }).count()).resolves.toBe(1);
    expect(
      await page.getByText('Continue where you left off: “Only module” in “Refugee status determination”.').count(),
    ).toBe(1);
    expect(await page.getByText('0 of 1 modules read').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Summer schools open for applications' }).count()).toBe(1);
    // A trainee sees no staff section.
    expect(await page.getByRole('heading', { name: 'Administration' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Your summer-school cohorts' }).count()).toBe(0);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);

    await page.getByRole('link', { name: /^Continue/ }).click();
    await page.waitForURL(`${suite.app.url}/courses/${slug}/modules/only`);

    // The course page says where the trainee is, and later that the course is done.
    await page.goto(`${suite.app.url}/courses/${slug}`);
    expect(await page.getByRole('heading', { name: 'Your progress' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /^Continue(?! here)/ }).count()).toBe(1);
    await expectAccessible(page);
    const reader = await client(suite, trainee.email);
    await reader.postForm(`/courses/${slug}/modules/only/read`, {});
    await page.reload();
    expect(await page.getByText('You have completed this course.').count()).toBe(1);
    await page.goto(`${suite.app.url}/`);
    expect(await page.getByText('Completed', { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it('shows a person with several roles the sections of each: courses, review queue, administration', async () => {
    const boss = await createUser(suite.app.db, ['trainee', 'trainer', 'coordinator', 'admin'], 'Fərid Əhmədov');
    const bossClient = await client(suite, boss.email);
    const cohortTitle = `Review cohort ${Date.now().toString(36)}`;
    const cohortId = await makeCohort(bossClient, { title: cohortTitle });
    await apply(suite.app, cohortId, 'young_researcher', 'Nərmin Babayeva');
    const slug = `home-${Date.now().toString(36)}`;
    await bossClient.postForm('/authoring/courses', {
      title: 'Mixed migration flows',
      slug,
      summary: 'S.',
      language: 'en',
      enrolmentMode: 'open',
    });

    const page = await signInPage(suite, boss.email);
    expect(await page.getByRole('heading', { name: 'Your learning' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Your courses' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Mixed migration flows', exact: true }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Your summer-school cohorts' }).count()).toBe(1);
    // An admin sees every cohort: look at this one's line only.
    const cohortLine = page.getByRole('listitem').filter({ hasText: cohortTitle });
    expect(await cohortLine.getByText('1 application waiting for your review').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Administration' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Nərmin Babayeva', exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);

    await page.getByRole('link', { name: 'Nərmin Babayeva', exact: true }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]+$/);
    await page.context().close();
  });

  it('lets an admin find an account with filters and deactivate it after a confirmation, on a phone', async () => {
    const admin = await createUser(suite.app.db, ['trainee', 'admin'], 'Phone Admin');
    const tag = `Zaur${Date.now().toString(36)}`;
    await createUser(suite.app.db, ['trainee', 'trainer'], `${tag} Trainer`);
    await createUser(suite.app.db, ['trainee'], `${tag} Trainee`);
    const page = await signInPage(suite, admin.email);

    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.waitForURL(`${suite.app.url}/admin/users`);
    await page.getByLabel('Search by name or e-mail').fill(tag);
    await page.getByLabel('Role').selectOption('trainer');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/role=trainer/);
    expect(await page.getByText('1 user', { exact: true }).count()).toBe(1);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);

    await page.getByRole('link', { name: `${tag} Trainer` }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]+$/);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
    await page.getByRole('link', { name: 'Deactivate the account' }).click();
    await page.waitForURL(/\/deactivate$/);
    expect(await page.getByRole('heading', { name: `Deactivate the account of ${tag} Trainer?` }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, deactivate the account' }).click();
    await page.waitForURL(/notice=deactivated$/);
    expect(await page.getByRole('status').getByText('was deactivated').count()).toBe(1);
    await expectAccessible(page);

    // Reloading the result shows it again and changes nothing more.
    const [{ changed }] = await suite.app.db.query<Array<{ changed: Date }>>(
      'SELECT updated_at AS changed FROM users WHERE name = $1',
      [`${tag} Trainer`],
    );
    await page.reload();
    expect(await page.getByRole('status').getByText('was deactivated').count()).toBe(1);
    const [{ again }] = await suite.app.db.query<Array<{ again: Date }>>(
      'SELECT updated_at AS again FROM users WHERE name = $1',
      [`${tag} Trainer`],
    );
    expect(again.getTime()).toBe(changed.getTime());
    await page.context().close();
  });

  it('walks "forgot your password" without JavaScript, and its pages are accessible', async () => {
    const context = await suite.browser.newContext({ locale: 'en-GB', viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${suite.app.url}/forgot-password`);
    await page.getByLabel('E-mail address').fill('someone@karvan.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.waitForURL(/sent=1$/);
    expect(await page.getByRole('status').count()).toBe(1);
    await context.close();

    // axe runs as a script, so the same pages are checked again with JavaScript on.
    const checked = await suite.browser.newContext({ locale: 'en-GB', viewport: PHONE });
    const withScripts = await checked.newPage();
    for (const path of ['/forgot-password', '/forgot-password?sent=1']) {
      await withScripts.goto(`${suite.app.url}${path}`);
      await expectAccessible(withScripts);
      await expectNoSidewaysScroll(withScripts);
    }
    await checked.close();
  });
});

describe('coordinator pages on a 390 px phone', () => {
  const suite = useBrowserSuite();

  it('scroll no page sideways, and pass axe', async () => {
    const coordinator = await createUser(suite.app.db, ['trainee', 'coordinator'], 'Phone Coordinator');
    const c = await client(suite, coordinator.email);
    const cohortId = await makeCohort(c, { title: `Phone cohort ${Date.now().toString(36)}` });
    await apply(suite.app, cohortId, 'young_researcher', 'Ülviyyə Hacıyeva-Səfərəliyeva');
    const session = await c.json('POST', `/api/v1/cohorts/${cohortId}/sessions`, {
      title: 'Opening',
      speaker: 'Speaker',
      startsAt: '2027-07-05T09:00',
      endsAt: '2027-07-05T10:00',
      room: 'Hall',
    });
    const sessionId = session.json<{ id: string }>().id;
    const page = await signInPage(suite, coordinator.email);
    const wide: string[] = [];
    for (const path of [
      '/',
      `/cohorts/${cohortId}/manage`,
      `/cohorts/${cohortId}/review`,
      `/cohorts/${cohortId}/ranking`,
      `/cohorts/${cohortId}/sessions`,
      `/cohorts/${cohortId}/dashboard`,
      `/sessions/${sessionId}/register`,
    ]) {
      await page.goto(`${suite.app.url}${path}`);
      if ((await page.evaluate<number>('document.documentElement.scrollWidth')) > PHONE.width) wide.push(path);
      await expectAccessible(page);
    }
    expect(wide).toEqual([]);

    // The header leaves the screen to the page: the menu waits behind a button that needs no script.
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height).toBeLessThan(100);
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);
    await page.getByText('Menu', { exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await expectAccessible(page);

    // The ranking is a card per applicant: status and scores are on screen, not scrolled away.
    await page.goto(`${suite.app.url}/cohorts/${cohortId}/ranking`);
    const status = await page.locator('.ranking-status').first().boundingBox();
    expect(status!.x + status!.width).toBeLessThanOrEqual(390);
    expect(await page.locator('.ranking-status').first().textContent()).toMatch(/submitted/i);

    // Russian labels are the longest: the decision buttons and the staff list wrap rather than widen.
    await page.context().addCookies([{ name: 'karvan_lang', value: 'ru', url: suite.app.url }]);
    for (const path of [`/cohorts/${cohortId}/ranking`, `/cohorts/${cohortId}/manage`]) {
      await page.goto(`${suite.app.url}${path}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      if ((await page.evaluate<number>('document.documentElement.scrollWidth')) > PHONE.width)
        wide.push(`${path} (ru)`);
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });
});

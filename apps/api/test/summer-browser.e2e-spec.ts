import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { beginSessions, createUser, TEST_PASSWORD } from '@karvan/testing';
import { iso, PDF } from './summer-helpers.js';
import { expectAccessible, expectNoSidewaysScroll, signIn, useBrowserSuite } from './test-app.js';

jest.setTimeout(180_000);

async function signedIn(
  browser: Browser,
  url: string,
  email: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport, isMobile: true, hasTouch: true } : {});
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
  return page;
}

describe('a summer school in a real browser', () => {
  const suite = useBrowserSuite();

  it('an applicant applies; on a phone, the coordinator reviews, accepts, builds the timetable and takes attendance', async () => {
    const { app, browser } = suite;
    const coordinatorUser = await createUser(app.db, ['coordinator'], 'Nigar Coordinator');
    const api = app.client();
    await signIn(api, coordinatorUser.email, TEST_PASSWORD);
    const programme = (await api.json('POST', '/api/v1/programmes', { title: 'Migration Summer School' })).json<{
      id: string;
    }>();
    const cohort = (
      await api.json('POST', `/api/v1/programmes/${programme.id}/cohorts`, {
        title: 'Browser edition',
        startsOn: '2027-07-05',
        endsOn: '2027-07-09',
        place: 'Baku',
        capacity: 5,
        opensAt: iso(-1),
        closesAt: iso(48),
        form: '*long: motivation | Why do you want to attend?\nsingle: level | Your experience | Under a year; More\nfile: cv | Your CV',
        rubric: 'relevance | Relevance | 10',
      })
    ).json<{ id: string }>();

    // The applicant, on a desktop browser.
    const applicantUser = await createUser(app.db, ['trainee'], 'Rəşad Quliyev');
    const applicant = await signedIn(browser, app.url, applicantUser.email);
    await applicant.getByRole('link', { name: 'Summer schools' }).first().click();
    await expectAccessible(applicant);
    await applicant.getByRole('link', { name: 'Browser edition' }).click();
    await expectAccessible(applicant);
    await applicant.getByRole('link', { name: 'Apply' }).click();
    await expectAccessible(applicant);
    await applicant.getByLabel('Organisation').fill('State Border Service');
    await applicant.getByLabel('Applicant category').selectOption('entry_level_official');
    await applicant.getByLabel('Why do you want to attend?').fill('To work better at the border.');
    await applicant.getByLabel('Under a year').check();
    await applicant.getByRole('button', { name: 'Save draft' }).click();
    await applicant.waitForURL(/notice=saved/);
    // The draft notice shows, and the organisation came from the profile form the applicant filled in.
    expect(await applicant.getByRole('status').first().textContent()).toContain('Your draft was saved');
    // Typing more and attaching the CV in one go keeps every word typed.
    await applicant.getByLabel('Why do you want to attend?').fill('To work better at the border, with data.');
    await applicant
      .getByLabel(/Your CV \(PDF/)
      .setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: PDF });
    await applicant.getByRole('button', { name: 'Save draft' }).click();
    await applicant.waitForURL(/notice=attached/);
    expect(await applicant.getByLabel('Why do you want to attend?').inputValue()).toBe(
      'To work better at the border, with data.',
    );
    expect(await applicant.getByText('Attached: cv.pdf').count()).toBe(1);
    await applicant.getByRole('button', { name: 'Submit application' }).click();
    await applicant.waitForURL(/notice=submitted/);
    expect(await applicant.getByRole('status').first().textContent()).toContain('submitted');
    // What was sent, and what happens next.
    expect(await applicant.getByRole('heading', { name: 'What you sent' }).count()).toBe(1);
    expect(await applicant.getByText('To work better at the border, with data.').count()).toBe(1);
    await expectAccessible(applicant);

    // The coordinator, on a phone.
    const phone = await signedIn(browser, app.url, coordinatorUser.email, { width: 390, height: 844 });
    await phone.goto(`${app.url}/cohorts/${cohort.id}/review`);
    await expectAccessible(phone);
    await phone.getByLabel('Relevance (0–10)').fill('8');
    await phone.getByRole('button', { name: 'Save my scores' }).click();
    await phone.waitForURL(/notice=reviewed/);
    await phone.goto(`${app.url}/cohorts/${cohort.id}/ranking`);
    await expectAccessible(phone);
    await phone.getByLabel('Rəşad Quliyev').check();
    await phone.getByRole('button', { name: 'Accept' }).click();
    await phone.waitForURL(/decided=accept/);
    expect(await phone.getByRole('status').first().textContent()).toContain('1 application changed');
    await expectAccessible(phone);

    // The applicant takes the place.
    await applicant.goto(`${app.url}/applications`);
    await applicant.getByRole('button', { name: 'Confirm my place' }).click();
    await applicant.waitForURL(/notice=confirm/);
    await expectAccessible(applicant);

    await phone.goto(`${app.url}/cohorts/${cohort.id}/sessions`);
    await expectAccessible(phone);
    await phone.getByLabel('Title', { exact: true }).fill('Opening: migration governance');
    await phone.getByLabel('Title in Azerbaijani').fill('Açılış: miqrasiya idarəetməsi');
    await phone.getByLabel('Speaker', { exact: true }).fill('Dr. Əliyeva');
    await phone.getByLabel('Starts (Baku time)').fill('2027-07-05T09:00');
    await phone.getByLabel('Ends (Baku time)').fill('2027-07-05T10:30');
    await phone.getByLabel('Room').fill('Hall A');
    await phone.getByRole('button', { name: 'Save' }).click();
    await phone.waitForURL(/notice=added/);
    await phone.getByRole('link', { name: 'register' }).click();
    await expectAccessible(phone);
    // Before the session: the register says when it opens. Once it has begun, it is taken.
    expect(await phone.locator('main').textContent()).toContain('This session has not started yet.');
    await beginSessions(app.db, [new URL(phone.url()).pathname.split('/')[2]]);
    await phone.reload();
    await phone.getByRole('button', { name: 'Mark everyone present' }).click();
    await phone.waitForURL(/notice=marked/);
    expect(await phone.getByLabel('present').isChecked()).toBe(true);
    await phone.getByLabel('late').check();
    await phone.getByRole('button', { name: 'Save the register' }).click();
    await phone.waitForURL(/notice=marked/);
    expect(await phone.getByLabel('late').isChecked()).toBe(true);
    await expectAccessible(phone);

    await phone.goto(`${app.url}/cohorts/${cohort.id}/dashboard`);
    await expectAccessible(phone);
    // At 320 px (WCAG's reflow width), in Azerbaijani's and Russian's longer words, its tables
    // scroll in their own regions: the page itself is no wider than the phone.
    await phone.setViewportSize({ width: 320, height: 640 });
    for (const lang of ['az', 'ru']) {
      await phone.context().addCookies([{ name: 'karvan_lang', value: lang, url: app.url }]);
      await phone.reload();
      await expectNoSidewaysScroll(phone);
    }
    await applicant.goto(`${app.url}/cohorts/${cohort.id}/attendance/me`);
    expect(await applicant.locator('main').textContent()).toContain('100 %');
    await expectAccessible(applicant);
  });
});

import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import {
  createScratchDatabase,
  createUser,
  launchBrowser,
  loopbackSmtp,
  TEST_PASSWORD,
  waitFor,
} from '@karvan/testing';
import { expectAccessible, startTestApp, type TestApp } from './test-app.js';

// One walk-through from the essay to the e-mail and the completed course: longer than a request.
jest.setTimeout(240_000);

const MODULE = `---
title: Readmission requests
summary: How a request is prepared.
objectives:
  - Prepare a readmission request.
duration: 10
sources:
  - The 2014 readmission agreement
---

## Requests

A request names the person and the proof of nationality.

::: quiz pass=60 attempts=2
1. Which body is the single window? {#body}
   = SMS

2. Describe how a readmission request is prepared. {#essay}
   = [essay points=4 file]
   - [3] Names the competent authorities
   - [1] Gives the time limits
   > A strong answer follows the steps of the agreement.
:::
`;

/** The message's text with quoted-printable soft breaks and escapes undone. */
function decoded(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function signInAs(browser: Browser, url: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
  return page;
}

describe('an essay from submission to the completed course, in a real browser', () => {
  const smtp = loopbackSmtp();
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp(
      {
        DATABASE_URL: await createScratchDatabase('essays'),
        QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_essays`,
        SMTP_URL: await smtp.start(),
      },
      true,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.close();
  });

  it('is submitted, graded by the trainer, mailed, and completes the course; every page passes axe', async () => {
    const slug = `essay-${Date.now().toString(36)}`;
    const author = await createUser(t.db, ['trainer'], 'Nigar Əliyeva');
    const trainer = t.client();
    await trainer.get('/login');
    await trainer.postForm('/login', { email: author.email, password: TEST_PASSWORD });
    await trainer.postForm('/authoring/courses', {
      title: 'Readmission in practice',
      slug,
      summary: 'Requests.',
      language: 'en',
      enrolmentMode: 'open',
    });
    await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Requests', slug: 'requests' });
    await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/requests`, { markdown: MODULE });
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });

    // The trainee writes the essay with a file, and is told it waits for a trainer.
    const { email } = await createUser(t.db, ['trainee'], 'Orxan Məmmədov');
    const url = t.url;
    const me = await signInAs(browser, url, email);
    await me.goto(`${url}/courses/${slug}`);
    await me.getByRole('button', { name: 'Enrol' }).click();
    await me.waitForURL(/notice=enrolled/);
    await me.goto(`${url}/courses/${slug}/modules/requests`);
    await me.getByRole('button', { name: 'Mark as read' }).click();
    await me.goto(`${url}/courses/${slug}/modules/requests/quiz`);
    await me.getByRole('button', { name: 'Start the quiz' }).click();
    await me.waitForURL(/\/attempts\//);
    await expectAccessible(me);
    await me.getByLabel('Your answer').first().fill('SMS');
    await me.locator('textarea[name="q-essay"]').fill('First the authorities.\nThen the time limits.');
    await me.getByLabel('Attach a file (optional)').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Notes for the essay.\n'),
    });
    await me.getByRole('button', { name: 'Submit answers' }).click();
    await me.waitForURL(/\/attempts\/[0-9a-f-]+$/);
    expect(await me.getByRole('status').first().textContent()).toContain('A trainer grades your essay');
    expect(await me.getByRole('link', { name: 'Your file: notes.txt' }).count()).toBe(1);
    await expectAccessible(me);

    // The trainer finds it from the home page, grades it with the rubric and a decimal comma.
    const staff = await signInAs(browser, url, author.email);
    await staff
      .getByRole('link', { name: /1 attempt to grade/ })
      .first()
      .click();
    await staff.waitForURL(/\/grading$/);
    await expectAccessible(staff);
    await staff.getByRole('link', { name: 'Grade attempt 1 of Orxan Məmmədov' }).click();
    await staff.waitForURL(/\/attempts\/[0-9a-f-]+\/grading$/);
    expect(await staff.locator('.essay-text').textContent()).toBe('First the authorities.\nThen the time limits.');
    await expectAccessible(staff);
    await staff.getByLabel(/Names the competent authorities/).fill('3');
    await staff.getByLabel(/Gives the time limits/).fill('0,5');
    await staff.getByLabel('Points (0 to 4)').fill('3,5');
    await staff.getByLabel('Feedback for the trainee').fill('Clear steps. Cite the article next time.');
    await staff.getByRole('button', { name: 'Save the grade' }).click();
    await staff.waitForURL(/saved=final/);
    expect(await staff.getByRole('status').first().textContent()).toContain('the result is final');
    await expectAccessible(staff);

    // The override page, with its confirmation step: the same points, for the record.
    await staff.getByRole('link', { name: 'Override a grade' }).click();
    await expectAccessible(staff);
    await staff.getByLabel('Question').selectOption('body');
    await staff.getByLabel('New points').fill('1');
    await staff.getByLabel('Reason (kept in the grade audit)').fill('Checked in the session.');
    await staff.getByRole('button', { name: 'Review the change' }).click();
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Change the grade' }).click();
    await staff.waitForURL(/override\?done=1/);
    await expectAccessible(staff);

    // The regrade pages, from the item analysis: confirm, then the report.
    await staff.goto(`${url}/courses/${slug}/modules/requests/item-analysis`);
    await staff.getByRole('link', { name: /Fix the key and regrade/ }).click();
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Regrade every answer to question 1' }).click();
    await staff.waitForURL(/\/regrade\/reports\//);
    expect(await staff.getByRole('status').first().textContent()).toContain('No result changed.');
    await expectAccessible(staff);

    // The trainee is told by e-mail, sees the grade and feedback, and the course is completed.
    const message = await waitFor('the graded e-mail', () =>
      Promise.resolve(smtp.received.find((m) => m.includes(email))),
    );
    expect(decoded(message)).toContain('Your essay is graded: Readmission requests');
    await me.reload();
    expect(await me.locator('.score').textContent()).toContain('90 %');
    expect(await me.locator('.feedback').first().textContent()).toContain('Cite the article next time.');
    await expectAccessible(me);
    await me.goto(`${url}/learning`);
    expect(await me.locator('.course-card').first().textContent()).toContain('Completed.');
  });
});

import { jest } from '@jest/globals';
import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { authorCourse } from './course-fixture.js';
import { expectAccessible, person, useBrowserSuite } from './test-app.js';

// A browser walk-through is long: it gets more time than one request-level test.
jest.setTimeout(180_000);

const MODULE = (title: string, quiz: string) => `---
title: ${title}
summary: About ${title}.
objectives:
  - Explain ${title}.
duration: 10
sources:
  - A primary source
---

## ${title}

Reading about ${title}.
${quiz}`;

const QUIZ = `
::: quiz pass=100 attempts=3
1. Which body issues residence permits? {#body}
   - [ ] The State Border Service
   - [x] The State Migration Service
   > The State Migration Service issues them.
2. Select both agreements of 1 September 2014. {#both}
   - [x] Visa facilitation
   - [x] Readmission
   - [ ] Partnership and Cooperation
:::
`;

describe('a trainee in a real browser', () => {
  const suite = useBrowserSuite();

  it('enrols, reads two modules, fails then passes a quiz and completes the course; axe finds nothing', async () => {
    const slug = `browser-course-${Date.now().toString(36)}`;
    const author = await createUser(suite.app.db, ['trainer']);
    const trainer = suite.app.client();
    await trainer.get('/login');
    await trainer.postForm('/login', { email: author.email, password: TEST_PASSWORD });
    await trainer.postForm('/authoring/courses', {
      title: 'Migration basics',
      slug,
      summary: 'Start here.',
      language: 'en',
      enrolmentMode: 'open',
    });
    for (const [module, quiz] of [
      ['institutions', ''],
      ['agreements', QUIZ],
    ]) {
      await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: module, slug: module });
      await trainer.json('PUT', `/api/v1/authoring/courses/${slug}/modules/${module}`, {
        markdown: MODULE(module, quiz),
      });
    }
    await trainer.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });

    const { email } = await createUser(suite.app.db, ['trainee'], 'Kamran Həsənov');
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const url = suite.app.url;
    await page.goto(`${url}/login`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/`);

    await page.getByRole('link', { name: 'Courses', exact: true }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Migration basics', exact: true }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.waitForURL(/notice=enrolled/);

    // The course page now offers to continue with the first module; its syllabus links it too.
    expect(await page.getByRole('heading', { name: 'Your progress' }).count()).toBe(1);
    await page.getByRole('link', { name: 'institutions', exact: true }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page
      .getByRole('link', { name: /agreements/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await page.getByRole('link', { name: 'Go to the quiz' }).click();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await page.waitForURL(/\/attempts\//);
    await expectAccessible(page);
    await page.getByLabel('The State Border Service').check();
    // The second question is left open: the first press says so and sends nothing.
    await page.getByRole('button', { name: 'Submit answers' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Not answered yet: 2. Press the button again to submit your answers as they are.',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Submit answers' }).click();
    // Sent: the result (the page's address stays the attempt's).
    expect(await page.getByRole('status').first().textContent()).toContain('Not passed yet');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Back to the quiz' }).click();
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await page.waitForURL(/\/attempts\//);
    await page.getByLabel('The State Migration Service').check();
    await page.getByLabel('Visa facilitation').check();
    await page.getByLabel('Readmission').check();
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await page.waitForURL(/completed=1/);
    expect(await page.locator('.score').textContent()).toContain('100 %');
    expect(await page.getByRole('status').first().textContent()).toContain('you have completed the course');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'My learning' }).click();
    expect(await page.locator('.course-card').first().textContent()).toContain('Completed.');
    await expectAccessible(page);
    await context.close();

    // The trainer reads how the questions worked, from the gradebook.
    const staff = await suite.browser.newContext();
    const trainerPage = await staff.newPage();
    await trainerPage.goto(`${url}/login`);
    await trainerPage.getByLabel('E-mail address').fill(author.email);
    await trainerPage.getByLabel('Password').fill(TEST_PASSWORD);
    await trainerPage.getByRole('button', { name: 'Sign in' }).click();
    await trainerPage.waitForURL(`${url}/`);
    await trainerPage.goto(`${url}/courses/${slug}/gradebook`);
    await trainerPage.getByRole('link', { name: 'How the questions of “agreements” work' }).click();
    await trainerPage.waitForURL(/item-analysis/);
    expect(await trainerPage.locator('svg[role="img"]').count()).toBe(1);
    expect(await trainerPage.locator('tbody tr').count()).toBe(2);
    await expectAccessible(trainerPage);
    await staff.close();
  });

  it('shows a timed attempt’s time left, says when a minute is left, and sends the answers when time is up', async () => {
    const slug = `timed-course-${Date.now().toString(36)}`;
    const author = await person(suite.app, ['trainer'], 'Timed Author');
    await authorCourse(author.client, slug, { title: 'Timed', modules: ['timed'], publish: false });
    await author.client.json('PUT', `/api/v1/authoring/courses/${slug}/modules/timed`, {
      markdown: MODULE('timed', QUIZ.replace('attempts=3', 'attempts=3 time=5')),
    });
    await author.client.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });

    const trainee = await createUser(suite.app.db, ['trainee'], 'Timed Trainee');
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    const url = suite.app.url;
    await page.goto(`${url}/login`);
    await page.getByLabel('E-mail address').fill(trainee.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/`);
    await page.goto(`${url}/courses/${slug}`);
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.goto(`${url}/courses/${slug}/modules/timed/quiz`);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await page.waitForURL(/\/attempts\//);
    const timer = page.getByRole('timer');
    expect(await timer.textContent()).toMatch(/^Time left: (5:00|4:5\d)$/);
    await expectAccessible(page);

    // The server's clock decides: with 62 seconds left on it, the page counts down from there.
    // The page's own clock is Playwright's, run forward, so the test does not wait a minute.
    const attemptId = page.url().split('/attempts/')[1].split(/[?#]/)[0];
    await suite.app.db.query(`UPDATE quiz_attempts SET deadline = now() + interval '62 seconds' WHERE id = $1`, [
      attemptId,
    ]);
    await page.clock.install();
    await page.reload();
    expect(await timer.textContent()).toMatch(/^Time left: 1:0[0-2]$/);
    await page.getByLabel('The State Migration Service').check();
    await page.clock.runFor(5_000);
    expect(await page.locator('.quiz-clock [aria-live]').textContent()).toBe('1 minute left.');
    // At zero the answers go as they are, without the unanswered-questions warning.
    await page.clock.runFor(60_000);
    await page.locator('.score').waitFor({ timeout: 30_000 });
    const [attempt] = await suite.app.db.query<Array<{ submitted: boolean; late: boolean }>>(
      `SELECT submitted_at IS NOT NULL AS submitted, late FROM quiz_attempts WHERE id = $1`,
      [attemptId],
    );
    expect(attempt).toEqual({ submitted: true, late: false });
    const answers = await suite.app.db.query<Array<{ question_key: string }>>(
      `SELECT question_key FROM attempt_answers WHERE attempt_id = $1 ORDER BY question_key`,
      [attemptId],
    );
    expect(answers.map((a) => a.question_key)).toContain('body');
    await context.close();
  });
});

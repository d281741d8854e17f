import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { makeCohort, person } from './summer-helpers.js';
import { expectAccessible, expectNoSidewaysScroll, signIn, useBrowserSuite } from './test-app.js';

jest.setTimeout(180_000);

const PHONE = { width: 390, height: 844 };

const QUIZ_MODULE = `---
title: Border checks
summary: What a border guard checks.
objectives:
  - Name the service that checks travellers.
duration: 25
sources:
  - Law on border protection
---

## Who checks

The State Border Service checks travellers.

::: quiz pass=70
1. Which service checks travellers at the land borders?
   - [ ] The State Migration Service
   - [x] The State Border Service
   > Feedback that names the right answer.
:::
`;

async function signedIn(browser: Browser, url: string, email: string, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
  return page;
}

async function checkPage(page: Page): Promise<void> {
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
}

describe('managing a course and building forms in a real browser, on a phone', () => {
  const suite = useBrowserSuite();

  it('edits the settings, previews the quiz without answers, warns before leaving, restores a revision', async () => {
    const { app, browser } = suite;
    const slug = `phone-course-${Date.now().toString(36)}`;
    const author = await createUser(app.db, ['trainer'], 'Phone Author');
    const api = app.client();
    await signIn(api, author.email, TEST_PASSWORD);
    await api.postForm('/authoring/courses', {
      title: 'Phone course',
      slug,
      summary: '',
      language: 'en',
      enrolmentMode: 'open',
    });
    await api.postForm(`/authoring/courses/${slug}/modules`, { title: 'Border checks', slug: 'border-checks' });
    await api.postForm(`/authoring/courses/${slug}/modules`, { title: 'Permits', slug: 'permits' });

    const page = await signedIn(browser, app.url, author.email);
    await page.goto(`${app.url}/authoring/courses/${slug}`);
    await checkPage(page);
    await page.getByRole('link', { name: 'Course settings' }).click();
    await checkPage(page);
    await page.getByLabel('Course title').fill('Phone course, renamed');
    await page.getByLabel('Enrolment', { exact: true }).selectOption('approval');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.waitForURL(/settings\?notice=saved$/);
    expect(await page.getByRole('status').textContent()).toContain('The course settings were saved.');
    await checkPage(page);
    await page.reload();
    expect(await page.getByLabel('Course title').inputValue()).toBe('Phone course, renamed');

    await page.goto(`${app.url}/authoring/courses/${slug}/modules/border-checks/edit`);
    const editor = page.getByLabel('Module text (Markdown)');
    await editor.fill(QUIZ_MODULE);
    await editor.press('End'); // a real key press, so the page counts as used by a person
    // With JavaScript the quiz and front matter follow the text, as the server renders them.
    const quiz = page.locator('#preview-quiz');
    await quiz.getByText('Which service checks travellers at the land borders?').waitFor();
    expect(await quiz.locator('input[type="radio"]').count()).toBe(2);
    expect(await quiz.locator('input:checked').count()).toBe(0);
    expect(await quiz.textContent()).not.toContain('Feedback that names the right answer');
    expect(await page.locator('#preview-front-matter').textContent()).toContain('25 minutes');
    await checkPage(page);

    // Leaving with unsaved text asks first.
    let asked = false;
    page.once('dialog', (dialog) => {
      asked = dialog.type() === 'beforeunload';
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'History' }).first().click();
    await page.waitForTimeout(500);
    expect(asked).toBe(true);
    expect(page.url()).toMatch(/\/edit$/);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/edit\?saved=1$/);
    await page.getByRole('link', { name: 'History' }).first().click();
    await checkPage(page);
    await page.getByRole('button', { name: 'Compare' }).click();
    expect(await page.locator('.diff-lines del', { hasText: 'Write the module here.' }).count()).toBe(1);
    await checkPage(page);
    await page.goBack();
    await page.getByRole('link', { name: 'Revision 1', exact: true }).click();
    await checkPage(page);
    await page.getByRole('button', { name: 'Restore this revision' }).click();
    await page.waitForURL(/history\?restored=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Revision 1 was restored as revision 3.');
    await page.reload();
    const [{ count }] = await app.db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM module_revisions r JOIN modules m ON m.id = r.module_id
       JOIN courses c ON c.id = m.course_id WHERE c.slug = $1 AND m.slug = 'border-checks'`,
      [slug],
    );
    expect(count).toBe(3);
    await page.context().close();
  });

  it('removes a module after a confirmation step and restores it, without JavaScript', async () => {
    const { app, browser } = suite;
    const slug = `noscript-course-${Date.now().toString(36)}`;
    const author = await createUser(app.db, ['trainer'], 'Noscript Author');
    const api = app.client();
    await signIn(api, author.email, TEST_PASSWORD);
    await api.postForm('/authoring/courses', {
      title: 'No script',
      slug,
      summary: '',
      language: 'en',
      enrolmentMode: 'open',
    });
    await api.postForm(`/authoring/courses/${slug}/modules`, { title: 'Visa fees', slug: 'visa-fees' });

    const page = await signedIn(browser, app.url, author.email, false);
    await page.goto(`${app.url}/authoring/courses/${slug}`);
    await page.getByRole('link', { name: 'Remove Visa fees' }).click();
    expect(await page.locator('h1').textContent()).toBe('Remove the module “Visa fees”?');
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: 'Remove the module' }).click();
    await page.waitForURL(/notice=moduleArchived/);
    expect(await page.getByRole('status').textContent()).toContain('The module was removed.');
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: 'Restore Visa fees' }).click();
    await page.waitForURL(/notice=moduleRestored/);
    expect(await page.locator('.module-list').textContent()).toContain('Visa fees');
    await page.context().close();
  });

  it('builds an application form field by field without JavaScript; the builder fits a phone and axe finds nothing', async () => {
    const { app, browser } = suite;
    const coordinator = await person(app, ['trainee', 'coordinator'], 'Builder Phone Coordinator');
    const cohortId = await makeCohort(coordinator.client);
    const row = coordinator;

    const page = await signedIn(browser, app.url, row.email, false);
    await page.goto(`${app.url}/cohorts/${cohortId}/manage`);
    await page.getByRole('link', { name: 'Edit the form field by field' }).first().click();
    await expectNoSidewaysScroll(page);
    const fields = await page.locator('fieldset.builder-row').count();
    await page.getByRole('button', { name: 'Add a field' }).click();
    await page.waitForURL(/draft=/);
    expect(await page.locator('fieldset.builder-row').count()).toBe(fields + 1);
    await page.getByLabel('Question shown to applicants').last().fill('Your position');
    await page.getByLabel('Key').last().fill('position');
    await page.getByLabel('Type of answer').last().selectOption('single');
    await page.getByLabel('Options').last().fill('Officer\nResearcher');
    await page.getByLabel('Required').last().check();
    await page.getByRole('button', { name: `Move up ${fields + 1}` }).click();
    await page.waitForURL(/draft=/);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/notice=saved$/);
    const [cohort] = await app.db.query<Array<{ form_source: string }>>(
      'SELECT form_source FROM cohorts WHERE id = $1',
      [cohortId],
    );
    const lines = cohort.form_source.split('\n');
    expect(lines[lines.length - 2]).toBe('*single: position | Your position | Officer; Researcher');
    await page.context().close();

    // axe needs JavaScript: the same builder, with it.
    const withScript = await signedIn(browser, app.url, row.email);
    await withScript.goto(`${app.url}/cohorts/${cohortId}/builder/form`);
    await checkPage(withScript);
    await withScript.goto(`${app.url}/cohorts/${cohortId}/builder/rubric`);
    await checkPage(withScript);
    await withScript.context().close();
  });
});

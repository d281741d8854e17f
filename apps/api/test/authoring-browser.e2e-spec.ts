import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { expectAccessible, useBrowserSuite } from './test-app.js';

// A browser walk-through is long: it gets more time than one request-level test.
jest.setTimeout(180_000);

describe('authoring in a real browser', () => {
  const suite = useBrowserSuite();

  async function signInAs(page: Page, email: string): Promise<void> {
    await page.goto(`${suite.app.url}/login`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.app.url}/`);
  }

  /** A course and one module made through the authoring pages; leaves the page on the module's editor. */
  async function createCourse(page: Page, title: string, slug: string, module: string): Promise<void> {
    await page.goto(`${suite.app.url}/authoring`);
    await page.getByLabel('Course title').fill(title);
    await page.getByLabel('Address (slug)').fill(slug);
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByLabel('Module title').fill(module);
    await page.getByLabel('Address (slug)').fill(module.toLowerCase());
    await page.getByRole('button', { name: 'Add module' }).click();
    await page.waitForURL(/\/edit$/);
  }

  it('creates a course, edits a module with live preview, saves, publishes; axe finds nothing', async () => {
    const { email } = await createUser(suite.app.db, ['trainer'], 'Nigar Quliyeva');
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, email);

    await page.getByRole('link', { name: 'Authoring' }).click();
    await expectAccessible(page);
    await page.getByLabel('Course title').fill('Border checks');
    await page.getByLabel('Address (slug)').fill('border-checks-browser');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL(/\/authoring\/courses\/border-checks-browser$/);
    await expectAccessible(page);

    await page.getByLabel('Module title').fill('Document checks');
    await page.getByLabel('Address (slug)').fill('document-checks');
    await page.getByRole('button', { name: 'Add module' }).click();
    await page.waitForURL(/modules\/document-checks\/edit$/);
    await expectAccessible(page);

    const editor = page.getByLabel('Module text (Markdown)');
    const text = await editor.inputValue();
    await editor.fill(`${text}\n![](media/missing.png)\n`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('.problem-lines').waitFor();
    await expectAccessible(page);
    // The live checker writes its messages as the page does: "Line 12 — Error: …".
    await editor.fill(`${text}\n![](media/gone.png)\n`);
    await page.locator('.problems li', { hasText: 'gone.png' }).first().waitFor();
    expect(await page.locator('.problems li', { hasText: 'gone.png' }).first().textContent()).toMatch(
      /^Line \d+ — (Error|Warning): /,
    );
    await editor.fill(`${text}\n## Machine-readable zone\n\nA passport MRZ has **two lines of 44 characters**.\n`);
    // With JavaScript the preview follows the text without a button press.
    await page.locator('#preview-body strong', { hasText: 'two lines of 44 characters' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/edit\?saved=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Saved as a new revision.');
    expect(await page.locator('#preview-body h2', { hasText: 'Machine-readable zone' }).count()).toBe(1);

    await page.getByRole('link', { name: 'History' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Compare' }).click();
    expect(await page.locator('ins', { hasText: 'two lines of 44 characters' }).count()).toBe(1);
    // Lines were only added: the browser's CRLF line ends did not make every line a change.
    expect(await page.locator('del').count()).toBe(0);
    await expectAccessible(page);

    await page.goto(`${suite.app.url}/authoring/courses/border-checks-browser`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/notice=published/);
    expect(await page.getByRole('status').textContent()).toContain('The course is published.');
    await context.close();
  });

  it('shows the checker’s message beside the line, without JavaScript', async () => {
    const { email } = await createUser(suite.app.db, ['trainer']);
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, email);
    await createCourse(page, 'No script course', 'no-script-course', 'Only');
    const editor = page.getByLabel('Module text (Markdown)');
    await editor.fill(`${await editor.inputValue()}\n![](media/missing.png)\n`);
    await page.getByRole('button', { name: 'Preview' }).click();
    const problems = page.locator('.problem-lines');
    expect(await problems.textContent()).toMatch(/Line \d+/);
    expect(await problems.textContent()).toContain('![](media/missing.png)');
    expect(await problems.textContent()).toContain('has no alt text');
    // axe needs JavaScript: the same page with its problems is checked in the test above.
    await context.close();
  });

  it('never runs a script inside an uploaded SVG', async () => {
    const { email } = await createUser(suite.app.db, ['trainer']);
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, email);
    await page.goto(`${suite.app.url}/authoring`);
    await page.getByLabel('Course title').fill('Svg course');
    await page.getByLabel('Address (slug)').fill('svg-course');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByLabel('Image file').setInputFiles({
      name: 'evil.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'pwned\'"><script>document.title="pwned";alert(1)</script><rect width="10" height="10"/></svg>',
      ),
    });
    await page.getByRole('button', { name: 'Upload image' }).click();
    await page.waitForURL(/notice=uploaded/);
    let dialog = false;
    page.on('dialog', (d) => {
      dialog = true;
      void d.dismiss();
    });
    await page.goto(`${suite.app.url}/media/svg-course/evil.svg`);
    await page.waitForTimeout(300);
    expect(dialog).toBe(false);
    expect(await page.title()).not.toBe('pwned');
    await context.close();
  });

  it('keeps both texts when one module is saved from two places, in Azerbaijani on a phone', async () => {
    const { user, email } = await createUser(suite.app.db, ['trainer'], 'Aysel Həsənova');
    const contexts = [
      await suite.browser.newContext({ viewport: { width: 390, height: 844 } }),
      await suite.browser.newContext(),
    ];
    const [phone, desk] = await Promise.all(contexts.map((c) => c.newPage()));
    await signInAs(phone, email);
    await signInAs(desk, email);
    await createCourse(phone, 'Two tabs', 'two-tabs-browser', 'Shared');
    await suite.app.db.query(`UPDATE users SET locale = 'az' WHERE id = $1`, [user.id]);

    const edit = `${suite.app.url}/authoring/courses/two-tabs-browser/modules/shared/edit`;
    await phone.goto(edit);
    await desk.goto(edit);
    const deskText = desk.locator('#module-markdown');
    await deskText.fill(`${await deskText.inputValue()}
The other tab’s paragraph.
`);
    await desk.locator('button[value="save"]').click();
    await desk.waitForURL(/edit\?saved=1$/);

    const phoneText = phone.locator('#module-markdown');
    const mine = `${await phoneText.inputValue()}
Mənim abzasım.
`;
    await phoneText.fill(mine);
    await phone.locator('button[value="save"]').click();
    const alert = phone.getByRole('alert');
    expect(await alert.textContent()).toContain('Yadda saxlanılmadı: siz 1 saylı redaksiyanı açdıqdan sonra 2 saylı');
    expect(await phoneText.inputValue()).toBe(mine.replace(/\r\n/g, '\n'));
    await expectAccessible(phone);
    expect(await alert.getByRole('link').getAttribute('href')).toContain('diff?from=1&to=2');

    await phone.locator('button[value="save"]').click();
    await phone.waitForURL(/edit\?saved=1$/);
    expect(await phoneText.inputValue()).toContain('Mənim abzasım.');
    await Promise.all(contexts.map((c) => c.close()));
  });
});

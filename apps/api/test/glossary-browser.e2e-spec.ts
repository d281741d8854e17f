import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { syncGlossaryFixture, type GlossaryFixture } from './glossary-fixture.js';
import { expectAccessible, useBrowserSuite } from './test-app.js';

jest.setTimeout(180_000);

async function expectNoSideScroll(page: Page): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(390);
}

describe('the glossary in a real browser, on a phone', () => {
  const suite = useBrowserSuite();
  let fixture: GlossaryFixture;

  beforeAll(async () => {
    fixture = await syncGlossaryFixture(suite.app);
  });

  it('switches language, searches without diacritics and jumps by letter; axe finds nothing', async () => {
    const context = await suite.browser.newContext({
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/`);
    await page.getByRole('link', { name: 'Glossary of migration terms' }).click();
    await page.waitForURL(`${suite.app.url}/glossary`);
    expect(await page.title()).toBe('Glossary of migration terms — Karvan');
    await expectAccessible(page);
    await expectNoSideScroll(page);

    await page.getByRole('link', { name: 'Azərbaycanca' }).click();
    await page.waitForURL(/\/glossary\?lang=az$/);
    await page.getByLabel('Find a term').fill('yasama icaze');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/lang=az&q=yasama\+icaze/);
    const found = await page.locator('dfn').allTextContents();
    expect(found.sort()).toEqual(['daimi yaşama icazəsi', 'müvəqqəti yaşama icazəsi']);
    await expectAccessible(page);
    await expectNoSideScroll(page);

    await page.getByRole('link', { name: 'Show all terms' }).click();
    await page
      .getByRole('navigation', { name: 'Index by first letter' })
      .getByRole('link', { name: 'Q', exact: true })
      .click();
    expect(await page.locator('#term-refugee dfn').textContent()).toBe('qaçqın');
    expect(page.url()).toMatch(/#letter-\d+$/);
    // The whole list again, scrolled: axe checked it above (about 20 s on a loaded machine per run).
    await expectNoSideScroll(page);
    await context.close();
  });

  it('shows a module’s terms with their definitions and leads to the full entry', async () => {
    const { email } = await createUser(suite.app.db, ['trainee'], 'Səbinə Məmmədova');
    const context = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/login`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.app.url}/`);
    await page.goto(`${suite.app.url}/courses/${fixture.courseSlug}`);
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.waitForURL(/notice=enrolled/);
    await page.getByText('Menu', { exact: true }).click();
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.goto(`${suite.app.url}/courses/${fixture.courseSlug}/modules/${fixture.moduleSlug}`);

    const terms = page.getByRole('region', { name: 'Термины этого модуля' });
    expect(await terms.locator('dt').allTextContents()).toEqual(['разрешение на работу', 'виза']);
    expect(await terms.locator('dd').first().textContent()).toContain('Документ, дающий иностранцу');
    await expectAccessible(page);
    await expectNoSideScroll(page);

    await page.locator('.module-text').getByRole('link', { name: 'виза' }).click();
    await page.waitForURL(/\/glossary\?lang=ru#term-visa$/);
    expect(await page.locator('#term-visa dfn').textContent()).toBe('виза');
    // Other suites publish modules that link "visa" too: look at this course's module only.
    const related = page.locator(`#term-visa a[href*="/courses/${fixture.courseSlug}/"]`);
    expect(await related.allTextContents()).toEqual(['Разрешения и визы']);
    await expectAccessible(page);
    await expectNoSideScroll(page);
    await context.close();
  });
});

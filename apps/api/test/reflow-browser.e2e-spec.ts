import { rm } from 'node:fs/promises';
import { jest } from '@jest/globals';
import { DEMO_COMPLETED_COURSE, DemoService } from '@karvan/demo';
import { CourseSyncService } from '@karvan/domain';
import { shippedContent } from '@karvan/testing';
import { expectNoSidewaysScroll, useBrowserSuite } from './test-app.js';

jest.setTimeout(180_000);

/** WCAG 2.1's reflow width: a page must fit it without sideways scrolling (tables may scroll on their own). */
const NARROWEST = { width: 320, height: 640 };

/**
 * The demo's people on the narrowest phone, in Russian, whose words are the longest of the three
 * languages: their own pages, full of e-mail addresses, tables and long words, fit the screen.
 */
describe('pages at 320 px in Russian', () => {
  const suite = useBrowserSuite();

  beforeAll(async () => {
    const content = await shippedContent([DEMO_COMPLETED_COURSE]);
    await suite.app.app.get(CourseSyncService).syncTree(content);
    await rm(content, { recursive: true, force: true });
    await suite.app.app.get(DemoService).seed();
  });

  const pagesOf = async (who: string, paths: string[]) => {
    const context = await suite.browser.newContext({ viewport: NARROWEST, isMobile: true, hasTouch: true });
    await context.addCookies([{ name: 'karvan_lang', value: 'ru', url: suite.app.url }]);
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/login`);
    await page.locator('input[name=email]').fill(`${who}@karvan.example`);
    await page.locator('input[name=password]').fill('karvan-demo');
    await page.locator('form[action^="/login"] button[type=submit]').click();
    await page.waitForURL(`${suite.app.url}/`);
    for (const path of paths) {
      const response = await page.goto(`${suite.app.url}${path}`);
      expect([path, response?.status()]).toEqual([path, 200]);
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      await expectNoSidewaysScroll(page);
    }
    await context.close();
  };

  it("fit a trainee's quiz, a member's attendance, a trainer's courses and item analysis, and an administrator's home, queues and access pages", async () => {
    await pagesOf('trainee', ['/', `/courses/${DEMO_COMPLETED_COURSE}/modules/definitions-and-data-sources/quiz`]);
    const [cohort] = await suite.app.db.query<Array<{ id: string }>>('SELECT id FROM cohorts');
    await pagesOf('applicant01', ['/', '/applications', `/cohorts/${cohort.id}/attendance/me`]);
    await pagesOf('trainer', [
      '/',
      '/authoring',
      `/courses/${DEMO_COMPLETED_COURSE}/modules/definitions-and-data-sources/item-analysis`,
    ]);
    await pagesOf('admin', ['/', '/admin/queues', '/admin/users', '/admin/access', '/admin/access/audit']);
  });
});

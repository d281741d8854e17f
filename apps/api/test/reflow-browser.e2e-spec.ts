import { rm } from 'node:fs/promises';
import { jest } from '@jest/globals';
import { DEMO_COMPLETED_COURSE, DemoService } from '@karvan/demo';
import { CourseSyncService } from '@karvan/domain';
import type { Browser } from 'playwright-core';
import { createScratchDatabase, launchBrowser, shippedContent } from '@karvan/testing';
import { expectNoSidewaysScroll, signIn, startTestApp, type TestApp } from './test-app.js';

jest.setTimeout(180_000);

/** WCAG 2.1's reflow width: a page must fit it without sideways scrolling (tables may scroll on their own). */
const NARROWEST = { width: 320, height: 640 };

/**
 * The demo's people on the narrowest phone, in Russian, whose words are the longest of the three
 * languages: their own pages, full of e-mail addresses, tables and long words, fit the screen.
 */
describe('pages at 320 px in Russian', () => {
  // A database of its own: the run's shared one may already hold a programme of the demo's name
  // (the test helpers use it too), and the demo then adds no summer school.
  const suite = {} as { app: TestApp; browser: Browser };
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });

  beforeAll(async () => {
    suite.app = await startTestApp({
      DATABASE_URL: await createScratchDatabase('reflow'),
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_reflow`,
    });
    suite.browser = await launchBrowser();
    const content = await shippedContent([DEMO_COMPLETED_COURSE]);
    await suite.app.app.get(CourseSyncService).syncTree(content);
    await rm(content, { recursive: true, force: true });
    await suite.app.app.get(DemoService).seed();
  });

  const pagesOf = async (who: string, paths: string[]) => {
    const context = await suite.browser.newContext({ viewport: NARROWEST, isMobile: true, hasTouch: true });
    await context.addCookies([{ name: 'karvan_lang', value: 'ru', url: suite.app.url }]);
    // Signed in over HTTP, the session handed to the browser: what is measured is the pages.
    const client = suite.app.client();
    expect((await signIn(client, `${who}@karvan.example`, 'karvan-demo')).status).toBe(303);
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: suite.app.url })));
    const page = await context.newPage();
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
    const [cohort] = await suite.app.db.query<Array<{ id: string }>>(
      `SELECT c.id FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE p.title = 'Migration Summer School'`,
    );
    await pagesOf('applicant01', ['/', '/applications', `/cohorts/${cohort.id}/attendance/me`]);
    await pagesOf('trainer', [
      '/',
      '/authoring',
      `/courses/${DEMO_COMPLETED_COURSE}/modules/definitions-and-data-sources/item-analysis`,
    ]);
    await pagesOf('admin', ['/', '/admin/queues', '/admin/users', '/admin/access', '/admin/access/audit']);
  });
});

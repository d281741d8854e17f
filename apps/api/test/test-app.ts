import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '@karvan/config';
import { installQueueBackend } from '@karvan/jobs';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  createScratchDatabase,
  createUser,
  launchBrowser,
  TEST_PASSWORD,
  WebClient,
  type WebResponse,
} from '@karvan/testing';
import { createApp } from '../src/create-app.js';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  db: DataSource;
  config: AppConfig;
  client(bearer?: string): WebClient;
  close(): Promise<void>;
}

/** The real api on a free port, against this run's PostgreSQL database and Redis prefix. */
export async function startTestApp(env: Record<string, string> = {}, inProcessWorker = false): Promise<TestApp> {
  // Each client sends its own X-Forwarded-For, so login limits per address stay per test.
  const config = loadConfig({ ...process.env, TRUST_PROXY: 'true', ...env });
  installQueueBackend(config);
  const app = await createApp(config, { inProcessWorker });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    config,
    db: app.get(DataSource),
    client: (bearer) => new WebClient(url, bearer),
    close: () => app.close(),
  };
}

export async function signIn(client: WebClient, email: string, password: string): Promise<WebResponse> {
  await client.get('/login');
  return client.postForm('/login', { email, password });
}

/** A new account with these roles, signed in with a client of its own. */
export async function person(t: TestApp, roles: Parameters<typeof createUser>[1], name = 'Test Person') {
  const { user, email } = await createUser(t.db, roles, name);
  const client = t.client();
  await signIn(client, email, TEST_PASSWORD);
  return { client, userId: user.id, email, name };
}

export interface BrowserSuite {
  app: TestApp;
  browser: Browser;
}

/**
 * Starts the api and Chromium for the tests of one describe block, and stops both after them. With
 * `ownDatabase`, the api runs on a scratch database of that name, for tests that read lists other
 * suites running beside them would change (such as the newest accounts).
 */
export function useBrowserSuite(ownDatabase?: string): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.app = await startTestApp(ownDatabase ? { DATABASE_URL: await createScratchDatabase(ownDatabase) } : {});
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/**
 * No sideways scrolling: the page is no wider than the window it was opened in. Measured against
 * the width the test set, not `window.innerWidth`: in a mobile context Chromium widens the layout
 * viewport to fit whatever overflows, so the page and `innerWidth` always agree there.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = page.viewportSize()?.width;
  if (!width) throw new Error('The page was opened without a set width.');
  // A string, so that the test's TypeScript (no DOM library) does not type the page's code.
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

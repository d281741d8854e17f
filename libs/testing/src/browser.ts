import type { Browser, Page } from 'playwright-core';
import { testAddress } from './web-client.js';

// Playwright and axe load when a test first asks for them: most suites that import this library
// never open a browser, and loading both cost each of them about 0.3 s.

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with the flags this machine's closed network needs. Each context
 * (each person a test signs in) comes from an address of its own, as a WebClient does: suites
 * running side by side all signed in from 127.0.0.1, and together passed its limit of 30 a minute.
 */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) =>
    newContext({ ...options, extraHTTPHeaders: { 'x-forwarded-for': testAddress(), ...options.extraHTTPHeaders } });
  return browser;
}

/**
 * WCAG 2.1 A and AA violations on the page as it is now, summarised for a readable failure. Legacy
 * mode runs axe once in the page: the default injects it again into every frame and finishes in a
 * new blank page, which took a fifth of the browser suites' time. It tests same-origin frames only,
 * and Karvan's pages have no frames.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

import type { Browser, Page } from 'playwright-core';

// Playwright and axe load when a test first asks for them: most suites that import this library
// never open a browser, and loading both cost each of them about 0.3 s.

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
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

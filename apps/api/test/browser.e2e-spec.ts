import { jest } from '@jest/globals';
import { accessibilityViolations } from '@karvan/testing';
import { expectAccessible, useBrowserSuite } from './test-app.js';

// A browser walk-through is long: it gets more time than one request-level test.
jest.setTimeout(180_000);

describe('in a real browser', () => {
  const suite = useBrowserSuite();

  it('registers, signs out, signs in, switches to Azerbaijani and signs out, with no WCAG A/AA violations', async () => {
    const context = await suite.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const email = `browser-${Date.now()}@karvan.test`;

    await page.goto(`${suite.app.url}/register`);
    await expectAccessible(page);
    await page.getByLabel('Full name').fill('Leyla Hüseynova');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Organisation').fill('State Border Service');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${suite.app.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome, Leyla Hüseynova');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${suite.app.url}/`);
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.waitForURL(/\/login/);
    await expectAccessible(page);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('a wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('not right');
    await expectAccessible(page);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.app.url}/`);

    await page.getByRole('button', { name: 'Azərbaycanca' }).click();
    await page.waitForURL(`${suite.app.url}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('az');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Xoş gəlmisiniz, Leyla Hüseynova');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Profil' }).click();
    await page.waitForURL(`${suite.app.url}/profile`);
    expect(await page.getByRole('heading', { level: 2, name: 'Şəxsi məlumatlar' }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Çıxış' }).click();
    await page.waitForURL(`${suite.app.url}/`);
    expect(await page.getByRole('link', { name: 'Daxil ol' }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await context.close();
  });

  it('has a WCAG check that finds violations on a served page', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.app.url}/login`);
    // Two violations made in the page as served, under its security policy: an image with no text
    // alternative and a field whose label is gone.
    await page.evaluate(`(() => {
      document.querySelector('main').append(Object.assign(document.createElement('img'), { src: '/favicon.ico' }));
      for (const label of document.querySelectorAll('label')) label.remove();
    })()`);
    const found = (await accessibilityViolations(page)).map((v) => v.split(':')[0]);
    expect(found).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await page.close();
  });
});

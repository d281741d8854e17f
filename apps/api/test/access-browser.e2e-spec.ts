import { jest } from '@jest/globals';
import { TEST_PASSWORD, createUser } from '@karvan/testing';
import { certificateCourse } from './certificate-helpers.js';
import { expectAccessible, useBrowserSuite } from './test-app.js';

jest.setTimeout(180_000);

describe('the access pages in a real browser', () => {
  const suite = useBrowserSuite();

  it('lets an admin add an organisation, put a course under it and give a manager role, with no WCAG A/AA violations', async () => {
    const admin = await createUser(suite.app.db, ['trainee', 'admin'], 'Browser Admin');
    const manager = await createUser(suite.app.db, ['trainee'], 'Nigar Quliyeva');
    const slug = await certificateCourse(suite.app, 'Labour migration law');
    const context = await suite.browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${suite.app.url}/login`);
    await page.getByLabel('E-mail address').fill(admin.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${suite.app.url}/`);

    // On a phone the navigation waits behind the header's menu button.
    await page.getByText('Menu', { exact: true }).click();
    await page.getByRole('link', { name: 'Access' }).click();
    await page.waitForURL(`${suite.app.url}/admin/access`);
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Ministry of Labour');
    await page.getByLabel('Short address').fill(`labour-${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Add the organisation' }).click();
    await page.waitForURL(/\/admin\/access\/organisation\//);
    await expectAccessible(page);

    await page.getByLabel('Course').selectOption(slug);
    await page.getByRole('button', { name: 'Put under this organisation' }).first().click();
    await page.waitForURL(/notice=attached/);
    await page.getByLabel('E-mail address').fill(manager.email);
    await page.getByLabel('Role').selectOption('organisation_manager');
    await page.getByRole('button', { name: 'Give the role' }).click();
    await page.waitForURL(/\/admin\/access\/organisation\/[0-9a-f-]+$/);
    expect(await page.getByRole('row', { name: /Nigar Quliyeva/ }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('link', { name: /Nigar Quliyeva/ }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]+\/access$/);
    expect(await page.getByText('Organisation manager').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.goto(`${suite.app.url}/admin/access/audit`);
    expect(await page.getByRole('row', { name: /Role given .* Organisation manager/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await context.close();
  });
});

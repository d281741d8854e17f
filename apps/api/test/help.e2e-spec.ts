import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, TEST_PASSWORD } from '@karvan/testing';
import { readHelpDocument } from '../src/help/help-documents.js';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const FALLBACK_AZ = 'Bu bələdçi hələ sizin dilinizə tərcümə olunmayıb';

describe('the authoring guide at /help/authoring', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves docs/authoring.md as a page to anyone, without the examples’ test markers', async () => {
    const page = await t.client().get('/help/authoring', { 'accept-language': 'en' });
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<h1[^>]*>Writing courses for Karvan<\/h1>/);
    expect(page.text).toMatch(/<h2[^>]*>Every message, and what to do<\/h2>/);
    expect(page.text).not.toContain('example 01-border-basics.md');
    expect(page.text).not.toContain('class="notice" role="note"');
  });

  it('falls back to English for an Azerbaijani reader and says so', async () => {
    const client = t.client();
    const page = await client.get('/help/authoring', { 'accept-language': 'az' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="az">');
    expect(page.text).toContain(FALLBACK_AZ);
    expect(page.text).toContain('<article class="module-text help-guide" lang="en">');
    expect(page.text).toMatch(/<h1[^>]*>Writing courses for Karvan<\/h1>/);
  });

  it('is linked from the module editor and the course authoring page', async () => {
    const author = await createUser(t.db, ['trainer'], 'Guide Reader');
    const trainer = t.client();
    await signIn(trainer, author.email, TEST_PASSWORD);
    const slug = `guide-${Date.now().toString(36)}`;
    const created = await trainer.postForm('/authoring/courses', {
      title: 'Border checks',
      slug,
      summary: 'A course to find the guide from.',
      language: 'en',
      enrolmentMode: 'open',
    });
    expect(created.status).toBe(303);
    const coursePage = await trainer.get(`/authoring/courses/${slug}`);
    expect(coursePage.text).toContain('<a href="/help/authoring">Authoring guide');
    const added = await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Checks', slug: 'checks' });
    const editor = await trainer.get(added.location!);
    expect(editor.status).toBe(200);
    expect(editor.text).toContain('<a href="/help/authoring">Authoring guide');
  });
});

describe('choosing the guide’s language', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'karvan-help-'));
    await writeFile(join(dir, 'guide.md'), '# In English\n');
    await writeFile(join(dir, 'guide.ru.md'), '# По-русски\n\n<script>alert(1)</script>\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('picks guide.<locale>.md when it exists, with untrusted HTML shown as text', async () => {
    const document = await readHelpDocument('guide', 'ru', dir);
    expect(document).toMatchObject({ language: 'ru', fallback: false });
    expect(document.html).toContain('По-русски');
    expect(document.html).not.toContain('<script>');
  });

  it('falls back to the English file when there is no translation', async () => {
    const document = await readHelpDocument('guide', 'az', dir);
    expect(document).toMatchObject({ language: 'en', fallback: true });
    expect(document.html).toContain('In English');
  });
});

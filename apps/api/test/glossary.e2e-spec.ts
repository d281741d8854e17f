import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { syncGlossaryFixture, type GlossaryFixture } from './glossary-fixture.js';
import { signIn, startTestApp, type TestApp } from './test-app.js';

interface ApiTerm {
  id: string;
  term: string;
  definition: string;
  letter: string;
  otherNames: Array<{ language: string; term: string }>;
  modules: Array<{ courseSlug: string; moduleTitle: string; href: string }>;
  see: Array<{ id: string; href: string }>;
}
interface ApiGlossary {
  language: string;
  total: number;
  letters: Array<{ letter: string; used: boolean }>;
  terms: ApiTerm[];
}

describe('the glossary', () => {
  let t: TestApp;
  let fixture: GlossaryFixture;

  beforeAll(async () => {
    t = await startTestApp();
    fixture = await syncGlossaryFixture(t);
  });
  afterAll(() => t.close());

  async function api(query: string): Promise<ApiGlossary> {
    const response = await t.client().get(`/api/v1/glossary${query}`);
    expect(response.status).toBe(200);
    return response.json<ApiGlossary>();
  }

  describe('GET /api/v1/glossary', () => {
    it('lists every term in the language asked for, in its alphabet, with the other names', async () => {
      const az = await api('?lang=az');
      expect(az.language).toBe('az');
      expect(az.total).toBeGreaterThanOrEqual(74);
      expect(az.terms).toHaveLength(az.total);
      const refugee = az.terms.find((term) => term.id === 'refugee')!;
      expect(refugee).toMatchObject({ term: 'qaçqın', letter: 'Q' });
      expect(refugee.otherNames).toEqual([
        { language: 'en', term: 'refugee' },
        { language: 'ru', term: 'беженец' },
      ]);
      const letters = az.terms.map((term) => term.letter);
      const alphabet = az.letters.map((l) => l.letter);
      expect(letters.map((l) => alphabet.indexOf(l))).toEqual(
        [...letters.map((l) => alphabet.indexOf(l))].sort((a, b) => a - b),
      );
      expect(az.letters.find((l) => l.letter === 'Ğ')).toEqual({ letter: 'Ğ', used: false });
      expect(az.letters.find((l) => l.letter === 'Ə')?.used).toBe(true);
    });

    it('finds Azerbaijani terms typed without their letters, and Russian ones', async () => {
      const az = await api(`?lang=az&q=${encodeURIComponent('yasama icaze')}`);
      expect(az.terms.map((term) => term.id).sort()).toEqual([
        'permanent-residence-permit',
        'temporary-residence-permit',
      ]);
      const ru = await api(`?lang=ru&q=${encodeURIComponent('РАЗРЕШЕНИЕ НА')}`);
      expect(ru.terms.map((term) => term.term)).toEqual(
        ['разрешение на постоянное проживание', 'разрешение на работу', 'разрешение на временное проживание'].sort(
          (a, b) => (a < b ? -1 : 1),
        ),
      );
      const english = await api(`?lang=ru&q=${encodeURIComponent('work permit')}`);
      expect(english.terms.map((term) => term.id)).toEqual(['work-permit']);
    });

    it('names the published modules that link a term, in the reader’s language', async () => {
      const az = await api('?lang=az&q=is%20icazesi');
      expect(az.terms[0].modules).toContainEqual(
        expect.objectContaining({
          courseSlug: fixture.courseSlug,
          moduleTitle: 'İcazələr və vizalar',
          href: `/courses/${fixture.courseSlug}/modules/${fixture.moduleSlug}`,
        }),
      );
      const en = await api('?lang=en&q=visa');
      expect(en.terms.find((term) => term.id === 'visa')!.modules).toContainEqual(
        expect.objectContaining({ courseSlug: fixture.courseSlug, moduleTitle: 'Permits and visas' }),
      );
    });

    it('answers 400 to an unknown language or an overlong query', async () => {
      expect((await t.client().get('/api/v1/glossary?lang=de')).status).toBe(400);
      expect((await t.client().get(`/api/v1/glossary?q=${'a'.repeat(101)}`)).status).toBe(400);
    });
  });

  describe('the /glossary page', () => {
    it('shows the entries in the language asked for, with an A–Z index and a language switch', async () => {
      const page = await t.client().get('/glossary?lang=az', { 'accept-language': 'en' });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>Glossary of migration terms — Karvan</title>');
      expect(page.text).toMatch(/<a href="#letter-\d+">Ə<\/a>/);
      expect(page.text).toContain('<span aria-hidden="true">Ğ</span>');
      expect(page.text).toContain('<div class="glossary-entry" id="term-refugee">');
      expect(page.text).toContain('<dfn>qaçqın</dfn>');
      expect(page.text).toContain('<span lang="ru">беженец</span>');
      expect(page.text).toContain('href="/glossary?lang&#x3D;ru" lang="ru"');
      expect(page.text).toContain(`href="/courses/${fixture.courseSlug}/modules/${fixture.moduleSlug}"`);
    });

    it('searches without JavaScript, in the reader’s interface language', async () => {
      const client = t.client();
      await client.postForm('/language', { locale: 'ru', next: '/glossary' });
      const page = await client.get(`/glossary?q=${encodeURIComponent('бежен')}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>Глоссарий миграционных терминов — Karvan</title>');
      expect(page.text).toContain('<dfn>беженец</dfn>');
      expect(page.text).not.toContain('<dfn>виза</dfn>');
      expect(page.text).toContain('<input type="hidden" name="lang" value="ru">');
      const none = await client.get(`/glossary?q=${encodeURIComponent('zzzz')}`);
      expect(none.text).toContain('терминов не найдено');
    });

    it('is linked from every page', async () => {
      const home = await t.client().get('/', { 'accept-language': 'en' });
      expect(home.text).toContain('<a href="/glossary">Glossary of migration terms</a>');
    });
  });

  describe('a module page', () => {
    let trainee: WebClient;

    beforeAll(async () => {
      const { email } = await createUser(t.db, ['trainee']);
      trainee = t.client();
      await signIn(trainee, email, TEST_PASSWORD);
      const enrolled = await trainee.postForm(`/courses/${fixture.courseSlug}/enrol`, {});
      expect(enrolled.status).toBe(303);
    });

    async function modulePage(locale: string): Promise<string> {
      await trainee.postForm('/language', { locale, next: '/' });
      const page = await trainee.get(`/courses/${fixture.courseSlug}/modules/${fixture.moduleSlug}`);
      expect(page.status).toBe(200);
      return page.text;
    }

    it('links each term to its entry and lists the terms with their definitions in the module’s language', async () => {
      const az = await modulePage('az');
      expect(az).toMatch(
        /<a href="\/glossary\?lang=az#term-work-permit" class="glossary-link" data-term="work-permit" title="[^"]*işəgötürən[^"]*">iş icazəsi<\/a>/,
      );
      expect(az).toContain('<h2 id="terms-heading" lang="az">Bu moduldakı terminlər</h2>');
      expect(az).toContain('<dt><a href="/glossary?lang=az#term-work-permit">iş icazəsi</a></dt>');
      expect(az).toContain(
        '<dt><a href="/glossary?lang=az#term-temporary-residence-permit">müvəqqəti yaşama icazəsi</a></dt>',
      );
      expect(az).not.toContain('#term-visa');

      const ru = await modulePage('ru');
      expect(ru).toContain('<dt><a href="/glossary?lang=ru#term-visa">виза</a></dt>');
      expect(ru).toMatch(/<dd>Разрешение государства, позволяющее иностранцу въехать/);

      const en = await modulePage('en');
      expect(en).toContain('<h2 id="terms-heading" lang="en">Terms in this module</h2>');
      expect(en.match(/<dt>/g)).toHaveLength(3);
    });
  });

  describe('the module editor', () => {
    it('checks glossary links against the stored glossary when saving', async () => {
      const author = await createUser(t.db, ['trainer'], 'Glossary Author');
      const trainer = t.client();
      await signIn(trainer, author.email, TEST_PASSWORD);
      const slug = `glossary-editor-${Date.now().toString(36)}`;
      await trainer.postForm('/authoring/courses', {
        title: 'Glossary editing',
        slug,
        summary: 'Editing a module that links terms.',
        language: 'az',
        enrolmentMode: 'open',
      });
      await trainer.postForm(`/authoring/courses/${slug}/modules`, { title: 'Icazələr', slug: 'permits' });
      const text = (id: string) =>
        `---\ntitle: İcazələr\nsummary: İş icazəsi.\nobjectives:\n  - İzah edin.\nduration: 5\n---\n\n` +
        `Əcnəbiyə [iş icazəsi](glossary:${id}) lazımdır.\n`;
      const address = `/api/v1/authoring/courses/${slug}/modules/permits`;

      const refused = await trainer.json('PUT', address, { markdown: text('work-permits') });
      expect(refused.status).toBe(422);
      const body = refused.json<{ error: { details: Array<{ line: number; column: number; message: string }> } }>();
      expect(body.error.details).toEqual([
        expect.objectContaining({
          line: 9,
          column: 23,
          message: 'broken glossary link: no term "work-permits" in the glossary',
        }),
      ]);

      const saved = await trainer.json('PUT', address, { markdown: text('work-permit') });
      expect(saved.status).toBe(200);
      const preview = await trainer.json('POST', `${address}/preview`, { markdown: text('work-permit') });
      expect(preview.json<{ html: string }>().html).toContain(
        '<a href="/glossary?lang=az#term-work-permit" class="glossary-link" data-term="work-permit"',
      );

      // The editor keeps the glossary in memory across saves, until the glossary itself changes.
      const term = { en: 'Work permits', az: 'İş icazələri', ru: 'Разрешения на работу' };
      await t.db.query(
        `INSERT INTO glossary_terms (id, term, definition, source) VALUES ('work-permits', $1, $1, 'Test fixture.')`,
        [JSON.stringify(term)],
      );
      try {
        expect((await trainer.json('PUT', address, { markdown: text('work-permits') })).status).toBe(200);
      } finally {
        await t.db.query(`DELETE FROM glossary_terms WHERE id = 'work-permits'`);
      }
      expect((await trainer.json('PUT', address, { markdown: `${text('work-permits')}\nAgain.\n` })).status).toBe(422);
    });
  });
});

import { createUser, TEST_PASSWORD, zipOf } from '@karvan/testing';
import { signIn, startTestApp, type TestApp } from './test-app.js';

const NUL = '\u0000';

interface ErrorJson {
  error: { status: number; code: string; message: string; params: { field: string; codePoint: string } };
}

describe('input hygiene', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function signedIn(roles: Array<'trainee' | 'trainer' | 'admin'>, name = 'Hygiene User') {
    const { user, email } = await createUser(t.db, roles, name);
    const client = t.client();
    await signIn(client, email, TEST_PASSWORD);
    return { client, userId: user.id };
  }

  describe('redirect targets', () => {
    const HOSTILE = [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\nSet-Cookie: stolen=1',
      '/\\evil.example',
      '//evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      `/${'a'.repeat(3000)}`,
    ];

    it('never sends a signed-in user to another site after login', async () => {
      const { email } = await createUser(t.db);
      for (const next of HOSTILE) {
        const client = t.client();
        const res = await client.postForm('/login', { email, password: TEST_PASSWORD, next });
        expect(res.status).toBe(303);
        expect(res.location).toBe('/');
      }
    });

    it('never puts another site into the login form’s next field', async () => {
      const page = await t.client().get(`/login?next=${encodeURIComponent('/\t/evil.example')}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('name="next" value="/"');
      expect(page.text).not.toContain('evil.example');
    });

    it('never sends the language switch to another site', async () => {
      for (const next of HOSTILE) {
        const res = await t.client().postForm('/language', { locale: 'az', next });
        expect(res.status).toBe(303);
        expect(res.location).toBe('/');
      }
      const local = await t.client().postForm('/language', { locale: 'az', next: '/courses?language=az' });
      expect(local.location).toBe('/courses?language=az');
    });
  });

  describe('control characters', () => {
    it('refuses a NUL byte in a profile name with a 400 naming the field, changing nothing', async () => {
      const { client, userId } = await signedIn(['trainee'], 'Unchanged Name');
      const page = await client.postForm('/profile', { name: `Evil${NUL}Name`, locale: 'en' });
      expect(page.status).toBe(400);
      expect(page.text).toContain('The field &quot;name&quot; contains a control character (U+0000)');
      const api = await client.json('PATCH', '/api/v1/me', { name: `Evil${NUL}Name`, locale: 'en' });
      expect(api.status).toBe(400);
      expect(api.json<ErrorJson>().error).toMatchObject({
        code: 'control_character',
        params: { field: 'name', codePoint: 'U+0000' },
      });
      expect(api.json<ErrorJson>().error.message).toContain('"name"');
      const [row] = await t.db.query<Array<{ name: string }>>('SELECT name FROM users WHERE id = $1', [userId]);
      expect(row.name).toBe('Unchanged Name');
    });

    it('refuses a NUL byte in an access token’s name, creating no token', async () => {
      const { client, userId } = await signedIn(['trainee']);
      const page = await client.postForm('/profile/tokens', { name: `script${NUL}` });
      expect(page.status).toBe(400);
      expect(page.text).toContain('&quot;name&quot;');
      const api = await client.json('POST', '/api/v1/me/tokens', { name: `script${NUL}` });
      expect(api.status).toBe(400);
      expect(api.json<ErrorJson>().error.params.field).toBe('name');
      const tokens = await t.db.query('SELECT id FROM api_tokens WHERE user_id = $1', [userId]);
      expect(tokens).toHaveLength(0);
    });

    it('refuses a NUL byte in module source, in the editor and the authoring API, saving no revision', async () => {
      const { client } = await signedIn(['trainer']);
      const slug = `hygiene-${Date.now().toString(36)}`;
      await client.postForm('/authoring/courses', {
        title: 'Hygiene course',
        slug,
        summary: 'x',
        language: 'en',
        enrolmentMode: 'open',
      });
      await client.postForm(`/authoring/courses/${slug}/modules`, { title: 'One', slug: 'one' });
      const revisions = () =>
        t.db.query(
          `SELECT r.id FROM module_revisions r JOIN modules m ON m.id = r.module_id
           JOIN courses c ON c.id = m.course_id WHERE c.slug = $1`,
          [slug],
        );
      const before = (await revisions()).length;
      const { markdown } = (await client.json('GET', `/api/v1/authoring/courses/${slug}/modules/one`)).json<{
        markdown: string;
      }>();
      const hostile = `${markdown}\nA line with a NUL${NUL} byte.\n`;

      const page = await client.postForm(`/authoring/courses/${slug}/modules/one/edit`, {
        markdown: hostile,
        action: 'save',
      });
      expect(page.status).toBe(400);
      expect(page.text).toContain('&quot;markdown&quot;');
      const api = await client.json('PUT', `/api/v1/authoring/courses/${slug}/modules/one`, { markdown: hostile });
      expect(api.status).toBe(400);
      expect(api.json<ErrorJson>().error.params.field).toBe('markdown');
      expect(await revisions()).toHaveLength(before);
    });

    it('refuses a course archive whose module holds a NUL byte, naming the file and importing nothing', async () => {
      const { client } = await signedIn(['trainer']);
      const slug = `nul-archive-${Date.now().toString(36)}`;
      const zip = await zipOf({
        [`${slug}/course.md`]: `---\ntitle: NUL course\nlanguage: en\n---\nA course.\n`,
        [`${slug}/01-one.md`]: `---\ntitle: One\n---\nText with a NUL${NUL} byte.\n`,
      });
      const api = await client.postFile('/api/v1/authoring/import', 'file', 'course.zip', 'application/zip', zip);
      expect(api.status).toBe(400);
      const error = api.json<ErrorJson>().error;
      expect(error.code).toBe('archive_control_character');
      expect(error.message).toContain(`${slug}/01-one.md`);
      const page = await client.postFile('/authoring/import', 'file', 'course.zip', 'application/zip', zip);
      expect(page.status).toBe(400);
      expect(page.text).toContain(`${slug}/01-one.md`);
      expect(await t.db.query('SELECT id FROM courses WHERE slug = $1', [slug])).toHaveLength(0);
    });

    it('refuses a control character in an upload’s file name, naming the field', async () => {
      const { client } = await signedIn(['trainer']);
      const res = await client.postFile(
        '/api/v1/authoring/import',
        'file',
        `a${'\u0001'}.zip`,
        'application/zip',
        Buffer.from('x'),
      );
      expect(res.status).toBe(400);
      expect(res.json<ErrorJson>().error.params).toEqual({ field: 'file', codePoint: 'U+0001' });
    });

    it('refuses a NUL byte in a search query, on the page and in the API', async () => {
      const { client } = await signedIn(['admin']);
      const page = await client.get('/admin/users?q=a%00b');
      expect(page.status).toBe(400);
      expect(page.text).toContain('&quot;q&quot;');
      const api = await client.json('GET', '/api/v1/admin/users?q=a%00b');
      expect(api.status).toBe(400);
      expect(api.json<ErrorJson>().error.params.field).toBe('q');
    });

    it('refuses a control character in a URL parameter', async () => {
      const res = await t.client().get('/courses/a%01b');
      expect(res.status).toBe(400);
      expect(res.text).toContain('&quot;course&quot; contains a control character (U+0001)');
    });

    it('tells the reader in their language', async () => {
      const { client } = await signedIn(['trainee']);
      client.cookies.set('karvan_lang', 'ru');
      const page = await client.postForm('/profile', { name: `x${NUL}`, locale: 'ru' });
      expect(page.status).toBe(400);
      expect(page.text).toContain('Поле «name» содержит управляющий символ (U+0000)');
    });

    it('keeps tabs and newlines in multi-line text', async () => {
      const { client } = await signedIn(['trainee']);
      const res = await client.json('PATCH', '/api/v1/me', {
        name: 'Tab\tName',
        organisation: 'Line\nTwo',
        locale: 'en',
      });
      expect(res.status).toBe(200);
    });

    it('answers odd characters in a body with no 500', async () => {
      const { client } = await signedIn(['trainee']);
      const surrogate = await client.request('PATCH', '/api/v1/me', '{"name":"a\\ud800b","locale":"en"}', {
        'content-type': 'application/json',
        'x-csrf-token': client.csrfToken ?? '',
      });
      expect(surrogate.status).toBeLessThan(500);
      for (const raw of ['name=%ED%A0%80&locale=en', 'name=%C0%AE&locale=en', 'name=%&locale=en']) {
        const res = await client.request('POST', '/profile', `_csrf=${client.csrfToken}&${raw}`, {
          'content-type': 'application/x-www-form-urlencoded',
        });
        expect(res.status).toBeLessThan(500);
      }
    });

    it('answers odd bytes in a query with no 500', async () => {
      const { client } = await signedIn(['admin']);
      for (const query of ['q=%ED%A0%80', 'q=%C0%AE%C0%AE', 'q=%FF', 'q=%', `q=${'x'.repeat(10_000)}`]) {
        for (const path of ['/admin/users', '/courses', '/api/v1/admin/users']) {
          const res = await client.get(`${path}?${query}`);
          expect([res.status, path, query.slice(0, 20)]).toEqual([expect.any(Number), path, query.slice(0, 20)]);
          expect(res.status).toBeLessThan(500);
        }
      }
    });
  });
});

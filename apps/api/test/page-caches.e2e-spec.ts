import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createUser, TEST_PASSWORD, WebClient } from '@karvan/testing';
import { authorCourse, moduleMarkdown as MODULE } from './course-fixture.js';
import { signIn, startTestApp, type TestApp } from './test-app.js';

/**
 * Pages keep shared content in memory (the course text, the catalogue, the glossary), so these
 * tests read through two api instances on one database, as two replicas would: what one shows
 * must never be another person's, and a change made through one shows on the other at once.
 */
describe('page caches and compression', () => {
  let a: TestApp;
  let b: TestApp;
  let author: WebClient;
  const stamp = Date.now().toString(36);

  async function person(app: TestApp, roles: Array<'trainee' | 'trainer' | 'admin'> = ['trainee']) {
    const { email, user } = await createUser(app.db, roles, `Reader ${roles.join(' ')}`);
    const client = app.client();
    await signIn(client, email, TEST_PASSWORD);
    return { client, email, id: user.id };
  }

  /** The same person's session, used through the other replica. */
  function on(app: TestApp, client: WebClient): WebClient {
    const copy = app.client();
    for (const [name, value] of client.cookies) copy.cookies.set(name, value);
    return copy;
  }

  async function course(publish: boolean): Promise<string> {
    const slug = `cache-${stamp}-${Math.random().toString(36).slice(2, 7)}`;
    await authorCourse(author, slug, { title: `Cache course ${slug}`, publish });
    return slug;
  }

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp();
    author = (await person(a, ['trainee', 'trainer'])).client;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('never shows one reader the language or progress of another, read interleaved on both replicas', async () => {
    const slug = await course(true);
    const path = `/courses/${slug}/modules/one`;
    const azeri = await person(a);
    const russian = await person(b);
    azeri.client.cookies.set('karvan_lang', 'az');
    russian.client.cookies.set('karvan_lang', 'ru');
    for (const reader of [azeri, russian]) await reader.client.postForm(`/courses/${slug}/enrol`, {});
    await azeri.client.postForm(`${path}/read`, {});
    const readers = [
      { client: azeri.client, lang: 'az', read: '1' },
      { client: on(a, russian.client), lang: 'ru', read: '0' },
      { client: on(b, azeri.client), lang: 'az', read: '1' },
      { client: russian.client, lang: 'ru', read: '0' },
    ];
    for (let round = 0; round < 3; round++) {
      for (const reader of readers) {
        const page = await reader.client.get(path);
        expect(page.status).toBe(200);
        expect(page.text).toContain(`<html lang="${reader.lang}">`);
        expect(page.text).toContain(`value="${reader.read}"`);
      }
    }
  });

  it('shows a publish, a new revision, an enrolment and a grant on the very next request of the other replica', async () => {
    const slug = await course(false);
    const viewer = await person(b);
    // A visitor who is not signed in gets pages rendered once for the data they show.
    const visitor = b.client();
    for (const client of [viewer.client, visitor]) {
      expect((await client.get(`/courses/${slug}`)).status).toBe(404);
      expect(await reader(client, '/courses')).not.toContain(`/courses/${slug}"`);
    }

    await author.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
    for (const client of [viewer.client, visitor]) {
      expect((await client.get(`/courses/${slug}`)).status).toBe(200);
      expect(await reader(client, '/courses')).toContain(`/courses/${slug}"`);
    }
    expect(await reader(visitor, `/courses/${slug}`)).toContain('Module one');
    // The catalogue's list is kept rendered per language filter: each shows its own.
    expect(await reader(viewer.client, '/courses?language=en')).toContain(`/courses/${slug}"`);
    expect(await reader(viewer.client, '/courses?language=ru')).not.toContain(`/courses/${slug}"`);

    const before = await viewer.client.get(`/courses/${slug}/modules/one`);
    expect(before.status).toBe(403);
    await on(a, viewer.client).postForm(`/courses/${slug}/enrol`, {});
    const after = await viewer.client.get(`/courses/${slug}/modules/one`);
    expect(after.status).toBe(200);
    expect(after.text).toContain('First words of one.');

    await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/one`, {
      markdown: MODULE('Module one', 'Second words, revised.'),
    });
    expect(await reader(viewer.client, `/courses/${slug}/modules/one`)).toContain('Second words, revised.');
    await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/one`, {
      markdown: MODULE('Module one renamed', 'Third words.'),
    });
    expect(await reader(visitor, `/courses/${slug}`)).toContain('Module one renamed');

    // A grant made on one replica lets the person edit through the other at once; its removal stops it.
    const admin = await person(a, ['trainee', 'admin']);
    const trainer = await person(b, ['trainee', 'trainer']);
    const [{ id }] = await a.db.query<Array<{ id: string }>>('SELECT id FROM courses WHERE slug = $1', [slug]);
    expect([403, 404]).toContain((await trainer.client.get(`/api/v1/authoring/courses/${slug}`)).status);
    const granted = await admin.client.json('POST', `/api/v1/admin/access/course/${id}/grants`, {
      email: trainer.email,
      role: 'course_author',
    });
    expect(granted.status).toBeLessThan(300);
    expect((await trainer.client.get(`/api/v1/authoring/courses/${slug}`)).status).toBe(200);
    const revoked = await admin.client.json('POST', `/api/v1/admin/access/course/${id}/grants/revoke`, {
      userId: trainer.id,
      role: 'course_author',
    });
    expect(revoked.status).toBeLessThan(300);
    expect([403, 404]).toContain((await trainer.client.get(`/api/v1/authoring/courses/${slug}`)).status);
  });

  it('ends a session, a token and an account on the other replica on its very next request', async () => {
    const me = await person(a);
    const elsewhere = on(b, me.client);
    expect((await elsewhere.json('GET', '/api/v1/me')).status).toBe(200);
    expect((await me.client.postForm('/logout', {})).status).toBe(303);
    expect((await elsewhere.json('GET', '/api/v1/me')).status).toBe(401);

    const owner = await person(a);
    const { id, token } = (await owner.client.json('POST', '/api/v1/me/tokens', { name: 'replica' })).json<{
      id: string;
      token: string;
    }>();
    expect((await b.client(token).json('GET', '/api/v1/me')).status).toBe(200);
    expect((await owner.client.json('DELETE', `/api/v1/me/tokens/${id}`)).status).toBe(204);
    expect((await b.client(token).json('GET', '/api/v1/me')).status).toBe(401);

    // A name changed through one replica is the name the other shows next.
    expect((await owner.client.json('PATCH', '/api/v1/me', { name: 'Aysel Replica', locale: 'az' })).status).toBe(200);
    expect((await on(b, owner.client).json('GET', '/api/v1/me')).json()).toMatchObject({
      name: 'Aysel Replica',
      locale: 'az',
    });
    await a.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [owner.id]);
    expect((await on(b, owner.client).json('GET', '/api/v1/me')).status).toBe(401);
  });

  it('shows a glossary definition changed on one replica in the module text and the glossary read through the other', async () => {
    // The module text is rendered once per text, language and content epoch: a glossary change
    // raises the epoch, so the next page renders it again.
    const id = `cache-term-${stamp}`;
    const words = (definition: string) => JSON.stringify({ en: definition, az: definition, ru: definition });
    await a.db.query(`INSERT INTO glossary_terms (id, term, definition, source) VALUES ($1, $2, $3, 'Test fixture.')`, [
      id,
      words('Cache term'),
      words('First definition.'),
    ]);
    try {
      const slug = await course(true);
      const saved = await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/one`, {
        markdown: MODULE('Module one', `A [cache term](glossary:${id}) in the text.`),
      });
      expect(saved.status).toBe(200);
      const reader = await person(a);
      await reader.client.postForm(`/courses/${slug}/enrol`, {});
      const path = `/courses/${slug}/modules/one`;
      expect((await reader.client.get(path)).text).toContain('<dd>First definition.</dd>');
      expect((await on(b, reader.client).get(path)).text).toContain('<dd>First definition.</dd>');
      // The glossary page, kept while the glossary and the content stand, for readers and visitors alike.
      const glossaryReaders = [reader.client, b.client()];
      for (const client of glossaryReaders) {
        const page = await client.get('/glossary');
        expect(page.text).toContain('First definition.');
        expect(page.text).toContain(`/courses/${slug}/modules/one`);
      }
      await b.db.query(`UPDATE glossary_terms SET definition = $2 WHERE id = $1`, [id, words('Second definition.')]);
      for (const client of [reader.client, on(b, reader.client)]) {
        const page = (await client.get(path)).text;
        expect(page).toContain('<dd>Second definition.</dd>');
        expect(page).toContain('title="Second definition."');
      }
      for (const client of glossaryReaders) {
        const page = (await client.get('/glossary')).text;
        expect(page).toContain('Second definition.');
        expect(page).not.toContain('First definition.');
      }
      // A new revision that no longer links the term takes the module off the term's list.
      await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/one`, {
        markdown: MODULE('Module one', 'No term here.'),
      });
      for (const client of glossaryReaders) {
        expect((await client.get('/glossary')).text).not.toContain(`/courses/${slug}/modules/one`);
      }
    } finally {
      await a.db.query(`DELETE FROM glossary_terms WHERE id = $1`, [id]);
    }
  });

  it('gives each visitor who is not signed in the home page and the forms with their own CSRF token, in their language', async () => {
    const tokensIn = (html: string) =>
      [...html.matchAll(/name=["']_csrf["'] value=["']([^"']*)["']/g)].map((m) => m[1]);
    const visitors = [a.client(), b.client(), a.client(), b.client()];
    visitors[2].cookies.set('karvan_lang', 'az');
    for (const path of ['/', '/login', '/register', '/forgot-password', '/verify', '/login', '/login?next=/courses']) {
      for (const visitor of visitors) {
        const page = await visitor.get(path);
        expect([path, page.status]).toEqual([path, 200]);
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const tokens = tokensIn(page.text);
        // The language switcher's form and, but for /verify, the page's own.
        expect(tokens.length).toBeGreaterThanOrEqual(['/', '/verify'].includes(path) ? 1 : 2);
        expect(new Set([...tokens, visitor.csrfToken])).toEqual(new Set([visitor.csrfToken]));
        expect(page.text).toContain(visitor === visitors[2] ? '<html lang="az">' : '<html lang="en">');
        expect(page.text.includes('<input type="hidden" name="next" value="/courses">')).toBe(path.includes('next'));
      }
    }
    expect(new Set(visitors.map((v) => v.csrfToken)).size).toBe(visitors.length);
    // The form rendered once signs in with the visitor's own token; a signed-in visitor gets their own page.
    const { email } = await createUser(a.db, ['trainee'], 'Form Reader');
    await signIn(visitors[1], email, TEST_PASSWORD);
    const signedIn = await visitors[1].get('/login');
    expect(signedIn.text).toContain('href="/profile"');
    expect((await visitors[1].get('/')).text).toContain('Form Reader');
    for (const path of ['/login', '/']) {
      const page = (await visitors[3].get(path)).text;
      expect(page).not.toContain('href="/profile"');
      expect(page).not.toContain('Form Reader');
    }
  });

  it('sends the same bytes compressed (br, gzip) as plain, and says so in Vary', async () => {
    const slug = await course(true);
    const me = await person(a);
    await me.client.postForm(`/courses/${slug}/enrol`, {});
    // A visitor who is not signed in (with the CSRF cookie of a first visit) gets pages kept as bytes.
    const visitor = a.client();
    await visitor.get('/login');
    const reads = [
      ...[`/courses/${slug}/modules/one`, '/courses', '/glossary', '/api/docs/json'].map((path) => ({
        client: me.client,
        path,
      })),
      { client: visitor, path: '/login' },
      { client: visitor, path: '/glossary' },
    ];
    for (const { client, path } of reads) {
      const { plain, br, gzip } = await unchangedWhileRead(client, path);
      expect([path, plain.status, plain.encoding]).toEqual([path, 200, null]);
      expect([br.encoding, gzip.encoding]).toEqual(['br', 'gzip']);
      expect(br.vary).toMatch(/accept-encoding/i);
      expect(plain.body.length).toBeGreaterThan(1024);
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    }
    // A browser taking both gets gzip put together from parts compressed once: a kept page for a
    // visitor, and a reader's own parts of the page around the kept text of the module or glossary.
    const browserReads = [
      { client: visitor, path: '/login' },
      { client: visitor, path: '/' },
      { client: me.client, path: `/courses/${slug}/modules/one` },
      { client: me.client, path: '/glossary' },
    ];
    for (const { client, path } of browserReads) {
      const both = await raw(client, path, 'gzip, deflate, br');
      const plain = await raw(client, path, 'identity');
      expect([path, both.encoding, both.vary]).toEqual([path, 'gzip', 'accept-encoding']);
      expect(gunzipSync(both.body).equals(plain.body)).toBe(true);
      expect(plain.body.toString()).toContain(`value="${client.csrfToken}"`);
    }
  });

  it('serves stylesheets under hashed names, cached as immutable, and refuses unknown files', async () => {
    const page = await a.client().get('/login');
    const href = /href="(\/static\/css\/karvan\.[0-9a-f]{12}\.css)"/.exec(page.text)?.[1];
    expect(href).toBeDefined();
    const css = await fetch(a.url + href!, { headers: { 'accept-encoding': 'br' } });
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('set-cookie')).toBeNull();
    const plain = await fetch(a.url + '/static/css/karvan.css');
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    expect(await css.text()).toBe(await plain.text());
    expect((await fetch(a.url + '/static/css/nothing.css')).status).toBe(404);
  });

  async function reader(client: WebClient, path: string): Promise<string> {
    const page = await client.get(path);
    expect(page.status).toBe(200);
    return page.text;
  }

  /** The undecoded body, as a browser would receive it (fetch would decode it). */
  /**
   * The plain, br and gzip responses of one path, read while its text stayed the same. Other test
   * files share this run's database, so the catalogue and the glossary can gain a course or a term
   * between two reads; a plain read before and after shows whether they did, and then it reads again.
   */
  async function unchangedWhileRead(client: WebClient, path: string) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const plain = await raw(client, path, 'identity');
      const br = await raw(client, path, 'br');
      const gzip = await raw(client, path, 'gzip');
      const again = await raw(client, path, 'identity');
      if (again.body.equals(plain.body)) return { plain, br, gzip };
    }
    throw new Error(`${path} changed during each of five reads`);
  }

  async function raw(client: WebClient, path: string, encoding: string) {
    const { request } = await import('node:http');
    const url = new URL(client.baseUrl + path);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise<{ status: number; encoding: string | null; vary: string; body: Buffer }>((resolve, reject) => {
      const req = request(url, { headers: { cookie, 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers['content-encoding'] ?? null,
            vary: String(res.headers.vary ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }
});

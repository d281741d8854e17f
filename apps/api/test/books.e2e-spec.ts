import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BookBuilder, type Book } from '@karvan/domain';
import { createUser, TEST_PASSWORD, type WebClient } from '@karvan/testing';
import { signedIn, startCertificateApp, waitFor, type CertificateApp } from './certificate-helpers.js';
import { signIn, type TestApp } from './test-app.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

const MODULE = (extra = '') => `---
title: Reading a border
summary: What a border guard checks.
objectives:
  - Name the checks at a border crossing point.
duration: 20
sources:
  - Schengen Borders Code
---

## Checks

Every traveller meets a border guard.[^code] ${extra}

![A border post seen from the lanes](media/post.png)

[^code]: Regulation (EU) 2016/399.

::: quiz
1. Who checks travellers at the land border? {#who}
   - [ ] The State Migration Service
   - [x] The State Border Service
   > The State Border Service carries out border checks at every crossing point.
:::
`;

describe('course books: who gets which edition, built once in the worker', () => {
  let app: CertificateApp;
  let t: TestApp;
  let author: WebClient;
  let slug: string;

  beforeAll(async () => {
    app = await startCertificateApp('books');
    t = app.t;
    const { email } = await createUser(t.db, ['trainer'], 'Book Author');
    author = t.client();
    await signIn(author, email, TEST_PASSWORD);
    slug = `book-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const form = { title: 'Borders in print', slug, summary: 'S.', language: 'en', enrolmentMode: 'open' };
    expect((await author.postForm('/authoring/courses', form)).status).toBe(303);
    await author.postForm(`/authoring/courses/${slug}/modules`, { title: 'Reading a border', slug: 'border' });
    await author.postFile(`/authoring/courses/${slug}/media`, 'file', 'post.png', 'image/png', PNG);
    const saved = await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/border`, { markdown: MODULE() });
    expect(saved.status).toBe(200);
    await author.postForm(`/authoring/courses/${slug}/status`, { status: 'published' });
  });
  afterAll(() => app.close());

  const ask = (client: WebClient, edition: string, format = 'epub', language = 'az') =>
    client.json('POST', `/api/v1/courses/${slug}/books`, { language, edition, format });

  const ready = (client: WebClient, id: string) =>
    waitFor(`book ${id}`, async () => {
      const book = (await client.json('GET', `/api/v1/courses/${slug}/books/${id}`)).json<Book>();
      return book.status === 'ready' || book.status === 'failed' ? book : undefined;
    });

  it('builds the trainer edition for an author once, and serves the EPUB with its image', async () => {
    const asked = await ask(author, 'trainer');
    expect(asked.status).toBe(202);
    const book = await ready(author, asked.json<Book>().id);
    expect(book).toMatchObject({ status: 'ready', edition: 'trainer', language: 'az', builds: 1, progress: 100 });
    const file = await author.get(`/courses/${slug}/book/${book.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/epub+zip');
    expect(file.bytes.subarray(30, 58).toString('latin1')).toBe('mimetypeapplication/epub+zip');
    expect(file.bytes.includes(Buffer.from('OEBPS/media/post.png'))).toBe(true);

    // Asked again, the same book; the job run again builds nothing.
    expect((await ask(author, 'trainer')).json<Book>()).toMatchObject({ id: book.id, status: 'ready' });
    expect(await t.app.get(BookBuilder).build(book.id)).toBe('cached');
    expect((await ready(author, book.id)).builds).toBe(1);
  });

  it('gives an enrolled trainee the trainee edition and never the trainer edition', async () => {
    const trainee = await signedIn(t, 'trainee');
    expect((await ask(trainee, 'trainee')).status).toBe(403);
    expect((await trainee.get(`/courses/${slug}/book`)).status).toBe(403);
    expect((await trainee.postForm(`/courses/${slug}/enrol`, {})).status).toBe(303);
    expect((await trainee.get(`/courses/${slug}`)).text).toContain(`href="/courses/${slug}/book"`);
    expect((await ask(trainee, 'trainer')).status).toBe(403);
    const page = await trainee.get(`/courses/${slug}/book`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="trainee"');
    expect(page.text).not.toContain('value="trainer"');

    const sent = await trainee.postForm(`/courses/${slug}/book`, { language: 'ru', edition: 'trainee', format: 'pdf' });
    expect(sent.status).toBe(303);
    const id = sent.location!.split('/').pop()!;
    const book = await ready(trainee, id);
    expect(book).toMatchObject({ status: 'ready', format: 'pdf', edition: 'trainee' });
    const status = await trainee.get(`/courses/${slug}/book/${id}`);
    expect(status.text).not.toContain('http-equiv="refresh"');
    expect(status.text).toContain(`/courses/${slug}/book/${id}/file`);
    const pdf = await trainee.get(`/courses/${slug}/book/${id}/file`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The author's trainer edition is not the trainee's to download.
    const [trainerBook] = await t.db.query<Array<{ id: string }>>(
      `SELECT b.id FROM books b JOIN courses c ON c.id = b.course_id WHERE c.slug = $1 AND b.edition = 'trainer'`,
      [slug],
    );
    expect((await trainee.get(`/courses/${slug}/book/${trainerBook.id}/file`)).status).toBe(403);
  });

  it('shows the progress of a book being built on a page that refreshes itself', async () => {
    const [row] = await t.db.query<Array<{ id: string }>>(
      `INSERT INTO books (course_id, content_hash, language, edition, format, status, progress)
       SELECT id, 'an-older-revision', 'en', 'trainer', 'pdf', 'building', 40 FROM courses WHERE slug = $1 RETURNING id`,
      [slug],
    );
    const page = await author.get(`/courses/${slug}/book/${row.id}`);
    expect(page.text).toContain('<meta http-equiv="refresh" content="3">');
    expect(page.text).toContain('Building the book: 40% done.');
    expect(page.text).toContain('<progress max="100" value="40">');
  });

  it('builds a new book when the course changes', async () => {
    const before = (await ask(author, 'trainer')).json<Book>();
    await author.json('PUT', `/api/v1/authoring/courses/${slug}/modules/border`, { markdown: MODULE('More.') });
    const after = (await ask(author, 'trainer')).json<Book>();
    expect(after.id).not.toBe(before.id);
    expect(after.revision).not.toBe(before.revision);
    expect((await ready(author, after.id)).status).toBe('ready');
  });

  it('fails with the checker’s file:line message when an image is missing, storing nothing', async () => {
    await t.db.query(
      `DELETE FROM media WHERE path = 'media/post.png' AND course_id = (SELECT id FROM courses WHERE slug = $1)`,
      [slug],
    );
    const asked = (await ask(author, 'trainee', 'pdf', 'en')).json<Book>();
    const book = await ready(author, asked.id);
    expect(book.status).toBe('failed');
    expect(book.error).toMatch(/01-border\.md:\d+:\d+ error broken image: "media\/post\.png" does not exist/);
    expect(book.storageKey).toBeNull();
    const [{ course_id: courseId }] = await t.db.query<Array<{ course_id: string }>>(
      'SELECT course_id FROM books WHERE id = $1',
      [asked.id],
    );
    expect(existsSync(join(app.storage, 'books', courseId))).toBe(true);
    expect(existsSync(join(app.storage, 'books', courseId, `${asked.id}.pdf`))).toBe(false);
    const page = await author.get(`/courses/${slug}/book/${asked.id}`);
    expect(page.text).toContain('The book could not be built:');
    expect((await author.get(`/courses/${slug}/book/${asked.id}/file`)).status).toBe(409);
  });
});

import { gunzipSync } from 'node:zlib';
import { deepFreeze } from '@karvan/content';
import type { Principal } from '@karvan/domain';
import { renderPage } from './render.js';
import type { KarvanReply } from './request-context.js';

/** What the stand-in template shows of what it was given: the name, the navigation and the token. */
interface Rendered {
  text?: string;
  user?: { name: string };
  nav: Array<{ href: string }>;
  csrfToken: string;
  zone?: string;
}

/** A reply as Fastify hands it, for one GET of `url`; records what was rendered and sent. */
function replyFor(csrfToken: string, server: object, principal?: Principal, url = '/login', headers = {}) {
  const calls = { rendered: 0, sent: [] as Buffer[] };
  const reply = {
    server,
    status: () => reply,
    request: { karvan: { locale: 'en', csrfToken, principal }, url, method: 'GET', headers },
    statusCode: 200,
    type: () => reply,
    header: () => reply,
    viewAsync: (_template: string, data: Rendered) => {
      calls.rendered++;
      const links = data.nav.map((link) => link.href).join(' ');
      const who = data.user ? `<span>Signed in as ${data.user.name}</span>` : '';
      const form = `<form><input name="_csrf" value="${data.csrfToken}"></form>`;
      // As a layout does: the name and the token twice (the bar and the phone menu), a long text.
      const menu = `<nav>${links}</nav>${who}${form}<ul>${'<li><a href="/x">Link</a></li>'.repeat(20)}</ul>`;
      return Promise.resolve(`${menu}${menu}${data.text ?? 'x'.repeat(2_000)}${form}`);
    },
    send: (body: Buffer) => {
      calls.sent.push(body);
      return Promise.resolve(reply);
    },
  };
  return { reply: reply as unknown as KarvanReply, calls, page: () => calls.sent.at(-1)!.toString() };
}

function person(name: string, role = 'trainee', timeZone?: string): Principal {
  return {
    userId: name,
    email: `${name}@karvan.test`,
    name,
    locale: 'en',
    timeZone,
    via: 'session',
    grants: [{ role, scope: { kind: 'site' } }],
  } as unknown as Principal;
}

describe('pages kept for visitors who are not signed in', () => {
  it('renders a page once and gives each visitor their own token', async () => {
    const server = {};
    const first = replyFor('first-token', server);
    const second = replyFor('second-token', server);
    await renderPage(first.reply, 'pages/auth/login', { next: '/' });
    await renderPage(second.reply, 'pages/auth/login', { next: '/' });
    expect([first.calls.rendered, second.calls.rendered]).toEqual([1, 0]);
    expect(first.page()).toContain('value="first-token"');
    expect(second.page()).toContain('value="second-token"');
    expect(second.page()).not.toContain('first-token');
  });

  it('renders each time, without keeping, data that cannot be written as JSON whole', async () => {
    const server = {};
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const unnamable = [
      circular,
      { serial: 1n },
      { seen: new Map([['a', 1]]) },
      { item: new (class Item {})() },
      // Frozen, but a Map's entries can still change.
      { page: deepFreeze({ seen: new Map([['a', 1]]) }) },
    ];
    for (const data of unnamable) {
      const visits = [replyFor('first', server), replyFor('second', server)];
      for (const { reply } of visits) await renderPage(reply, 'pages/auth/login', data);
      // Each visit renders the page with its own token in it: nothing was kept.
      expect(visits.map(({ calls }) => calls.rendered)).toEqual([1, 1]);
      expect(visits[1].page()).toContain('value="second"');
    }
  });
});

describe('pages kept for signed-in people', () => {
  const modulePage = '/courses/c/modules/m';

  it('renders a page once for two people at the same place, each with their own name and token', async () => {
    const server = {};
    const aysel = replyFor('aysel-token', server, person('Aysel'), modulePage);
    const ivan = replyFor('ivan-token', server, person('Ivan <Petrov> & "Co"'), modulePage);
    const data = { page: { progress: { read: 2, total: 9 }, html: 'Text. '.repeat(1_000) } };
    await renderPage(aysel.reply, 'pages/learning/module', data);
    await renderPage(ivan.reply, 'pages/learning/module', structuredClone(data));
    expect([aysel.calls.rendered, ivan.calls.rendered]).toEqual([1, 0]);
    expect(aysel.page()).toContain('Signed in as Aysel</span>');
    expect(aysel.page()).toContain('value="aysel-token"');
    // Escaped as Handlebars escapes `{{user.name}}`.
    expect(ivan.page()).toContain('Signed in as Ivan &lt;Petrov&gt; &amp; &quot;Co&quot;</span>');
    expect(ivan.page()).toContain('value="ivan-token"');
    expect(ivan.page()).not.toMatch(/Aysel|aysel-token/);
  });

  it('renders again for other data, another navigation or another time zone', async () => {
    const server = {};
    const data = { page: { progress: { read: 2, total: 9 } } };
    const visits = [
      { who: person('Aysel'), data },
      { who: person('Leyla'), data: { page: { progress: { read: 3, total: 9 } } } },
      { who: person('Kamran', 'admin'), data },
      { who: person('Nigar', 'trainee', 'Europe/Berlin'), data },
    ].map(({ who, data }) => ({ visit: replyFor(`${who.name}-token`, server, who, modulePage), data }));
    for (const { visit, data } of visits) await renderPage(visit.reply, 'pages/learning/module', data);
    expect(visits.map(({ visit }) => visit.calls.rendered)).toEqual([1, 1, 1, 1]);
    expect(visits[0].visit.page()).not.toContain('/admin/users');
    expect(visits[2].visit.page()).toContain('/admin/users');
  });

  it('names a frozen value by which object it is, and a long text by what it holds', async () => {
    const server = {};
    const terms = (definition: string) =>
      deepFreeze([
        { term: 'asylum', definition },
        { term: 'visa', definition },
      ]);
    const kept = terms('one');
    const visits = [
      { name: 'Aysel', data: { page: { terms: kept, html: 'a'.repeat(5_000) } } },
      { name: 'Ivan', data: { page: { terms: kept, html: 'a'.repeat(5_000) } } },
      { name: 'Leyla', data: { page: { terms: terms('two'), html: 'a'.repeat(5_000) } } },
      { name: 'Nigar', data: { page: { terms: kept, html: `${'a'.repeat(4_999)}b` } } },
      { name: 'Kamran', data: { page: { terms: structuredClone(kept), html: 'a'.repeat(5_000) } } },
    ].map(({ name, data }) => ({ visit: replyFor(`${name}-token`, server, person(name), modulePage), data }));
    for (const { visit, data } of visits) await renderPage(visit.reply, 'pages/learning/module', data);
    expect(visits.map(({ visit }) => visit.calls.rendered)).toEqual([1, 0, 1, 1, 1]);
  });

  it('sends each person the same page as gzip, a short one and a long one', async () => {
    const server = {};
    const gzip = { 'accept-encoding': 'br, gzip' };
    const long = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} of the module.</p>`).join('');
    for (const text of [undefined, long]) {
      const data = { page: { progress: { read: 1, total: 9 } }, text };
      for (const name of ['Aysel', 'Ivan & <Co>']) {
        const plain = replyFor(`${name}-token`, server, person(name), modulePage);
        const zipped = replyFor(`${name}-token`, server, person(name), modulePage, gzip);
        await renderPage(plain.reply, 'pages/learning/module', data);
        await renderPage(zipped.reply, 'pages/learning/module', data);
        expect(gunzipSync(zipped.calls.sent[0]).toString()).toBe(plain.page());
      }
    }
  });

  it('keeps no page for a signed-in person that is not one of the kept kinds', async () => {
    const server = {};
    const visits = ['Aysel', 'Ivan'].map((name) => replyFor(`${name}-token`, server, person(name), '/login'));
    for (const visit of visits) await renderPage(visit.reply, 'pages/auth/login', { next: '/' });
    expect(visits.map((visit) => visit.calls.rendered)).toEqual([1, 1]);
  });
});

import { renderPage } from './render.js';
import type { KarvanReply } from './request-context.js';

describe('pages for visitors who are not signed in', () => {
  /** A reply as Fastify hands it, for one visitor's GET of /login; records what was rendered and sent. */
  function replyFor(csrfToken: string, server: object) {
    const calls = { rendered: 0, sent: [] as Buffer[] };
    const reply = {
      server,
      status: () => reply,
      request: { karvan: { locale: 'en', csrfToken }, url: '/login', method: 'GET', headers: {} },
      statusCode: 200,
      type: () => reply,
      header: () => reply,
      viewAsync: (_template: string, data: { csrfToken: string }) => {
        calls.rendered++;
        return Promise.resolve(`<form><input name="_csrf" value="${data.csrfToken}"></form>${'x'.repeat(2_000)}`);
      },
      send: (body: Buffer) => {
        calls.sent.push(body);
        return Promise.resolve(reply);
      },
    };
    return { reply: reply as unknown as KarvanReply, calls };
  }

  it('renders a page once and gives each visitor their own token', async () => {
    const server = {};
    const first = replyFor('first-token', server);
    const second = replyFor('second-token', server);
    await renderPage(first.reply, 'pages/auth/login', { next: '/' });
    await renderPage(second.reply, 'pages/auth/login', { next: '/' });
    expect([first.calls.rendered, second.calls.rendered]).toEqual([1, 0]);
    expect(first.calls.sent[0].toString()).toContain('value="first-token"');
    expect(second.calls.sent[0].toString()).toContain('value="second-token"');
    expect(second.calls.sent[0].toString()).not.toContain('first-token');
  });

  it('renders each time, without keeping, data that cannot be written as JSON', async () => {
    const server = {};
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const data of [circular, { serial: 1n }]) {
      const visits = [replyFor('first', server), replyFor('second', server)];
      for (const { reply } of visits) await renderPage(reply, 'pages/auth/login', data);
      // Each visit renders the page with its own token in it: nothing was kept.
      expect(visits.map(({ calls }) => calls.rendered)).toEqual([1, 1]);
      expect(visits[1].calls.sent[0].toString()).toContain('value="second"');
    }
  });
});

import type { KarvanReply } from './request-context.js';

/**
 * One handler serves both the browser form and the JSON API: after a form's POST the browser is
 * sent on (303), an API client gets the result.
 */
export async function respond(reply: KarvanReply, result: unknown, location: string, status = 200): Promise<void> {
  if (reply.request.url.startsWith('/api/')) {
    await reply.status(status).send(result);
    return;
  }
  await reply.redirect(location, 303);
}

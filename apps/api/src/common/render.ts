import { pageContext } from './page-context.js';
import type { KarvanReply, KarvanRequest } from './request-context.js';

/** Renders a page with a chosen status (e.g. a form shown again with its errors). */
export async function renderPage(reply: KarvanReply, template: string, data: object, status = 200): Promise<void> {
  await reply.status(status).view(template, { ...pageContext(reply.request as KarvanRequest), ...data });
}

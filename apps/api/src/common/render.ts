import { FastifyAdapter } from '@nestjs/platform-fastify';
import { pageContext } from './page-context.js';
import type { KarvanReply, KarvanRequest } from './request-context.js';

/** Renders a page with a chosen status (e.g. a form shown again with its errors). */
export async function renderPage(reply: KarvanReply, template: string, data: object, status = 200): Promise<void> {
  await reply.status(status).view(template, { ...pageContext(reply.request as KarvanRequest), ...data });
}

/**
 * Nest renders what a `@Render` handler returns through its HTTP adapter: this one adds the shared
 * page context there, as renderPage does. An interceptor could do it too, but Nest wraps every
 * route that has one, JSON ones included, in an RxJS pipeline: 3 % of a page's CPU in a profile.
 */
export class PageAdapter extends FastifyAdapter {
  override render(...[reply, view, data]: Parameters<FastifyAdapter['render']>): ReturnType<FastifyAdapter['render']> {
    return super.render(reply, view, { ...pageContext(reply.request as KarvanRequest), ...((data as object) ?? {}) });
  }
}

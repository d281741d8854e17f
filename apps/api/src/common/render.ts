import { FastifyAdapter } from '@nestjs/platform-fastify';
import { SplicedPage } from './fragments.js';
import { KeptPages, keptPagesOf } from './kept-pages.js';
import { pageContext } from './page-context.js';
import type { KarvanReply, KarvanRequest } from './request-context.js';
import { gzipWanted } from './spliced-gzip.js';

/** Renders a page with a chosen status (e.g. a form shown again with its errors). */
export async function renderPage(reply: KarvanReply, template: string, data: object, status = 200): Promise<void> {
  await sendPage(reply.status(status), template, data);
}

/**
 * Nest renders what a `@Render` handler returns through its HTTP adapter: this one adds the shared
 * page context there, as renderPage does. An interceptor could do it too, but Nest wraps every
 * route that has one, JSON ones included, in an RxJS pipeline: 3 % of a page's CPU in a profile.
 */
export class PageAdapter extends FastifyAdapter {
  override render(...[reply, view, data]: Parameters<FastifyAdapter['render']>): ReturnType<FastifyAdapter['render']> {
    // Nest's type says a reply, but Fastify's `view` it wraps is async, and Nest awaits what this returns.
    return sendPage(reply, view, (data as object) ?? {}) as unknown as ReturnType<FastifyAdapter['render']>;
  }
}

async function sendPage(reply: KarvanReply, template: string, data: object): Promise<void> {
  const request = reply.request as KarvanRequest;
  const kept = KeptPages.applies(reply, template);
  if (kept && (await keptPagesOf(reply.server).send(reply, template, data))) return;
  const context = { ...pageContext(request), ...data };
  const gzip = gzipWanted(request.headers);
  // A page with kept fragments (the module page's text) goes out put together from parts.
  const page = new SplicedPage(gzip ? 'gzip' : 'bytes');
  try {
    const html = await reply.viewAsync(template, { ...context, splicedPage: page });
    if (page.fragments.length === 0) {
      await reply.send(html);
    } else if (gzip) {
      // Set here, so @fastify/compress leaves the response as it is.
      reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      await reply.send(page.gzip(html));
    } else {
      await reply.send(page.bytes(html));
    }
  } catch (error) {
    // As Fastify's `view` does: the error handler answers.
    await reply.send(error);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pageContext } from './page-context.js';
import { SizedKept } from './sized-kept.js';
import { gzipOf, gzipWanted, keptPiece, storedPiece, type GzipPiece } from './spliced-gzip.js';
import type { KarvanReply, KarvanRequest } from './request-context.js';

/**
 * The pages a visitor who is not signed in sees like every other such visitor, but for their CSRF
 * token: the public pages (home, catalogue, course outlines, summer schools, glossary, help), the
 * sign-in, registration and password-reset forms and the certificate check. What such a page shows
 * depends only on the template, the address, the language, the status and the handler's data,
 * which is read afresh on every request (so a publish or a revocation shows at once); each such
 * combination is rendered once and then served with the visitor's own token put in. The profile of
 * `/login` had rendering at a third of its CPU. The templates' helpers read nothing else (no clock).
 */
const SAME_FOR_EVERY_VISITOR = new Set([
  'pages/home',
  'pages/learning/catalogue',
  'pages/learning/course',
  'pages/summer/list',
  'pages/summer/call',
  'pages/summer/timetable',
  'pages/glossary/index',
  'pages/help/authoring',
  'pages/auth/login',
  'pages/auth/register',
  'pages/auth/forgot',
  'pages/certificates/verify-form',
  'pages/certificates/verify',
]);

/**
 * Enough for each language's pages and the certificates being checked at a time; the oldest go
 * first. The byte limit holds when the content changes often: each change makes new glossary pages
 * (about 250 KB each) and the old ones are dropped only as newer ones come. The pages' gzip parts,
 * made for those asked for with gzip, add about a seventh to it.
 */
const MAX_PAGES = 500;
const MAX_BYTES = 32 * 1024 * 1024;

/** As @fastify/compress: smaller pages are sent as they are. */
const COMPRESS_FROM = 1024;

/** Data longer than this is named in the key by its hash, so that keys stay small. */
const MAX_KEY_DATA = 1024;

export class AnonymousPages {
  /** Rendered where the token goes; random, so no page's own text can contain it. */
  private readonly marker = randomBytes(32).toString('hex');
  private readonly pages = new SizedKept<Buffer[]>(MAX_PAGES, MAX_BYTES, byteLength);
  private readonly names = new WeakMap<object, string>();
  /** Each kept page's parts compressed, made at its first visitor who takes gzip, gone with the page. */
  private readonly compressed = new WeakMap<Buffer[], GzipPiece[]>();

  /** Only a page asked for: a form shown again after a POST holds what the visitor typed. */
  static applies(reply: KarvanReply, template: string): boolean {
    const request = reply.request as KarvanRequest;
    return !request.karvan.principal && request.method === 'GET' && SAME_FOR_EVERY_VISITOR.has(template);
  }

  /**
   * Sends the kept page, rendering it first if need be; false, having sent nothing, when the data
   * cannot be named (the caller renders the page as any other). The page context (navigation,
   * languages) is built only when the page is rendered.
   */
  async send(reply: KarvanReply, template: string, data: object): Promise<boolean> {
    const request = reply.request as KarvanRequest;
    const { locale, csrfToken } = request.karvan;
    const name = this.nameOf(data);
    if (name === undefined) return false;
    const key = [template, locale, request.url, reply.statusCode, name].join('\n');
    let parts = this.pages.get(key);
    if (parts) {
      reply.type('text/html; charset=utf-8');
    } else {
      const html = await reply.viewAsync(template, { ...pageContext(request), csrfToken: this.marker, ...data });
      parts = html.split(this.marker).map((part) => Buffer.from(part));
      this.pages.set(key, parts);
    }
    // Kept as bytes: a big page (the glossary's 240 KB) is copied, not encoded again per request.
    const token = Buffer.from(csrfToken);
    if (this.gzipWanted(request, parts)) {
      let pieces = this.compressed.get(parts);
      if (!pieces) this.compressed.set(parts, (pieces = parts.map(keptPiece)));
      const between = storedPiece(token);
      // Set here, so @fastify/compress leaves the response as it is.
      reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      await reply.send(gzipOf(pieces.flatMap((piece, i) => (i === 0 ? [piece] : [between, piece]))));
    } else {
      await reply.send(Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [token, part]))));
    }
    return true;
  }

  /**
   * gzip made from the kept page's parts compressed once, even for a browser that also takes
   * brotli: about as small as brotli at the quality a response can afford, for a tenth of the CPU.
   */
  private gzipWanted(request: KarvanRequest, parts: Buffer[]): boolean {
    return gzipWanted(request.headers) && byteLength(parts) >= COMPRESS_FROM;
  }

  /**
   * The data as text, or its hash when long. A long one is remembered by the object's identity: a
   * page's data is never changed once handed over, and a kept one (the glossary's) is the same
   * object until what it shows changes, so a big page is not serialised and hashed per request.
   */
  private nameOf(data: object): string | undefined {
    const known = this.names.get(data);
    if (known !== undefined) return known;
    const json = jsonOf(data);
    if (json === undefined) return undefined;
    if (json.length <= MAX_KEY_DATA) return json;
    const name = createHash('sha256').update(json).digest('base64');
    this.names.set(data, name);
    return name;
  }
}

/** Data that cannot be written as JSON (a cycle, a bigint) is not named: its page is rendered each time. */
function jsonOf(data: object): string | undefined {
  try {
    return JSON.stringify(data);
  } catch {
    return undefined;
  }
}

function byteLength(parts: Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}

const perServer = new WeakMap<FastifyInstance, AnonymousPages>();

/** Each api (a test may start several in one process) keeps its own. */
export function anonymousPagesOf(server: FastifyInstance): AnonymousPages {
  let pages = perServer.get(server);
  if (!pages) perServer.set(server, (pages = new AnonymousPages()));
  return pages;
}

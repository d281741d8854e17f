import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import Handlebars from 'handlebars';
import { pageContext, viewerKey } from './page-context.js';
import { SizedKept } from './sized-kept.js';
import { gzipOf, gzipWanted, keptPiece, livePiece, storedPiece, type GzipPiece } from './spliced-gzip.js';
import type { KarvanReply, KarvanRequest } from './request-context.js';

/**
 * Pages that a visitor who is not signed in sees like every other such visitor, but for their CSRF
 * token: the public pages (home, catalogue, course outlines, summer schools, glossary, help), the
 * sign-in, registration and password-reset forms and the certificate check. The profile of
 * `/login` had rendering at a third of its CPU.
 */
const FOR_VISITORS = new Set([
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
 * Pages that show a signed-in person nothing of their own outside the handler's data but their
 * name, their CSRF token, the navigation their grants open and their time zone: the module page,
 * the catalogue, course outlines and the rest of the public pages, and the home page.
 */
const FOR_SIGNED_IN = new Set([
  ...[...FOR_VISITORS].filter((template) => !template.startsWith('pages/auth/')),
  'pages/learning/module',
]);

/**
 * Visitors' pages: enough for each language's pages and the certificates being checked at a time.
 * The byte limit holds when the content changes often: each change makes new glossary pages (about
 * 250 KB each) and the old ones are dropped only as newer ones come. Signed-in people's pages are
 * kept apart, so that they never push the visitors' out: as many module pages as a thousand
 * readers at different places would want (33 KB each). The pages' gzip parts, made for those asked
 * for with gzip, add about a seventh.
 */
const LIMITS = {
  visitors: { pages: 500, bytes: 32 * 1024 * 1024 },
  signedIn: { pages: 1_000, bytes: 48 * 1024 * 1024 },
};

/** As @fastify/compress: smaller pages are sent as they are. */
const COMPRESS_FROM = 1024;

/** Data longer than this is named in the key by its hash, so that keys stay small. */
const MAX_KEY_DATA = 1024;

/** A string in the data longer than this is named by its hash, worked out once per string. */
const LONG_TEXT = 2048;

/** What goes into a kept page's holes: the CSRF token (`t`) or the person's name (`n`). */
type Hole = 't' | 'n';

/** A page as bytes, split where each hole goes: `holes[i]` is between `parts[i]` and `parts[i + 1]`. */
interface KeptPage {
  parts: Buffer[];
  holes: Hole[];
}

/**
 * Such a page is rendered once per template, address, language, status, handler data and (signed
 * in) viewer key, with random markers where the token and the name go, and then served with the
 * person's own put in. The handler still reads its data on every request, so a publish, a grant or
 * a revocation shows at once; the data names the page in the key. The templates' helpers read
 * nothing else (no clock), and a kept page's template sees the person as `user.name` only.
 */
export class KeptPages {
  /** Rendered where the token or the name goes; random, so no page's own text can contain it. */
  private readonly marker = randomBytes(32).toString('hex');
  private readonly visitors = new SizedKept<KeptPage>(LIMITS.visitors.pages, LIMITS.visitors.bytes, byteLength);
  private readonly signedIn = new SizedKept<KeptPage>(LIMITS.signedIn.pages, LIMITS.signedIn.bytes, byteLength);
  private readonly names = new WeakMap<object, string>();
  /** Long strings' hashes: the same string object (a module's text) is looked up, not hashed again. */
  private readonly longTexts = new Map<string, string>();
  /**
   * Frozen values' names, by identity: what is frozen never changes, so an object needs no name
   * but its own (a number), and what it holds is not written out again for every page.
   */
  private readonly frozenNames = new WeakMap<object, string>();
  private frozenCount = 0;
  /** The key a name is written under: random, so that no object in the data can pass for one. */
  private readonly nameKey = randomBytes(8).toString('hex');
  /** Each kept page's gzip segments, made at its first visitor who takes gzip, gone with the page. */
  private readonly compressed = new WeakMap<KeptPage, Segment[]>();

  /** Only a page asked for: a form shown again after a POST holds what was typed. */
  static applies(reply: KarvanReply, template: string): boolean {
    const request = reply.request as KarvanRequest;
    if (request.method !== 'GET') return false;
    return (request.karvan.principal ? FOR_SIGNED_IN : FOR_VISITORS).has(template);
  }

  /**
   * Sends the kept page, rendering it first if need be; false, having sent nothing, when the data
   * cannot be named (the caller renders the page as any other). The page context (navigation,
   * languages) is built only when the page is rendered.
   */
  async send(reply: KarvanReply, template: string, data: object): Promise<boolean> {
    const request = reply.request as KarvanRequest;
    const { locale, csrfToken, principal } = request.karvan;
    const name = this.nameOf(data);
    if (name === undefined) return false;
    const viewer = principal ? viewerKey(principal) : '';
    const key = [template, locale, request.url, reply.statusCode, viewer, name].join('\n');
    const pages = principal ? this.signedIn : this.visitors;
    let page = pages.get(key);
    if (page) {
      reply.type('text/html; charset=utf-8');
    } else {
      const user = principal ? { name: this.hole('n') } : undefined;
      const html = await reply.viewAsync(template, {
        ...pageContext(request),
        user,
        csrfToken: this.hole('t'),
        ...data,
      });
      pages.set(key, (page = this.split(html)));
    }
    // The name as the templates show it: escaped, as Handlebars escapes `{{user.name}}`.
    const fill: Record<Hole, Buffer> = {
      t: Buffer.from(csrfToken),
      n: Buffer.from(principal ? Handlebars.escapeExpression(principal.name) : ''),
    };
    if (gzipWanted(request.headers) && byteLength(page) >= COMPRESS_FROM) {
      let gzip = this.compressed.get(page);
      if (!gzip) this.compressed.set(page, (gzip = gzipPlan(page, fill)));
      // Set here, so @fastify/compress leaves the response as it is. gzip made from the parts
      // compressed once, even for a browser that also takes brotli: about as small as brotli at the
      // quality a response can afford, for a tenth of the CPU.
      reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      await reply.send(gzipOf(gzip.map((segment) => piece(segment, fill))));
    } else {
      // Kept as bytes: a big page (the glossary's 240 KB) is copied, not encoded again per request.
      await reply.send(Buffer.concat(interleave(page.parts, page.holes, fill)));
    }
    return true;
  }

  private hole(hole: Hole): string {
    return `${this.marker}${hole}`;
  }

  private split(html: string): KeptPage {
    const [first, ...rest] = html.split(this.marker);
    return {
      parts: [Buffer.from(first), ...rest.map((part) => Buffer.from(part.slice(1)))],
      holes: rest.map((part) => part[0] as Hole),
    };
  }

  /**
   * The data as text, or its hash when long. A long one is remembered by the object's identity: a
   * page's data is never changed once handed over, and a kept one (the glossary's) is the same
   * object until what it shows changes, so a big page is not serialised and hashed per request.
   */
  private nameOf(data: object): string | undefined {
    const known = this.names.get(data);
    if (known !== undefined) return known;
    const json = this.jsonOf(data);
    if (json === undefined) return undefined;
    if (json.length <= MAX_KEY_DATA) return json;
    const name = hashOf(json);
    this.names.set(data, name);
    return name;
  }

  /**
   * The data as JSON, with what is named once in place of itself: a long string (a module's text)
   * goes in as its hash, worked out once per string, and a frozen value (a module's contents,
   * references and glossary terms, kept and shared until the content changes) by its identity.
   * The module page's data is 40 KB of JSON written out in full. A name is an object under a
   * random key, so that no string in the data can pass for one.
   *
   * Data that JSON cannot write, or might write as less than it is (a Map comes out as `{}`, a
   * function not at all, a class's getters are left out), is not named, and its page is rendered
   * each time: two pages must never share a name unless their data is the same. Dates have become
   * strings (`toJSON`) before the check sees them.
   */
  private jsonOf(data: unknown): string | undefined {
    try {
      return JSON.stringify(data, (_key, value: unknown) => this.written(data, value));
    } catch (error) {
      if (error instanceof Unnamable || error instanceof TypeError) return undefined;
      throw error;
    }
  }

  private written(root: unknown, value: unknown): unknown {
    if (typeof value === 'string') return value.length > LONG_TEXT ? this.named(this.textName(value)) : value;
    if (typeof value === 'function' || typeof value === 'bigint') throw new Unnamable();
    if (typeof value !== 'object' || value === null) return value;
    if (!plain(value)) throw new Unnamable();
    if (value === root || !Object.isFrozen(value)) return value;
    let name = this.frozenNames.get(value);
    if (name === undefined) {
      // Once per object: all it holds must be plain data too (a frozen Map could still change).
      if (this.jsonOf(value) === undefined) throw new Unnamable();
      this.frozenNames.set(value, (name = `${++this.frozenCount}`));
    }
    return this.named(name);
  }

  private named(name: string): object {
    return { [this.nameKey]: name };
  }

  private textName(text: string): string {
    let name = this.longTexts.get(text);
    if (name === undefined) {
      // Bounded: the texts named last are what pages are made of now.
      if (this.longTexts.size >= 2_000) this.longTexts.clear();
      this.longTexts.set(text, (name = hashOf(text)));
    }
    return name;
  }
}

class Unnamable extends Error {}

/** An array, or an object of no class (any realm's Object.prototype, or none). */
function plain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/**
 * A part of a kept page's gzip: compressed once and kept, a hole (a stored block), or a run of
 * short parts and holes compressed together for each response.
 */
type Segment = GzipPiece | Hole | Array<Buffer | Hole>;

/** Parts at least this long are compressed once, whichever way the page goes. */
const KEPT_PART = 4096;

/**
 * How a kept page goes out as gzip. Each part compressed once, apart, with the holes stored
 * between them, costs no compressing per response; but a signed-in page's navigation is cut by
 * its name and token holes into pieces that compress worse apart, and made the module page 10.6 KB
 * where 9.7 KB is what it takes compressed in two runs. So when keeping every part apart costs over
 * a twentieth more bytes, the short parts go with the holes around them, compressed together per
 * response, and only the long ones are kept compressed: but only on a page whose short parts are
 * at most a quarter of it (the module page's 6 of 33 KB, about 40 µs). A page made only of short
 * parts (`/login`) stays apart: compressed per response, it was 0.7 KB smaller and served 0.79
 * times the requests per second.
 */
function gzipPlan(page: KeptPage, fill: Record<Hole, Buffer>): Segment[] {
  const kept = page.parts.map(keptPiece);
  const apart = interleave<Segment>(kept, page.holes, { t: 't', n: 'n' });
  const live = page.parts.filter((part) => part.length < KEPT_PART).reduce((sum, part) => sum + part.length, 0);
  if (live * 4 > byteLength(page)) return apart;
  const together: Segment[] = [];
  let run: Array<Buffer | Hole> = [];
  page.parts.forEach((part, i) => {
    if (i > 0) run.push(page.holes[i - 1]);
    if (part.length < KEPT_PART) {
      run.push(part);
    } else {
      if (run.length) together.push(run);
      together.push(kept[i]);
      run = [];
    }
  });
  if (run.length) together.push(run);
  const size = (plan: Segment[]) => plan.reduce((sum, segment) => sum + piece(segment, fill).deflated.length, 0);
  return size(apart) > 1.05 * size(together) ? together : apart;
}

function piece(segment: Segment, fill: Record<Hole, Buffer>): GzipPiece {
  if (typeof segment === 'string') return storedPiece(fill[segment]);
  if (!Array.isArray(segment)) return segment;
  return livePiece(Buffer.concat(segment.map((item) => (typeof item === 'string' ? fill[item] : item))));
}

function interleave<T>(parts: T[], holes: Hole[], fill: Record<Hole, T>): T[] {
  return parts.flatMap((part, i) => (i === 0 ? [part] : [fill[holes[i - 1]], part]));
}

function byteLength(page: KeptPage): number {
  return page.parts.reduce((sum, part) => sum + part.length, 0);
}

const perServer = new WeakMap<FastifyInstance, KeptPages>();

/** Each api (a test may start several in one process) keeps its own. */
export function keptPagesOf(server: FastifyInstance): KeptPages {
  let pages = perServer.get(server);
  if (!pages) perServer.set(server, (pages = new KeptPages()));
  return pages;
}

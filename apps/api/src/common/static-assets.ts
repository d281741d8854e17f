import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.css', '.js', '.svg']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
// An unhashed address stays valid (an old page, a bookmark) but is checked on every use.
const REVALIDATE = 'no-cache';

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * The files under `public/`, read, hashed and compressed once at start. Pages link them by a name
 * carrying the content's hash (`/static/css/karvan.3f9a1c2b7d.css`), served as immutable for a
 * year: a browser fetches a stylesheet once per change, not once per page.
 */
export class StaticAssets {
  private readonly byUrl = new Map<string, { asset: Asset; cache: string }>();
  private readonly hashed = new Map<string, string>();

  constructor(root: string) {
    for (const file of listFiles(root)) this.add(root, file);
  }

  /** `css/karvan.css` → `/static/css/karvan.<hash>.css`; an unknown name is a mistake in a view. */
  url(name: string): string {
    const url = this.hashed.get(name);
    if (!url) throw new Error(`No static asset named ${name}`);
    return url;
  }

  /** Static files need no session, language or CSRF cookie: the request hooks pass them by. */
  static isAssetUrl(url: string): boolean {
    return url.startsWith('/static/');
  }

  install(fastify: FastifyInstance): void {
    fastify.get('/static/*', { compress: false }, (request, reply) => this.serve(request, reply));
  }

  private add(root: string, file: string): void {
    const extension = extname(file);
    const identity = readFileSync(join(root, file));
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
    const asset: Asset = { type: TYPES[extension] ?? 'application/octet-stream', etag: `"${hash}"`, identity };
    if (COMPRESSIBLE.has(extension)) {
      asset.br = brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      asset.gzip = gzipSync(identity, { level: 9 });
    }
    const hashedUrl = `/static/${file.slice(0, -extension.length)}.${hash}${extension}`;
    this.hashed.set(file, hashedUrl);
    this.byUrl.set(hashedUrl, { asset, cache: IMMUTABLE });
    this.byUrl.set(`/static/${file}`, { asset, cache: REVALIDATE });
  }

  private serve(request: FastifyRequest, reply: FastifyReply): FastifyReply | void {
    const entry = this.byUrl.get(request.url.split('?')[0]);
    if (!entry) return reply.code(404).type('text/plain; charset=utf-8').send('No such file.');
    const { asset, cache } = entry;
    reply.header('cache-control', cache).header('etag', asset.etag).header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    const accepted = acceptedCodings(request.headers['accept-encoding']);
    const [encoding, body] =
      asset.br && accepted.has('br')
        ? ['br', asset.br]
        : asset.gzip && accepted.has('gzip')
          ? ['gzip', asset.gzip]
          : [undefined, asset.identity];
    if (encoding) reply.header('content-encoding', encoding);
    return reply.type(asset.type).send(body);
  }
}

/** The content codings a client accepts, leaving out those it refuses with `q=0`. */
export function acceptedCodings(header: string | undefined): Set<string> {
  const codings = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name && (q === undefined || Number(q) > 0)) codings.add(name);
  }
  return codings;
}

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(root, entry)).isFile())
    .map((entry) => entry.split('\\').join('/'));
}

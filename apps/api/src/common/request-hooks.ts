import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { logContext, type AppConfig } from '@karvan/config';
import {
  ApiTokensService,
  AuthError,
  AuthErrorCode,
  isLocale,
  localeFromAcceptLanguage,
  randomToken,
  SessionsService,
  type Principal,
  type Locale,
} from '@karvan/domain';
import { StaticAssets } from './static-assets.js';
import { COOKIE, type KarvanRequest, type RequestState } from './request-context.js';

export interface CookieSettings {
  secure: boolean;
  sessionMaxAgeSeconds: number;
}

export function cookieSettings(config: AppConfig): CookieSettings {
  return { secure: config.secureCookies, sessionMaxAgeSeconds: config.sessionMaxAgeHours * 3600 };
}

/**
 * With LOG_REQUEST_IDS=on, every log line written while serving a request carries its id. Entered
 * again once the body is read: a body arriving in later packets is read in the socket's async
 * context, not the request's. Off by default: on Node 20 an AsyncLocalStorage in use runs a hook
 * for every promise, which measured as more than half the CPU of a simple page. Fastify's own
 * request lines and unhandled errors carry the id either way.
 */
export function installLogContext(fastify: FastifyInstance): void {
  const enter = (request: FastifyRequest, _reply: FastifyReply, done: () => void) =>
    logContext.run({ requestId: String(request.id) }, done);
  fastify.addHook('onRequest', enter);
  fastify.addHook('preValidation', enter);
}

/**
 * Before routing: who is asking (session cookie or Bearer token), their CSRF token and their
 * language. Done as a Fastify hook so that error pages, 404s included, know it too.
 */
export function installRequestHooks(
  fastify: FastifyInstance,
  services: {
    sessions: SessionsService;
    tokens: ApiTokensService;
    cookies: CookieSettings;
  },
): void {
  fastify.decorateRequest('karvan', null);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (StaticAssets.isAssetUrl(request.url)) return;
    const state: RequestState = { csrfToken: ensureCsrfCookie(request, reply, services.cookies), locale: 'en' };
    (request as KarvanRequest).karvan = state;
    reply.header('x-request-id', request.id);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    // One query with the grants, on every request: a sign-out or a removed grant takes effect at once.
    let principal: Principal | null = null;
    if (bearer) {
      principal = await services.tokens.resolve(bearer);
    } else {
      const sessionToken = request.cookies[COOKIE.session];
      if (sessionToken) {
        state.sessionToken = sessionToken;
        principal = await services.sessions.resolve(sessionToken);
      }
    }
    if (principal) {
      state.principal = principal;
      // A person's own pages stay out of every cache: on a shared computer, Back after signing
      // out would otherwise show them from the browser's. A handler may still set its own.
      reply.header('cache-control', 'private, no-store');
    }
    state.locale = chooseLocale(request, state);
    if (state.principal?.tokenScope === 'read' && !READ_METHODS.has(request.method)) {
      throw new AuthError(AuthErrorCode.TokenReadOnly, 'This access token is read-only.');
    }
  });
}

/** All that a `read` access token may send. */
const READ_METHODS = new Set(['GET', 'HEAD']);

function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply, cookies: CookieSettings): string {
  const existing = request.cookies[COOKIE.csrf];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  reply.setCookie(COOKIE.csrf, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookies.secure });
  // Forms rendered in this same response compare against the cookie the browser is about to store.
  request.cookies[COOKIE.csrf] = token;
  return token;
}

function chooseLocale(request: FastifyRequest, state: RequestState): Locale {
  const cookie = request.cookies[COOKIE.lang];
  if (isLocale(cookie)) return cookie;
  if (state.principal) return state.principal.locale;
  return localeFromAcceptLanguage(request.headers['accept-language']) ?? 'en';
}

export function setSessionCookie(reply: FastifyReply, token: string, cookies: CookieSettings): void {
  reply.setCookie(COOKIE.session, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookies.secure,
    maxAge: cookies.sessionMaxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, cookies: CookieSettings): void {
  reply.clearCookie(COOKIE.session, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookies.secure });
}

export function setLanguageCookie(reply: FastifyReply, locale: Locale, cookies: CookieSettings): void {
  reply.setCookie(COOKIE.lang, locale, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookies.secure,
    maxAge: 365 * 24 * 3600,
  });
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthError, AuthErrorCode, safeEqual } from '@karvan/domain';
import { COOKIE, type KarvanRequest } from './request-context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every state-changing request that a browser could send on its own (cookies) must carry the
 * token from the CSRF cookie, in the form field or the header. Bearer-token clients have no
 * ambient credentials, so they need none.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<KarvanRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    if (request.karvan.principal?.via === 'token') return true;
    const body = request.body as Record<string, unknown> | undefined;
    const sent =
      (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined) ??
      request.headers[CSRF_HEADER] ??
      multipartQueryToken(request);
    if (body && typeof body === 'object') delete body[CSRF_FIELD];
    const expected = request.cookies[COOKIE.csrf];
    if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) {
      throw new AuthError(
        AuthErrorCode.CsrfFailed,
        'The form has expired or its CSRF token is missing: reload the page and try again.',
      );
    }
    return true;
  }
}

/** A file upload's body is streamed, not parsed before the guard: its form carries the token in the URL. */
function multipartQueryToken(request: KarvanRequest): unknown {
  if (!request.headers['content-type']?.startsWith('multipart/form-data')) return undefined;
  return (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
}

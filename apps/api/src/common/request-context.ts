import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale, Principal } from '@karvan/domain';

/** What the request hooks learn about a request before any controller runs. */
export interface RequestState {
  principal?: Principal;
  sessionToken?: string;
  csrfToken: string;
  locale: Locale;
}

export type KarvanRequest = FastifyRequest & { karvan: RequestState };
export type KarvanReply = FastifyReply;

export const COOKIE = {
  session: 'karvan_session',
  csrf: 'karvan_csrf',
  lang: 'karvan_lang',
} as const;

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

import { randomUUID } from 'node:crypto';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  AuthErrorCode,
  CHECKER_CODES,
  DomainError,
  hasMessage,
  localiseProblem,
  translate,
  type ContentProblem,
  type ErrorKind,
  type Locale,
} from '@karvan/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from './page-context.js';
import { isApiRequest, type KarvanRequest } from './request-context.js';
import { InvalidFieldsException } from './validation-pipe.js';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'login_required',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** The one error shape of the JSON API, for every 4xx and 5xx. */
export interface ErrorBody {
  error: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
    params?: Record<string, string | number>;
    requestId: string;
    errorId?: string;
  };
}

/** Maps any error to a status and the error shape (API) or the error page (browser). */
export function describeError(error: unknown, requestId: string): ErrorBody['error'] & { cause?: unknown } {
  if (error instanceof DomainError) {
    return {
      status: STATUS_BY_KIND[error.kind],
      code: error.code,
      message: error.message,
      details: error.details,
      params: error.params,
      requestId,
    };
  }
  const status = statusOf(error);
  if (status && status < 500) {
    const response = error instanceof HttpException ? error.getResponse() : undefined;
    const messages = (response as { message?: unknown } | undefined)?.message;
    if (status === 400 && Array.isArray(messages)) {
      const params = error instanceof InvalidFieldsException ? { fields: fieldList(error.fields) } : undefined;
      return {
        status,
        code: 'validation_failed',
        message: 'The request is not valid.',
        details: messages,
        ...(params && { params }),
        requestId,
      };
    }
    const message = typeof messages === 'string' ? messages : (error as Error).message;
    return { status, code: CODE_BY_STATUS[status] ?? 'client_error', message, requestId };
  }
  const errorId = randomUUID();
  return {
    status: status ?? 500,
    code: 'internal',
    message: 'An unexpected error occurred. Quote the error id if you report it.',
    requestId,
    errorId,
    cause: error,
  };
}

/** Names as sent, so a caller's own key can be long or odd: a few, each cut short. */
function fieldList(fields: string[]): string {
  const shown = fields.slice(0, 5).map((field) => (field.length > 40 ? `${field.slice(0, 40)}…` : field));
  return fields.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

export async function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { cause, ...body } = describeError(error, String(request.id));
  if (body.errorId) request.log.error({ errorId: body.errorId, err: cause }, 'unhandled error');
  else if (body.status >= 500) request.log.warn({ code: body.code }, body.message);
  if (reply.sent) return;

  const karvan = (request as KarvanRequest).karvan;
  if (karvan) body.details = localiseDetails(karvan.locale, body.details);
  if (isApiRequest(request) || !karvan || !reply.view) {
    await reply.status(body.status).type('application/json; charset=utf-8').send({ error: body });
    return;
  }
  if (body.code === (AuthErrorCode.LoginRequired as string) && request.method === 'GET') {
    await reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    return;
  }
  const key = hasMessage(`error.${body.code}`)
    ? `error.${body.code}`
    : body.status >= 500
      ? 'error.internal'
      : body.params?.fields
        ? 'error.validationFields'
        : 'error.validation';
  await reply.status(body.status).view('pages/error', {
    ...pageContext(request as KarvanRequest),
    status: body.status,
    // A refusal or a missing page is no failure: its heading says what it is.
    titleKey: TITLE_BY_STATUS[body.status] ?? 'error.title',
    message: translate(karvan.locale, key, body.params),
    problems: Array.isArray(body.details) ? body.details.filter(isCheckerProblem) : [],
    errorId: body.errorId,
  });
}

const TITLE_BY_STATUS: Record<number, string> = { 403: 'error.titleForbidden', 404: 'error.titleNotFound' };

/**
 * An error's details speak the caller's language: checker problems (a refused module or archive),
 * and field problems the domain gives as message keys (`{ endsOn: 'summer.problem.endsOn' }`).
 */
function localiseDetails(locale: Locale, details: unknown): unknown {
  if (Array.isArray(details))
    return details.map((item: unknown) => (isCheckerProblem(item) ? localiseProblem(locale, item) : item));
  if (!details || typeof details !== 'object') return details;
  return Object.fromEntries(
    Object.entries(details).map(([field, value]) => [
      field,
      typeof value === 'string' && hasMessage(value) ? translate(locale, value) : value,
    ]),
  );
}

function isCheckerProblem(item: unknown): item is ContentProblem {
  const code = (item as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && CHECKER_CODES.includes(code) && typeof (item as ContentProblem).params === 'object'
  );
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    await sendError(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}

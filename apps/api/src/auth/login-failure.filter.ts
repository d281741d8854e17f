import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { AuthError, AuthErrorCode, translate } from '@karvan/domain';
import type { FastifyReply } from 'fastify';
import { describeError, sendError } from '../common/error.filter.js';
import { pageContext } from '../common/page-context.js';
import type { KarvanRequest } from '../common/request-context.js';

const SHOWN_ON_FORM = new Set<string>([AuthErrorCode.InvalidCredentials, AuthErrorCode.LockedOut]);

/** A failed sign-in shows the form again, with the message and the e-mail address typed. */
@Catch(AuthError)
export class LoginFailureFilter implements ExceptionFilter {
  async catch(error: AuthError, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<KarvanRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (!SHOWN_ON_FORM.has(error.code)) return sendError(error, request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const context = pageContext(request);
    await reply.status(describeError(error, String(request.id)).status).view('pages/auth/login', {
      ...context,
      email: typeof body.email === 'string' ? body.email : '',
      next: typeof body.next === 'string' ? body.next : '',
      formError: translate(context.locale, `error.${error.code}`, error.params),
    });
  }
}

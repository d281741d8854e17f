import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthError, AuthErrorCode, canAnywhere } from '@karvan/domain';
import { ACCESS_KEY, type RouteAccess } from './decorators.js';
import type { KarvanRequest } from './request-context.js';

/**
 * Applies a route's declaration: signed in unless public; for a capability, held somewhere, so
 * people without it get a plain 403. Which course or cohort it reaches is the domain's decision.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'public') return true;
    const { principal } = context.switchToHttp().getRequest<KarvanRequest>().karvan;
    if (!principal) throw new AuthError(AuthErrorCode.LoginRequired, 'Sign in to continue.');
    if (access && access !== 'signed-in' && !canAnywhere(principal, access)) {
      throw new AuthError(AuthErrorCode.Forbidden, 'You do not have permission to do this.');
    }
    return true;
  }
}

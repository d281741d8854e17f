import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthError, AuthErrorCode, hasRole, type Role } from '@karvan/domain';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import type { KarvanRequest } from './request-context.js';

/** Signed in unless @Public(); with @Roles(), one of those roles. Decided on every request. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const { principal } = context.switchToHttp().getRequest<KarvanRequest>().karvan;
    if (!principal) throw new AuthError(AuthErrorCode.LoginRequired, 'Sign in to continue.');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(principal, ...roles)) {
      throw new AuthError(AuthErrorCode.Forbidden, 'You do not have permission to do this.');
    }
    return true;
  }
}

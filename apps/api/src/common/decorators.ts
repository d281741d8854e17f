import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '@karvan/domain';
import type { KarvanRequest } from './request-context.js';

export const PUBLIC_KEY = 'karvan:public';
export const ROLES_KEY = 'karvan:roles';

/** Reachable without signing in. Everything else needs a signed-in user. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only users with one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in user; only on routes that require one. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<KarvanRequest>().karvan.principal;
  if (!principal) throw new Error('CurrentUser used on a public route');
  return principal;
});

export const RequestState = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<KarvanRequest>().karvan,
);

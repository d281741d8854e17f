import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Capability, Principal } from '@karvan/domain';
import type { KarvanRequest } from './request-context.js';

export const ACCESS_KEY = 'karvan:access';

/**
 * What a route needs, declared on every route (a test fails on a route without it):
 * `public`, `signed-in` (any account, acting on its own things) or a capability, which the
 * domain method then checks on the object's scope.
 */
export type RouteAccess = 'public' | 'signed-in' | Capability;

export const Access = (access: RouteAccess) => SetMetadata(ACCESS_KEY, access);

/** Reachable without signing in. */
export const Public = () => Access('public');

/** The signed-in user; only on routes that require one. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<KarvanRequest>().karvan.principal;
  if (!principal) throw new Error('CurrentUser used on a public route');
  return principal;
});

export const RequestState = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<KarvanRequest>().karvan,
);

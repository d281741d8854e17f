import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RENDER_METADATA } from '@nestjs/common/constants.js';
import { map, type Observable } from 'rxjs';
import { pageContext } from './page-context.js';
import type { KarvanRequest } from './request-context.js';

/** Adds the shared page context to whatever a @Render handler returns. */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<string | undefined>(RENDER_METADATA, context.getHandler())) return next.handle();
    const request = context.switchToHttp().getRequest<KarvanRequest>();
    return next.handle().pipe(map((data: object | undefined) => ({ ...pageContext(request), ...(data ?? {}) })));
  }
}

import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ACCESS_KEY, type RouteAccess } from './decorators.js';

export interface RouteEntry {
  method: string;
  path: string;
  access: RouteAccess | undefined;
  handler: string;
}

function paths(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value ?? ''];
  return list.map((p: string) => p.replace(/^\/+|\/+$/g, ''));
}

/** Every route the api serves with what it declares: what the access matrix test is generated from. */
export function routeTable(app: INestApplication): RouteEntry[] {
  const reflector = app.get(Reflector);
  const entries: RouteEntry[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const type = wrapper.metatype as Type | undefined;
    if (!type) continue;
    const prefixes = paths(Reflect.getMetadata(PATH_METADATA, type));
    const modulePath = wrapper.host ? (Reflect.getMetadata(MODULE_PATH, wrapper.host.metatype) as string) : '';
    for (const name of Object.getOwnPropertyNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const routePaths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (routePaths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const access = reflector.getAllAndOverride<RouteAccess | undefined>(ACCESS_KEY, [handler, type]);
      for (const prefix of prefixes)
        for (const path of paths(routePaths)) {
          const full = '/' + [modulePath, prefix, path].filter(Boolean).join('/').replace(/\/+/g, '/');
          entries.push({ method, path: full, access, handler: `${type.name}.${name}` });
        }
    }
  }
  return entries;
}

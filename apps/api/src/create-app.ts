import { randomUUID } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyCompress from '@fastify/compress';
import fastifyView from '@fastify/view';
import { LogController } from 'fastify';
import { JsonLogger, type AppConfig } from '@karvan/config';
import { ApiTokensService, SessionsService } from '@karvan/domain';
import { AppModule, type AppOptions } from './app.module.js';
import { installControlCharacterCheck } from './common/control-characters.hook.js';
import { cookieSettings, installLogContext, installRequestHooks } from './common/request-hooks.js';
import { PageAdapter } from './common/render.js';
import { installSecurityHeaders } from './common/security-headers.js';
import { RequestValidationPipe } from './common/validation-pipe.js';
import { StaticAssets } from './common/static-assets.js';
import { registerThrottles } from './common/throttles.js';
import { createHandlebars, PUBLIC_DIR, VIEWS_DIR } from './common/views.js';

/** Builds the api: Fastify, security headers, cookies, views, validation, OpenAPI. */
export async function createApp(config: AppConfig, options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new PageAdapter({
    logger: { level: config.logLevel },
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: new JsonLogger(config.logLevel),
    bufferLogs: false,
  });
  await registerPlugins(app, config);
  app.useGlobalPipes(new RequestValidationPipe());
  mountOpenApi(app);
  await app.init();
  return app;
}

async function registerPlugins(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (config.logRequestIds) installLogContext(fastify);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 10 } });
  installSecurityHeaders(fastify, config);
  // Pages and JSON compressed for clients that accept it, in one call up to 1 MB: a zlib stream
  // per response costs more on two cores (the glossary's 240 KB page served 1.56 times the requests
  // per second in one call, which holds the event loop about 1 ms). Brotli at quality 3: on the
  // module page it takes half the CPU of quality 4 (190 against 360 µs, more than the rest of the
  // page's work) for 5 % more bytes.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    syncThreshold: 1_048_576,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3 } },
  });
  await registerThrottles(fastify, config);
  const assets = new StaticAssets(PUBLIC_DIR);
  assets.install(fastify);
  await app.register(fastifyView, {
    engine: { handlebars: createHandlebars(config.timeZone, assets) },
    root: VIEWS_DIR,
    layout: 'layouts/main',
    viewExt: 'hbs',
    production: true,
  });
  const services = {
    sessions: app.get(SessionsService),
    tokens: app.get(ApiTokensService),
    cookies: cookieSettings(config),
  };
  installRequestHooks(fastify, services);
  installControlCharacterCheck(fastify);
}

function mountOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Karvan API')
      .setDescription('JSON API of Karvan. Authenticate with a personal access token (Bearer) or a session cookie.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => isApiPath(path)));
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/json',
    yamlDocumentUrl: 'api/docs/yaml',
  });
}

/** A route that serves a page and the API under two paths is documented under the API's only. */
function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/health' || path.startsWith('/.well-known/');
}

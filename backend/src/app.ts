import fastifyStatic from '@fastify/static';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { createLogger, NestLogger } from './common/logger';
import { Problem } from './common/problem';
import { validationPipe } from './common/validation';
import { AppConfig } from './config/app-config';

/** The largest request body accepted (an application with every list at its maximum is far below it). */
export const BODY_LIMIT = 5 * 1024 * 1024;

/**
 * Builds the HTTP application (used by main.ts, the tests and the OpenAPI export) on Fastify:
 * its per-request cost is a fraction of Express's, and a queue page or an intake spends most of
 * its time in the database rather than in the framework.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: { logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    // JSON request logs (request id as `requestId`), except for health probes.
    loggerInstance: logger,
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: (req: { url?: string }) => req.url === '/health' }),
    // Behind a load balancer on a private network the client's address comes from X-Forwarded-For
    // (the login rate limit counts per address); from anywhere else the header is ignored.
    trustProxy: 'loopback, linklocal, uniquelocal',
    bodyLimit: BODY_LIMIT,
    genReqId: requestId,
    return503OnClosing: true,
    // As Express did: /api/applications/ is /api/applications.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new NestLogger(logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Declared up front so every request object has the same shape (the auth guard fills them in).
  fastify.decorateRequest('actor', null);
  fastify.decorateRequest('session', null);

  // helmet's headers depend on nothing in the request, so helmet works them out once here.
  const security = securityHeaders(SECURITY);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(security);
    reply.header('x-request-id', request.id);
    // Case data must not stay in a browser's cache (shared office machines).
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
    done();
  });

  // The API takes JSON and nothing else (any other body is 415): through Fastify's own parser
  // (which refuses __proto__ and constructor keys), with a parse error answered as a validation
  // problem at the document's root.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, (req, body, done) =>
    parseJson(req as never, body as unknown as string, (error, value) => {
      if (!error) return done(null, value);
      const empty = (body as unknown as Buffer).length === 0;
      done(Problem.validation([{ path: '$', message: empty ? 'the body is empty' : 'not valid JSON' }]), undefined);
    }),
  );

  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe());
  if (config.consoleDir) await serveConsole(app, config.consoleDir);
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

const SECURITY: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Angular Material sets inline styles at runtime.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
};

/**
 * The response headers helmet sets for these options. Without per-request nonces they are the
 * same for every response, so they are computed once rather than by running helmet's dozen
 * middlewares on every request (a tenth of a millisecond per request, measured).
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failed: unknown = null;
  helmet(options)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => void (failed = error ?? null));
  if (failed) throw failed;
  return headers;
}

/** The caller's X-Request-Id when it is a sane token, otherwise a new one; logs and problems quote it. */
function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

/**
 * The built console: its files (hashed bundles cached for an hour), and index.html for any other
 * GET outside /api and /health, so that deep links into the console work. index.html itself is
 * revalidated, so a new release reaches browsers at once.
 */
async function serveConsole(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    maxAge: '1h',
    setHeaders: (reply, path) => {
      if (path.endsWith('index.html')) reply.header('cache-control', 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/') || path === '/health') return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('Tilsagn API')
    .setDescription('Case management for grants for process and organisational innovation (GBER art. 29)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, options);
}

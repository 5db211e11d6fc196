import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { HttpStatus, INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import { ProblemDetailsResponse } from './common/dto/problem-details.response';
import { createLogger, NestLogger } from './common/logger';
import { Problem } from './common/problem';
import { httpProblem } from './common/problem.filter';
import { depthFault, JSON_BODY_LIMIT, jsonFaults, LIMIT_MESSAGES, parameterFaults, validationPipe } from './common/validation';
import { AppConfig } from './config/app-config';

/**
 * The largest request body accepted: 2 MiB of JSON (docs/intake.md); an application with every
 * list at its maximum is far below it.
 */
export const BODY_LIMIT = JSON_BODY_LIMIT;

/**
 * Builds the HTTP application (used by main.ts, the tests and the OpenAPI export) on Fastify:
 * its per-request cost is a fraction of Express's, and a queue page or an intake spends most of
 * its time in the database rather than in the framework.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  options: {
    logDestination?: DestinationStream;
    /** Called for every route as it is registered (the role-matrix test lists them). */
    onRoute?: (route: { method: string | string[]; url: string }) => void;
  } = {},
): Promise<INestApplication> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    // One JSON line per request (request id as `requestId`), except for health probes.
    loggerInstance: logger,
    logController: new RequestLog({ requestIdLogLabel: 'requestId', disableRequestLogging: isHealthProbe }),
    // A path Fastify's router cannot read (a bad %-escape, a part over 100 characters).
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      commonHeaders(request, reply);
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      const detail = status === 414 ? 'A part of the path is too long' : 'The path is not a valid URL (a broken %-escape)';
      void reply
        .code(status)
        .type('application/problem+json')
        .send(JSON.stringify({ ...httpProblem(status, detail), instance: request.url }));
    },
    // Node's own default, which Fastify otherwise turns off: a client sending its request slower
    // than this is cut off instead of holding a connection.
    requestTimeout: 300_000,
    // X-Forwarded-For is believed only from the proxies TRUSTED_PROXIES names (none by default):
    // the login limits count per client address, and a header anyone may send must not choose it.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
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
  if (options.onRoute) fastify.addHook('onRoute', options.onRoute);
  // Declared up front so every request object has the same shape (the auth guard fills them in).
  fastify.decorateRequest('actor', null);
  fastify.decorateRequest('session', null);

  fastify.addHook('onRequest', (request, reply, done) => {
    commonHeaders(request, reply);
    done();
  });

  // The API takes JSON and nothing else: through Fastify's own parser (which refuses __proto__
  // and constructor keys), with a parse error answered as a validation problem at the document's
  // root. An empty body is no body, whatever its Content-Type (a POST that takes none); any other
  // body is 415. Nesting deeper than the limit is refused from the text, before it is parsed.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, (req, body, done) => {
    if (body.length === 0) return done(null, undefined);
    const text = body.toString('utf8');
    const tooDeep = depthFault(text);
    if (tooDeep) return done(Problem.validation([{ path: tooDeep, message: LIMIT_MESSAGES.depth }]), undefined);
    void parseJson(req as never, text, (error, value) =>
      error ? done(Problem.validation([{ path: '$', message: 'not valid JSON' }]), undefined) : done(null, value),
    );
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (req, body, done) => {
    if ((body as Buffer).length === 0) return done(null, undefined);
    done(
      new Problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported-media-type',
        'Unsupported media type',
        `Send the body as JSON (Content-Type: application/json), not ${req.headers['content-type'] ?? 'without a type'}`,
      ),
      undefined,
    );
  });

  // Documents arrive as multipart/form-data, streamed (documents/upload.ts): only on the routes
  // that say so (@RouteConfig({ multipart: true })); every other route refuses it as it refuses any
  // body that is not JSON. The form's limits are set where it is read.
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (!request.isMultipart() || (request.routeOptions.config as { multipart?: boolean } | undefined)?.multipart) return done();
    done(
      new Problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'unsupported-media-type',
        'Unsupported media type',
        'Send the body as JSON (Content-Type: application/json), not multipart/form-data',
      ),
    );
  });

  // Before any API route sees a request: no text in it holds NUL, an unpaired surrogate or a
  // control character (tab and line breaks are allowed in a body's text), no JSON number is beyond
  // ±(2^53 - 1) and no body nests deeper than the limit; each is a 400 naming the JSON path
  // (common/validation/json-limits.ts), before PostgreSQL or a validator could fail on it.
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (!isApiPath(request.url)) return done();
    const errors = [...parameterFaults(request.params, request.query), ...jsonFaults(request.body)];
    done(errors.length ? Problem.validation(errors) : undefined);
  });

  app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe());
  if (config.consoleDir) await serveConsole(app, config.consoleDir);
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/** API paths, whatever their case (Fastify's router is case-sensitive, so /API/… is simply not found). */
const isApiPath = (url: string) => /^\/api(\/|\?|$)/i.test(url);
const isHealthProbe = (req: { url?: string }) => /^\/health(\/|\?|$)/.test(req.url ?? '');

/** What every answer carries, errors included: helmet's headers, the request id, and no-store on the API. */
function commonHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(SECURITY_HEADERS);
  reply.header('x-request-id', request.id);
  // Case data must not stay in a browser's cache (shared office machines).
  if (isApiPath(request.url)) reply.header('cache-control', 'no-store');
}

/**
 * One line per request when it is answered: method, path, client, status and time (Fastify's
 * default is a second line as each request arrives, and a last one without the method and path).
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
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

// helmet's headers depend on nothing in the request, so helmet works them out once.
const SECURITY_HEADERS = securityHeaders(SECURITY);

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
 * The built console: its files, and index.html for any other GET outside /api and /health, so
 * that deep links into the console work. The build precompresses the files (brotli and gzip,
 * scripts/compress-console.js); each is sent as the browser accepts, never compressed per
 * request. A file whose name carries its content's hash (main-T6DY3MDY.js) never changes, so
 * browsers keep it for a year without asking again (immutable); index.html and the files without
 * a hash (the texts in i18n/) are revalidated, so a new release reaches browsers at once.
 */
async function serveConsole(app: NestFastifyApplication, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // A list: @fastify/static finds a directory's compressed index only from a list of names.
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (reply, path) => {
      reply.header('cache-control', HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    if (isApiPath(request.url) || isHealthProbe(request)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** A file named by the build with its content's hash (Angular's outputHashing), as sent or precompressed. */
const HASHED_FILE = /-[A-Z0-9]{8}\.[a-z0-9]+(\.br|\.gz)?$/;

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const options = new DocumentBuilder()
    .setTitle('Tilsagn API')
    .setDescription('Case management for grants for process and organisational innovation (GBER art. 29)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  // Referenced by every error response (common/openapi.ts ApiProblems) rather than by a type.
  return SwaggerModule.createDocument(app, options, { extraModels: [ProblemDetailsResponse] });
}

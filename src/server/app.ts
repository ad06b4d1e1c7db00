import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { apiDocsOptions } from './api-docs.ts';
import type { Deps } from './deps.ts';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors.ts';
import { archiveRoutes } from './features/archive/archive.routes.ts';
import { attachmentRoutes } from './features/attachments/attachments.routes.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { databaseRateLimitStore } from './features/auth/rate-limit-store.ts';
import { calendarFeedRoutes } from './features/calendar-feeds/calendar-feeds.routes.ts';
import { calendarRoutes } from './features/calendars/calendars.routes.ts';
import { contractRoutes } from './features/contracts/contracts.routes.ts';
import { customerRoutes } from './features/customers/customers.routes.ts';
import { dispatchRoutes } from './features/dispatch/dispatch.routes.ts';
import { emergencyRoutes } from './features/emergency/emergency.routes.ts';
import { escalationRoutes } from './features/escalations/escalations.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { importRoutes } from './features/imports/imports.routes.ts';
import { liveRoutes } from './features/live/live.routes.ts';
import { maintenanceRoutes } from './features/maintenance/maintenance.routes.ts';
import { notificationRoutes } from './features/notifications/notifications.routes.ts';
import { partsRoutes } from './features/parts/parts.routes.ts';
import { remoteAccessRoutes } from './features/remote-access/remote-access.routes.ts';
import { returnVisitRoutes } from './features/return-visits/return-visits.routes.ts';
import { searchRoutes } from './features/search/search.routes.ts';
import { slaRoutes } from './features/sla/sla.routes.ts';
import { surveyRoutes } from './features/surveys/surveys.routes.ts';
import { ticketRoutes } from './features/tickets/tickets.routes.ts';
import { trainingRoutes } from './features/trainings/trainings.routes.ts';
import { userRoutes } from './features/users/users.routes.ts';
import { visitRoutes } from './features/visits/visits.routes.ts';
import { workOrderPhotoRoutes } from './features/work-order-photos/work-order-photos.routes.ts';
import { workOrderRoutes } from './features/work-orders/work-orders.routes.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { answerClientError } from './http/client-error.ts';
import { firstScreenRenderer } from './http/first-screen.ts';
import { jobRoutes } from './jobs/jobs.routes.ts';
import { safeLoggerOptions } from './lib/log-safety.ts';

const API_PREFIX = '/api/v1';
const BODY_LIMIT_BYTES = 1024 * 1024;
export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

type ErrorBody = { error: { code: ErrorCode; message: string; fields?: Record<string, string>; details?: unknown } };

/** Maps anything thrown to the one error shape; only real faults become 500. */
function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: ERROR_STATUS[err.code],
      body: { error: { code: err.code, message: err.message, fields: err.fields, details: err.details } },
    };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = Object.fromEntries(
      err.validation.map((v) => [
        v.instancePath.replace(/^\//, '').replaceAll('/', '.') || err.validationContext || 'body',
        v.message ?? 'invalid',
      ]),
    );
    return {
      status: 400,
      body: { error: { code: 'validation_failed', message: `${err.validationContext ?? 'request'} is invalid`, fields } },
    };
  }
  const rejected = databaseRejection(err);
  if (rejected) return { status: 400, body: { error: { code: 'validation_failed', ...rejected } } };
  const status = (err as FastifyError).statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 429
            ? 'rate_limited'
            : status === 404
              ? 'not_found'
              : 'validation_failed';
    // Malformed JSON and other refusals of the parser name what they refused, like validation errors.
    const fields =
      code === 'validation_failed' ? { [(err as FastifyError).validationContext ?? 'body']: (err as Error).message } : undefined;
    return { status, body: { error: { code, message: (err as Error).message, ...(fields ? { fields } : {}) } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

/**
 * A value the database refused that no edge check caught (a crafted cursor, a number or date beyond a
 * column's range, an id that names nothing): bad input, not a fault. SQLSTATE class 22 is "data
 * exception"; 23503 a foreign key naming a row that does not exist.
 */
function databaseRejection(err: unknown): { message: string; fields: Record<string, string> } | null {
  const cause = (err as { cause?: { code?: unknown; column?: unknown; constraint?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (!code) return null;
  if (code === '23503') {
    const column = typeof cause?.constraint === 'string' ? cause.constraint.replace(/^[a-z_]+?_([a-z_]+)_fk(ey)?$/, '$1') : 'id';
    return { message: 'a referenced record does not exist', fields: { [camel(column)]: 'does not exist' } };
  }
  if (code.startsWith('22')) {
    const column = typeof cause?.column === 'string' ? camel(cause.column) : 'input';
    return { message: 'a value is out of range or malformed', fields: { [column]: 'out of range or malformed' } };
  }
  return null;
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The path of the first string holding a NUL character (PostgreSQL cannot store one), or null. */
function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

export type BuildOptions = {
  deps: Deps;
  logger?: FastifyServerOptions['logger'];
  /** The built web app (tests pass a fixture); served only if it exists. */
  webDir?: string;
  /** The server's render of the first screen (dist/ssr); used only if it exists. */
  ssrDir?: string;
  /** Load that render once the app is ready, not at the first visitor (the server does; tests need not). */
  shouldWarmFirstScreen?: boolean;
};

/** Hashed build output (`/assets/app-3f9a….js`) never changes under its name; everything else is revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** Text worth compressing: JSON, scripts, styles, HTML, SVG. Never the live event stream (it must flush). */
const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|javascript|(?:\+|\/)xml(?:;|$)|^image\/svg/u;

// build() wires the app without listening, so tests drive it with inject().
export async function build({ deps, logger = false, webDir = WEB_DIST_DIR, ssrDir, shouldWarmFirstScreen = false }: BuildOptions) {
  const trusted = deps.config.trustProxy;
  const app = Fastify({
    // Never params of failed queries, credentials or hashes (lib/log-safety.ts).
    logger: safeLoggerOptions(logger),
    bodyLimit: BODY_LIMIT_BYTES,
    // What the HTTP parser refuses (431 and friends) answers in the one error shape too.
    clientErrorHandler: answerClientError,
    // Off unless configured: X-Forwarded-For is believed only from the configured proxies (or hops).
    trustProxy: typeof trusted === 'number' ? (_address: string, hop: number) => hop < trusted : trusted,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).send(body);
  });
  const firstScreen = firstScreenRenderer({ app, webDir, ssrDir });
  app.setNotFoundHandler(async (req, reply) => {
    // Only page navigations fall back to the app; a missing script or image is a plain 404.
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !existsSync(webDir)) {
      return reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    // A staff member's queue comes rendered by the server (http/first-screen.ts).
    if (firstScreen.isRendered(req)) return firstScreen.send(req, reply);
    // Client-side routes of the single-page app all load index.html.
    return reply.type('text/html').header('cache-control', REVALIDATE).sendFile('index.html');
  });
  if (shouldWarmFirstScreen) app.addHook('onReady', async () => void firstScreen.warm());

  // br or gzip as the browser asks: API JSON on the fly (cheap brotli level), the app's files
  // precompressed at build time (.br/.gz beside them, served by @fastify/static) or on the fly.
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // Browser security headers on the app, the API and the docs (issue 9 item 18).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        // The Vite build has no inline script; Ant Design (CSS-in-JS) writes <style> elements and style attributes.
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    frameguard: { action: 'deny' },
    // Attachments and PDFs open in new tabs of the same origin; nothing is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
    // HSTS belongs to the TLS terminator that knows the site is HTTPS-only.
    strictTransportSecurity: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Counted in the database: every process behind a balancer sees the same attempts.
    store: databaseRateLimitStore(deps),
    errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', `too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 5, fieldSize: 1000 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Aftersales API', version: '1', description: 'After-sales service platform (售后服务台)' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token from POST /api/v1/auth/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'aftersales_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    ...apiDocsOptions(`${API_PREFIX}/docs`),
    // Its own policy with the hashes of the page's scripts and styles, framed by no one like the app.
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(/\s*upgrade-insecure-requests;?/, '')
        .trim(),
  });
  app.get(`${API_PREFIX}/openapi.json`, { config: { isPublic: true }, schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app, deps);
  // One guard for every route: a NUL character in any text, filter or path segment is bad input.
  app.addHook('preValidation', async (req) => {
    const found = nulPath(req.params, '') ?? nulPath(req.query, '') ?? nulPath(req.body, '');
    if (found !== null)
      throw new AppError('validation_failed', 'text must not contain NUL characters', { [found || 'body']: 'contains a NUL character' });
  });

  await app.register(healthRoutes, { prefix: API_PREFIX });
  await app.register(authRoutes, { prefix: API_PREFIX, deps });
  await app.register(userRoutes, { prefix: API_PREFIX, deps });
  await app.register(customerRoutes, { prefix: API_PREFIX, deps });
  await app.register(archiveRoutes, { prefix: API_PREFIX, deps });
  await app.register(importRoutes, { prefix: API_PREFIX, deps });
  await app.register(contractRoutes, { prefix: API_PREFIX, deps });
  await app.register(visitRoutes, { prefix: API_PREFIX, deps });
  await app.register(workOrderRoutes, { prefix: API_PREFIX, deps });
  await app.register(workOrderPhotoRoutes, { prefix: API_PREFIX, deps });
  await app.register(maintenanceRoutes, { prefix: API_PREFIX, deps });
  await app.register(dispatchRoutes, { prefix: API_PREFIX, deps });
  await app.register(calendarFeedRoutes, { prefix: API_PREFIX, deps });
  await app.register(surveyRoutes, { prefix: API_PREFIX, deps });
  await app.register(returnVisitRoutes, { prefix: API_PREFIX, deps });
  await app.register(trainingRoutes, { prefix: API_PREFIX, deps });
  await app.register(remoteAccessRoutes, { prefix: API_PREFIX, deps });
  await app.register(escalationRoutes, { prefix: API_PREFIX, deps });
  await app.register(ticketRoutes, { prefix: API_PREFIX, deps });
  await app.register(searchRoutes, { prefix: API_PREFIX, deps });
  await app.register(attachmentRoutes, { prefix: API_PREFIX, deps });
  await app.register(auditRoutes, { prefix: API_PREFIX, deps });
  await app.register(calendarRoutes, { prefix: API_PREFIX, deps });
  await app.register(slaRoutes, { prefix: API_PREFIX, deps });
  await app.register(emergencyRoutes, { prefix: API_PREFIX, deps });
  await app.register(notificationRoutes, { prefix: API_PREFIX, deps });
  await app.register(liveRoutes, { prefix: API_PREFIX, deps });
  await app.register(jobRoutes, { prefix: API_PREFIX, deps });
  await app.register(partsRoutes, { prefix: API_PREFIX, deps });

  if (existsSync(webDir)) {
    // wildcard: files are looked up per request, so a rebuilt app is served without a restart.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const relative = path.relative(webDir, filePath).split(path.sep).join('/');
        res.setHeader('cache-control', relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  return app;
}

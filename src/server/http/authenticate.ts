import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { resolveIdentity, SESSION_COOKIE } from '../features/auth/auth.service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';
// The browsable API documentation is public: it describes the API, it holds no data.
const PUBLIC_DOCS_PREFIX = '/api/v1/docs';

export function bearerOf(header: string | undefined): string | undefined {
  return header?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

function isSameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Runs before body parsing on every API route: finds the caller, refuses anonymous calls to
 * private routes, and demands the CSRF header on cookie-authenticated writes. Bearer tokens are
 * not sent by browsers on their own, so they need no CSRF token.
 */
export function registerAuthentication(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('currentUser', null);
  app.decorateRequest('sessionCsrf', null);

  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    const authorization = req.headers.authorization;
    const bearer = bearerOf(authorization);
    if (authorization && !bearer) throw new AppError('unauthenticated', 'Authorization header must be "Bearer <token>"');
    const identity = await resolveIdentity({ deps, bearer, sessionToken: bearer ? undefined : req.cookies[SESSION_COOKIE] });
    if (identity) {
      req.actor = identity.actor;
      req.currentUser = identity.user;
      req.sessionCsrf = identity.csrfToken;
    }
    // Unknown API paths reach the static files' catch-all route: let them fall through to a 404.
    const isApiRoute = req.routeOptions.url?.startsWith('/api/') ?? false;
    if (!isApiRoute || req.routeOptions.config?.isPublic || req.url.startsWith(PUBLIC_DOCS_PREFIX)) return;
    if (!identity) throw new AppError('unauthenticated', bearer ? 'API token is invalid or revoked' : 'sign in first');
    if (identity.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !identity.csrfToken || !isSameSecret(sent, identity.csrfToken)) {
        throw new AppError('csrf_failed', `missing or wrong ${CSRF_HEADER} header`);
      }
    }
  });
}

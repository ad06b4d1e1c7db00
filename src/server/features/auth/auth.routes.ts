import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { actorOf, currentUserOf } from '../../http/request-context.ts';
import {
  ChangePasswordBody,
  CreateTokenBody,
  CreateTokenResponse,
  LoginBody,
  LoginResponse,
  MeResponse,
  TokenListResponse,
  UpdateMeBody,
  UserResponse,
} from './auth.schema.ts';
import {
  changeOwnPassword,
  createToken,
  listTokens,
  login,
  logout,
  revokeToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  updateMe,
} from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/auth/login',
    {
      config: {
        isPublic: true,
        // Per address and per account: slows password guessing without locking a whole hospital out.
        rateLimit: {
          // After body parsing, so the key can name the account.
          hook: 'preHandler',
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginResponse } },
    },
    async (req, reply) => {
      const result = await login({ deps, input: req.body, ip: req.ip });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        // Over HTTPS (directly, or as a trusted proxy says) the cookie is never sent back over plain HTTP.
        secure: deps.config.isCookieSecure || req.protocol === 'https',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post('/auth/logout', { config: { isPublic: true }, schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
    await logout({ deps, sessionToken: req.cookies[SESSION_COOKIE] });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: MeResponse } } }, async (req) => ({
    user: currentUserOf(req),
    csrfToken: req.sessionCsrf,
  }));

  app.patch('/auth/me', { schema: { tags: ['auth'], body: UpdateMeBody, response: { 200: UserResponse } } }, async (req) =>
    updateMe({ deps, actor: actorOf(req), input: req.body }),
  );

  app.post(
    '/auth/password',
    {
      config: {
        // Guessing the current password through this route is slowed like sign-in.
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req) => `password|${req.actor?.id ?? req.ip}` },
      },
      schema: { tags: ['auth'], body: ChangePasswordBody, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await changeOwnPassword({ deps, actor: actorOf(req), sessionToken: req.cookies[SESSION_COOKIE], input: req.body });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/tokens',
    { schema: { tags: ['auth'], body: CreateTokenBody, response: { 201: CreateTokenResponse } } },
    async (req, reply) => reply.code(201).send(await createToken({ deps, actor: actorOf(req), name: req.body.name })),
  );

  app.get('/auth/tokens', { schema: { tags: ['auth'], response: { 200: TokenListResponse } } }, async (req) =>
    listTokens({ deps, actor: actorOf(req) }),
  );

  app.delete(
    '/auth/tokens/:id',
    { schema: { tags: ['auth'], params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
    async (req, reply) => {
      await revokeToken({ deps, actor: actorOf(req), tokenId: req.params.id });
      return reply.code(204).send(null);
    },
  );
};

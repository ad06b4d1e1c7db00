import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { UserDto } from '../features/auth/auth.schema.ts';
import type { Actor } from '../policy.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    currentUser: UserDto | null;
    /** The session's CSRF token when the request came with the session cookie. */
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    /** Routes anyone may call without signing in (health, login). */
    isPublic?: boolean;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'sign in first');
  return req.actor;
}

export function currentUserOf(req: FastifyRequest): UserDto {
  if (!req.currentUser) throw new AppError('unauthenticated', 'sign in first');
  return req.currentUser;
}

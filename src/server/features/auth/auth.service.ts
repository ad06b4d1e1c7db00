import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import {
  deleteSession,
  findLiveSession,
  findLiveToken,
  findUserByEmail,
  insertSession,
  insertToken,
  revokeToken as revokeTokenRow,
  selectTokens,
  touchToken,
  updateUserProfile,
} from './auth.repo.ts';
import type { LoginInput, UserDto } from './auth.schema.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

export const SESSION_COOKIE = 'aftersales_session';
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const TOKEN_PREFIX = 'ast_';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>;

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    customerId: u.customerId,
    team: u.team,
    isActive: u.isActive,
    locale: u.locale,
    timeZone: u.timeZone,
    createdAt: u.createdAt,
  };
}

function toActor(u: UserRow, via: Actor['via']): Actor {
  return { id: u.id, role: u.role, customerId: u.customerId, name: u.name, via };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export async function login({ deps, input, ip }: { deps: Deps; input: LoginInput; ip: string }) {
  const user = await findUserByEmail(deps.db, input.email);
  // Verify against a dummy hash for unknown users so response time does not reveal which emails exist.
  const isValid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  const now = deps.clock();
  if (!user || !isValid || !user.isActive) {
    await insertAudit(deps.db, {
      actorId: user?.id ?? null,
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      after: { email: input.email.toLowerCase() },
      ip,
      at: now,
    });
    throw new AppError('unauthenticated', 'email or password is wrong');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  await deps.db.transaction(async (tx) => {
    await insertSession(tx, {
      tokenHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    await insertAudit(tx, { actorId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, ip, at: now });
  });
  return { user: toUserDto(user), sessionToken, csrfToken };
}

export async function logout({ deps, sessionToken }: { deps: Deps; sessionToken: string | undefined }) {
  if (sessionToken) await deleteSession(deps.db, sha256(sessionToken));
}

export type ResolvedIdentity = { actor: Actor; user: UserDto; csrfToken: string | null };

/** Finds who is calling from a bearer token or the session cookie; null when neither is valid. */
export async function resolveIdentity({
  deps,
  bearer,
  sessionToken,
}: {
  deps: Deps;
  bearer?: string;
  sessionToken?: string;
}): Promise<ResolvedIdentity | null> {
  const now = deps.clock();
  if (bearer) {
    const found = await findLiveToken(deps.db, sha256(bearer));
    if (!found) return null;
    // Last use is informational: skip the write when it was recorded in the last minute.
    if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > 60_000)
      await touchToken(deps.db, found.token.id, now);
    return { actor: toActor(found.user, 'token'), user: toUserDto(found.user), csrfToken: null };
  }
  if (sessionToken) {
    const found = await findLiveSession(deps.db, sha256(sessionToken), now);
    if (!found) return null;
    return { actor: toActor(found.user, 'session'), user: toUserDto(found.user), csrfToken: found.session.csrfToken };
  }
  return null;
}

export async function createToken({ deps, actor, name }: { deps: Deps; actor: Actor; name: string }) {
  authorize(actor, 'token.manage');
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await insertToken(tx, { userId: actor.id, name, tokenHash: sha256(token), prefix: token.slice(0, 10), createdAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      after: { name },
      at: now,
    });
    return { ...toTokenSummary(row), token };
  });
}

function toTokenSummary(row: Awaited<ReturnType<typeof insertToken>>) {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
}

export async function listTokens({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'token.manage');
  const rows = await selectTokens(deps.db, actor.id);
  return { items: rows.map(toTokenSummary) };
}

export async function revokeToken({ deps, actor, tokenId }: { deps: Deps; actor: Actor; tokenId: string }) {
  authorize(actor, 'token.manage');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    if (!(await revokeTokenRow(tx, tokenId, actor.id, now))) throw notFound('token');
    await insertAudit(tx, { actorId: actor.id, action: 'token.revoke', entityType: 'api_token', entityId: tokenId, at: now });
  });
}

export async function updateMe({
  deps,
  actor,
  input,
}: {
  deps: Deps;
  actor: Actor;
  input: { name?: string; locale?: string; timeZone?: string };
}) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await updateUserProfile(tx, actor.id, input, now);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'user.update_profile',
      entityType: 'user',
      entityId: actor.id,
      after: input,
      at: now,
    });
    return toUserDto(row);
  });
}

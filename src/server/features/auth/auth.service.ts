import { createHash, randomBytes } from 'node:crypto';
import { passwordWeakness } from '../../../domain/password-strength.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import {
  countRateLimitHit,
  deleteSession,
  findLiveSession,
  findLiveToken,
  findRateLimitHit,
  findUserByEmail,
  findUserById,
  insertSession,
  insertToken,
  revokeToken as revokeTokenRow,
  revokeUserCredentials,
  selectTokens,
  touchToken,
  updatePasswordHash,
  updateUserProfile,
} from './auth.repo.ts';
import type { LoginInput, UserDto } from './auth.schema.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

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
    designation: u.designation,
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

/**
 * Failed sign-ins per account, from all addresses together: whatever address an attacker claims or
 * rotates through, one account gets at most this many wrong guesses per window (the per-address limit
 * of the route is the first, tighter line).
 */
export const ACCOUNT_FAILURES_MAX = 20;
export const ACCOUNT_FAILURES_WINDOW_MS = 15 * 60 * 1000;
const accountFailuresKey = (email: string) => `login-failures|${email.toLowerCase()}`;

export async function login({ deps, input, ip }: { deps: Deps; input: LoginInput; ip: string }) {
  const now = deps.clock();
  const failures = await findRateLimitHit(deps.db, accountFailuresKey(input.email));
  if (failures && failures.count >= ACCOUNT_FAILURES_MAX && failures.windowEndsAt > now) {
    const seconds = Math.ceil((failures.windowEndsAt.getTime() - now.getTime()) / 1000);
    throw new AppError('rate_limited', `too many failed sign-ins for this account; try again in ${seconds} s`);
  }
  const user = await findUserByEmail(deps.db, input.email);
  // Verify against a dummy hash for unknown users so response time does not reveal which emails exist.
  const isValid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !isValid || !user.isActive) {
    await countRateLimitHit(deps.db, accountFailuresKey(input.email), ACCOUNT_FAILURES_WINDOW_MS, now);
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

/**
 * The signed-in user changes their own password: the current one must be right; every other session
 * and every personal token ends, the session making the change stays signed in.
 */
export async function changeOwnPassword({
  deps,
  actor,
  sessionToken,
  input,
}: {
  deps: Deps;
  actor: Actor;
  sessionToken: string | undefined;
  input: { currentPassword: string; newPassword: string };
}) {
  const user = await findUserById(deps.db, actor.id);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('validation_failed', 'the current password is wrong', { currentPassword: 'wrong password' });
  }
  const weakness = passwordWeakness(input.newPassword, [user.email, user.name]);
  if (weakness) throw new AppError('validation_failed', 'the new password is too weak', { newPassword: weakness });
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation_failed', 'the new password is the current one', { newPassword: 'same as the current password' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await updatePasswordHash(tx, actor.id, passwordHash, now);
    const keep = actor.via === 'session' && sessionToken ? sha256(sessionToken) : undefined;
    const revoked = await revokeUserCredentials(tx, actor.id, now, keep);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'user.change_password',
      entityType: 'user',
      entityId: actor.id,
      after: { passwordChanged: true, revoked },
      at: now,
    });
  });
}

/** Ends every session and personal token of a user (an admin's password reset, deactivation or role change). */
export function revokeAllCredentials({ tx, userId, at }: { tx: Tx; userId: string; at: Date }) {
  return revokeUserCredentials(tx, userId, at);
}

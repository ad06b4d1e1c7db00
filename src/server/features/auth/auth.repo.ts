import { and, eq, gt, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { preparedPerHandle } from '../../db/prepared.ts';
import { apiTokens, rateLimitHits, sessions, users } from '../../db/schema.ts';

export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findUserById(tx: Tx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertSession(tx: Tx, values: typeof sessions.$inferInsert) {
  await tx.insert(sessions).values(values);
}

export async function deleteSession(tx: Tx, tokenHash: string) {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

const liveSessionStatement = preparedPerHandle(
  (db, name) =>
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.isActive, true)),
      )
      .prepare(name),
  'find_live_session',
);

/** Runs on every signed-in call: a prepared statement. */
export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await liveSessionStatement(tx).execute({ tokenHash, now });
  return row;
}

export async function findLiveToken(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.isActive, true)));
  return row;
}

export async function touchToken(tx: Tx, id: string, at: Date) {
  await tx.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function insertToken(tx: Tx, values: typeof apiTokens.$inferInsert) {
  const [row] = await tx.insert(apiTokens).values(values).returning();
  return row;
}

export async function selectTokens(tx: Tx, userId: string) {
  return tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt);
}

export async function revokeToken(tx: Tx, id: string, userId: string, at: Date) {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function updateUserProfile(tx: Tx, id: string, values: Partial<typeof users.$inferInsert>, at: Date) {
  const [row] = await tx
    .update(users)
    .set({ ...values, updatedAt: at })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/**
 * Counts one attempt for `key` in its window, starting a new window when the last one has ended, in one
 * statement (two processes counting at once both land). Returns the count and when the window ends.
 */
export async function countRateLimitHit(tx: Tx, key: string, windowMs: number, now: Date) {
  const ends = new Date(now.getTime() + windowMs);
  const [row] = await tx
    .insert(rateLimitHits)
    .values({ key, count: 1, windowEndsAt: ends })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      set: {
        count: sql`case when ${rateLimitHits.windowEndsAt} <= ${now} then 1 else ${rateLimitHits.count} + 1 end`,
        windowEndsAt: sql`case when ${rateLimitHits.windowEndsAt} <= ${now} then ${ends} else ${rateLimitHits.windowEndsAt} end`,
      },
    })
    .returning({ count: rateLimitHits.count, windowEndsAt: rateLimitHits.windowEndsAt });
  return row;
}

export async function findRateLimitHit(tx: Tx, key: string) {
  const [row] = await tx.select().from(rateLimitHits).where(eq(rateLimitHits.key, key));
  return row;
}

export async function deleteEndedRateLimitWindows(tx: Tx, now: Date) {
  await tx.delete(rateLimitHits).where(lte(rateLimitHits.windowEndsAt, now));
}

/**
 * Ends every session and personal token of a user (password reset or change, deactivation, role change),
 * except the session `keepTokenHash` names (the one changing its own password).
 */
export async function revokeUserCredentials(tx: Tx, userId: string, at: Date, keepTokenHash?: string) {
  const sessionRows = await tx
    .delete(sessions)
    .where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId))
    .returning({ userId: sessions.userId });
  const tokenRows = await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessions: sessionRows.length, tokens: tokenRows.length };
}

export async function updatePasswordHash(tx: Tx, userId: string, passwordHash: string, at: Date) {
  await tx.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId));
}

import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.ts';
import { preparedPerHandle } from '../../db/prepared.ts';
import { slaPauses, slaPolicies, ticketSlaTargets, tickets, users } from '../../db/schema.ts';

export type PolicyRow = typeof slaPolicies.$inferSelect;
export type TargetRow = typeof ticketSlaTargets.$inferSelect;

export async function selectPolicies(tx: Tx) {
  return tx.select().from(slaPolicies).orderBy(desc(slaPolicies.priority), asc(slaPolicies.name));
}

export async function findPolicy(tx: Tx, id: string) {
  const [row] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  return row;
}

export async function insertPolicy(tx: Tx, values: typeof slaPolicies.$inferInsert) {
  const [row] = await tx.insert(slaPolicies).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updatePolicyRow(tx: Tx, id: string, values: Partial<typeof slaPolicies.$inferInsert>) {
  const [row] = await tx.update(slaPolicies).set(values).where(eq(slaPolicies.id, id)).returning();
  return row;
}

/** The most specific active policy: a customer's own beats a category's beats a tier's beats the default; then priority. */
export async function matchPolicy(tx: Tx, match: { customerId: string; contentCategory: string | null; tier: string | null }) {
  const fits = (column: AnyPgColumn, value: string | null) =>
    value === null ? sql`${column} is null` : sql`(${column} is null or ${column} = ${value})`;
  const [row] = await tx
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.isActive, true),
        fits(slaPolicies.customerId, match.customerId),
        fits(slaPolicies.contentCategory, match.contentCategory),
        fits(slaPolicies.tier, match.tier),
      ),
    )
    .orderBy(
      sql`(${slaPolicies.customerId} is not null) desc`,
      sql`(${slaPolicies.contentCategory} is not null) desc`,
      sql`(${slaPolicies.tier} is not null) desc`,
      desc(slaPolicies.priority),
      asc(slaPolicies.createdAt),
    )
    .limit(1);
  return row;
}

export async function insertTargets(tx: Tx, values: (typeof ticketSlaTargets.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(ticketSlaTargets).values(values).onConflictDoNothing().returning();
}

/** The ticket's clocks, locked: callers already hold the ticket's row lock, so this never waits on the scheduler for long. */
export async function selectTargetsForUpdate(tx: Tx, ticketId: string) {
  return tx.select().from(ticketSlaTargets).where(eq(ticketSlaTargets.ticketId, ticketId)).for('update');
}

const targetsOfOneStatement = preparedPerHandle(
  (db, name) =>
    db
      .select()
      .from(ticketSlaTargets)
      .where(eq(ticketSlaTargets.ticketId, sql.placeholder('ticketId')))
      .prepare(name),
  'select_targets_of_one',
);

export async function selectTargetsOf(tx: Tx, ticketIds: string[]) {
  if (ticketIds.length === 0) return [];
  // One request (its page, every change): prepared; a page of them: the list varies, planned each time.
  if (ticketIds.length === 1) return targetsOfOneStatement(tx).execute({ ticketId: ticketIds[0] });
  return tx.select().from(ticketSlaTargets).where(inArray(ticketSlaTargets.ticketId, ticketIds));
}

export async function updateTarget(tx: Tx, id: string, values: Partial<typeof ticketSlaTargets.$inferInsert>) {
  await tx.update(ticketSlaTargets).set(values).where(eq(ticketSlaTargets.id, id));
}

export async function insertPause(tx: Tx, targetId: string, at: Date, reason: string) {
  await tx.insert(slaPauses).values({ targetId, pausedAt: at, reason });
}

export async function closePauses(tx: Tx, targetId: string, at: Date) {
  await tx
    .update(slaPauses)
    .set({ resumedAt: at })
    .where(and(eq(slaPauses.targetId, targetId), isNull(slaPauses.resumedAt)));
}

export async function selectPauses(tx: Tx, targetIds: string[]) {
  if (targetIds.length === 0) return [];
  return tx.select().from(slaPauses).where(inArray(slaPauses.targetId, targetIds)).orderBy(asc(slaPauses.id));
}

/**
 * Running clocks whose warning or due instant has come, locked for this transaction. SKIP LOCKED lets
 * several scheduler processes share the work: each row is taken by exactly one of them.
 */
export async function claimDueTargets(tx: Tx, now: Date, limit: number) {
  return tx
    .select({ target: ticketSlaTargets, ticket: tickets })
    .from(ticketSlaTargets)
    .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
    .where(
      and(
        eq(ticketSlaTargets.state, 'running'),
        or(lte(ticketSlaTargets.dueAt, now), and(isNull(ticketSlaTargets.warnedAt), lte(ticketSlaTargets.warnAt, now))),
      ),
    )
    .orderBy(asc(sql`least(${ticketSlaTargets.dueAt}, coalesce(${ticketSlaTargets.warnAt}, ${ticketSlaTargets.dueAt}))`))
    .limit(limit)
    .for('update', { of: ticketSlaTargets, skipLocked: true });
}

export async function selectAtRiskTargets(tx: Tx, limit: number, customerScope: string | null) {
  return tx
    .select({ target: ticketSlaTargets })
    .from(ticketSlaTargets)
    .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
    .where(
      and(
        or(eq(ticketSlaTargets.state, 'running'), and(eq(ticketSlaTargets.state, 'breached'), isNull(ticketSlaTargets.metAt))),
        customerScope ? eq(tickets.customerId, customerScope) : undefined,
      ),
    )
    .orderBy(asc(sql`coalesce(${ticketSlaTargets.dueAt}, ${ticketSlaTargets.breachedAt})`))
    .limit(limit);
}

export async function selectManagers(tx: Tx, team: string | null) {
  const rows = await tx
    .select({ id: users.id, team: users.team })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.isActive, true)));
  const ofTeam = rows.filter((r) => team && r.team === team);
  return (ofTeam.length > 0 ? ofTeam : rows).map((r) => r.id);
}

import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { FINISHED_STATUSES } from '../../../domain/sla/clock-decisions.ts';
import { OPEN_STATUSES } from '../../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import { preparedPerHandle } from '../../db/prepared.ts';
import { customers, serviceTiers, slaPauses, slaPolicies, ticketEvents, ticketSlaTargets, tickets, users } from '../../db/schema.ts';

export type PolicyRow = typeof slaPolicies.$inferSelect;

/** Where the customer is: the on-site clock's distance rules name provinces and cities. */
export async function findCustomerPlace(tx: Tx, customerId: string) {
  const [row] = await tx
    .select({ province: customers.province, city: customers.city, distanceClass: customers.distanceClass })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row;
}
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

/** Whether the tier has priority on major issues (002: Diamond). */
export async function tierHasPriority(tx: Tx, code: string): Promise<boolean> {
  const [row] = await tx.select({ hasPriority: serviceTiers.hasPriority }).from(serviceTiers).where(eq(serviceTiers.code, code));
  return row?.hasPriority ?? false;
}

/** The most specific active policy: a customer's own beats a category's beats a tier's beats the default; then priority. */
/** The built-in tiers and their service windows: each gets a seeded policy (issue 14). */
export async function selectBuiltinTiers(tx: Tx) {
  return tx
    .select({
      code: serviceTiers.code,
      nameZh: serviceTiers.nameZh,
      nameEn: serviceTiers.nameEn,
      serviceWindow: serviceTiers.serviceWindow,
      hasPriority: serviceTiers.hasPriority,
    })
    .from(serviceTiers)
    .where(eq(serviceTiers.isBuiltin, true))
    .orderBy(asc(serviceTiers.code));
}

/**
 * The most specific active policy: customer, then content category, then tier, then customer kind
 * (000: priority by industry), then service class (003), then priority.
 */
export async function matchPolicy(
  tx: Tx,
  match: { customerId: string; contentCategory: string | null; tier: string | null; serviceClass?: string | null },
) {
  const fits = (column: AnyPgColumn, value: string | null) =>
    value === null ? sql`${column} is null` : sql`(${column} is null or ${column} = ${value})`;
  const kindOfCustomer = sql`(select ${customers.kind} from ${customers} where ${customers.id} = ${match.customerId})`;
  const [row] = await tx
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.isActive, true),
        fits(slaPolicies.customerId, match.customerId),
        fits(slaPolicies.contentCategory, match.contentCategory),
        fits(slaPolicies.tier, match.tier),
        sql`(${slaPolicies.customerKind} is null or ${slaPolicies.customerKind} = ${kindOfCustomer})`,
        fits(slaPolicies.serviceClass, match.serviceClass ?? null),
      ),
    )
    .orderBy(
      sql`(${slaPolicies.customerId} is not null) desc`,
      sql`(${slaPolicies.contentCategory} is not null) desc`,
      sql`(${slaPolicies.tier} is not null) desc`,
      sql`(${slaPolicies.customerKind} is not null) desc`,
      sql`(${slaPolicies.serviceClass} is not null) desc`,
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

/** The ticket's clocks, locked. Callers hold the ticket's row lock first (the one lock order: request, then its clocks). */
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

/** The ticket columns the SLA tick works with. */
const tickTicketFields = {
  id: tickets.id,
  number: tickets.number,
  customerId: tickets.customerId,
  status: tickets.status,
  severity: tickets.severity,
  team: tickets.team,
  assigneeId: tickets.assigneeId,
  slaPolicyId: tickets.slaPolicyId,
  escalationLevel: tickets.escalationLevel,
  escalationDueAt: tickets.escalationDueAt,
};
export type TickTicket = { [K in keyof typeof tickTicketFields]: (typeof tickets.$inferSelect)[K] };

/**
 * Requests with a timer due (a running clock's warning or due instant, or the ladder's next rung), locked
 * for this transaction. One lock order everywhere: the request row first, then its clocks — as the ticket
 * services do — so the tick and request writes never deadlock. SKIP LOCKED lets several scheduler processes
 * share the work (each request is taken by one of them) and passes over a request a user is writing now:
 * the next tick takes it.
 */
export async function lockTicketsWithDueTimers(tx: Tx, now: Date, limit: number): Promise<TickTicket[]> {
  const dueClocks = sql`select ${ticketSlaTargets.ticketId} from ${ticketSlaTargets}
    where ${ticketSlaTargets.state} = 'running' and ${ticketSlaTargets.dueAt} <= ${now}
    union all
    select ${ticketSlaTargets.ticketId} from ${ticketSlaTargets}
    where ${ticketSlaTargets.state} = 'running' and ${ticketSlaTargets.warnedAt} is null and ${ticketSlaTargets.warnAt} <= ${now}
    union all
    select ${tickets.id} from ${tickets} where ${tickets.escalationDueAt} <= ${now}`;
  return tx
    .select(tickTicketFields)
    .from(tickets)
    .where(sql`${tickets.id} in (${dueClocks})`)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The ladder's columns on a request (the row is locked by the caller); a climb bumps the version like any change. */
export async function updateTicketEscalation(
  tx: Tx,
  id: string,
  values: { escalationDueAt: Date | null; escalationLevel?: number; team?: TickTicket['team']; updatedAt?: Date },
) {
  const bump = values.escalationLevel === undefined ? {} : { version: sql`${tickets.version} + 1` };
  await tx
    .update(tickets)
    .set({ ...values, ...bump })
    .where(eq(tickets.id, id));
}

/** An SLA entry on the request's timeline (internal: hospitals never see the escalation machinery). */
export async function insertSlaTimelineEvent(
  tx: Tx,
  values: {
    ticketId: string;
    type: 'sla_warning' | 'sla_breached' | 'escalated' | 'manager_alerted';
    data: Record<string, unknown>;
    at: Date;
  },
) {
  await tx
    .insert(ticketEvents)
    .values({ ticketId: values.ticketId, actorId: null, type: values.type, isInternal: true, data: values.data, createdAt: values.at });
}

/** Clocks still owed on requests that are finished: left running by versions before migration 0010. */
export async function selectOwedTargetsOfFinishedTickets(tx: Tx) {
  return tx
    .select({ target: ticketSlaTargets, status: tickets.status, resolvedAt: tickets.resolvedAt, closedAt: tickets.closedAt })
    .from(ticketSlaTargets)
    .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
    .where(
      and(
        isNull(ticketSlaTargets.metAt),
        isNull(ticketSlaTargets.stoppedAt),
        inArray(ticketSlaTargets.state, ['running', 'paused', 'breached']),
        inArray(tickets.status, [...FINISHED_STATUSES]),
      ),
    );
}

/** Clocks still owed on requests still open: the breach-risk list, breached first, then soonest due. */
export async function selectAtRiskTargets(tx: Tx, limit: number, customerScope: string | null) {
  return tx
    .select({ target: ticketSlaTargets })
    .from(ticketSlaTargets)
    .innerJoin(tickets, eq(tickets.id, ticketSlaTargets.ticketId))
    .where(
      and(
        isNull(ticketSlaTargets.metAt),
        isNull(ticketSlaTargets.stoppedAt),
        inArray(ticketSlaTargets.state, ['running', 'breached']),
        inArray(tickets.status, [...OPEN_STATUSES]),
        customerScope ? eq(tickets.customerId, customerScope) : undefined,
      ),
    )
    .orderBy(asc(sql`coalesce(${ticketSlaTargets.dueAt}, ${ticketSlaTargets.breachedAt})`))
    .limit(limit);
}

/** The early-warning share of each policy (the web colours a clock at its own policy's share). */
export async function selectWarnPercents(tx: Tx, policyIds: string[]) {
  if (policyIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .select({ id: slaPolicies.id, warnPercent: slaPolicies.warnPercent })
    .from(slaPolicies)
    .where(inArray(slaPolicies.id, policyIds));
  return new Map(rows.map((r) => [r.id, r.warnPercent]));
}

export async function selectManagers(tx: Tx, team: string | null) {
  const rows = await tx
    .select({ id: users.id, team: users.team })
    .from(users)
    .where(and(eq(users.role, 'manager'), eq(users.isActive, true)));
  const ofTeam = rows.filter((r) => team && r.team === team);
  return (ofTeam.length > 0 ? ofTeam : rows).map((r) => r.id);
}

/** When the request's next escalation rung is owed (null: none). The caller holds the request's row lock. */
export async function setEscalationDue(tx: Tx, ticketId: string, at: Date | null) {
  await tx.update(tickets).set({ escalationDueAt: at }).where(eq(tickets.id, ticketId));
}

/** Finished requests climb no further (start-up repair of data written before migration 0010). */
export async function clearEscalationOfFinishedTickets(tx: Tx) {
  await tx
    .update(tickets)
    .set({ escalationDueAt: null })
    .where(and(sql`${tickets.escalationDueAt} is not null`, inArray(tickets.status, [...FINISHED_STATUSES])));
}

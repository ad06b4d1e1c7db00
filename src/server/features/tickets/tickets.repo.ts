import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { OPEN_STATUSES, type Severity, type Status } from '../../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import { preparedPerHandle } from '../../db/prepared.ts';
import { attachments, contacts, customers, ticketCounters, ticketEvents, ticketStatusCounts, tickets, users } from '../../db/schema.ts';
import { createdSince, inRecentSlices, matchesQuery, matchFor, planSlices, RANK_WINDOW, rankOf } from '../search/search.repo.ts';
import type { TicketSort } from './tickets.schema.ts';

/** Every column but the search vector: it is large, and only the search queries look at it. */
const { searchVector: _searchVector, ...ticketFields } = getTableColumns(tickets);

export { ticketFields };
export type TicketRow = Omit<typeof tickets.$inferSelect, 'searchVector'>;

/** Next number in the year's sequence; the row lock serialises concurrent intakes. */
export async function nextTicketSequence(tx: Tx, year: number): Promise<number> {
  const [row] = await tx
    .insert(ticketCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: ticketCounters.year, set: { last: sql`${ticketCounters.last} + 1` } })
    .returning({ last: ticketCounters.last });
  return row.last;
}

/** Gives a just-inserted request its number (taken at the end of the intake transaction). */
export async function setTicketNumber(tx: Tx, id: string, number: string): Promise<void> {
  await tx.update(tickets).set({ number }).where(eq(tickets.id, id));
}

export async function insertTicket(tx: Tx, values: Omit<typeof tickets.$inferInsert, 'searchVector'> & { searchVector?: SQL }) {
  const [row] = await tx.insert(tickets).values(values).returning(ticketFields);
  return row;
}

/** Locks the row so two agents changing one request are applied one after the other. */
export async function lockTicket(tx: Tx, id: string) {
  const [row] = await tx.select(ticketFields).from(tickets).where(eq(tickets.id, id)).for('update');
  return row;
}

export async function findTicketRow(tx: Tx, id: string) {
  const [row] = await tx.select(ticketFields).from(tickets).where(eq(tickets.id, id));
  return row;
}

export async function updateTicketRow(tx: Tx, id: string, values: Partial<typeof tickets.$inferInsert>) {
  const [row] = await tx
    .update(tickets)
    .set({ ...values, version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, id))
    .returning(ticketFields);
  return row;
}

export async function insertEvent(tx: Tx, values: typeof ticketEvents.$inferInsert) {
  const [row] = await tx.insert(ticketEvents).values(values).returning();
  return row;
}

const severityRank = sql<number>`(case ${tickets.severity} when 'critical' then 0 when 'urgent' then 1 else 2 end)`;
/**
 * 0 for an open critical/urgent request that came in under a tier with priority on major issues (002:
 * Diamond), else 1: within a severity these come first in the queue's default order. The same expression
 * as the index tickets_priority_created_idx (migration 0022).
 */
const priorityRank = sql<number>`(case when ${tickets.majorPriority} and ${tickets.severity} in ('critical','urgent') and ${tickets.status} in ('new','acknowledged','in_progress','waiting_on_customer') then 0 else 1 end)`;

// Names come from scalar subqueries, not joins: with four joins PostgreSQL spent 1.4 ms planning a queue
// page it ran in 0.5 ms (it weighs every join order); a subquery per name plans in 0.17 ms and runs as fast.
// The outer column is qualified by hand: in a one-table select drizzle prints bare column names, and a
// bare name inside the subquery would resolve against the subquery's own table first.
const nameOf = <T extends string | null>(table: typeof customers | typeof contacts | typeof users, id: AnyPgColumn) =>
  sql<T>`(select ${sql.identifier('name')} from ${table} where ${sql.identifier('id')} = ${sql.identifier('tickets')}.${sql.identifier(id.name)})`;

const ticketColumns = {
  ticket: ticketFields,
  customerName: nameOf<string>(customers, tickets.customerId),
  contactName: nameOf<string | null>(contacts, tickets.contactId),
  assigneeName: nameOf<string | null>(users, tickets.assigneeId),
  creatorName: nameOf<string | null>(users, tickets.createdById),
};

function selectTicketsJoined(tx: Tx, extra: { rank?: SQL<number> } = {}) {
  return tx.select({ ...ticketColumns, ...extra }).from(tickets);
}

export type TicketJoinedRow = Awaited<ReturnType<typeof findTicketJoined>> & {};

const ticketJoinedStatement = preparedPerHandle(
  (db, name) =>
    selectTicketsJoined(db)
      .where(eq(tickets.id, sql.placeholder('id')))
      .prepare(name),
  'find_ticket_joined',
);

export async function findTicketJoined(tx: Tx, id: string) {
  const [row] = await ticketJoinedStatement(tx).execute({ id });
  return row;
}

export type TicketListFilter = {
  customerScope: string | null;
  status?: Status[];
  severity?: Severity[];
  customerId?: string;
  assigneeId?: string | null;
  team?: string;
  contentCategory?: string;
  causeCategory?: string;
  /** An exact request number, or a parsed full-text query (see domain/search). */
  number?: string;
  tsquery?: string;
  sort: TicketSort;
  /** The last row's sort key from the previous page. */
  after?: (string | number)[];
  limit: number;
};

function filterConditions(f: Omit<TicketListFilter, 'sort' | 'after' | 'limit'>): (SQL | undefined)[] {
  const c: (SQL | undefined)[] = [];
  if (f.customerScope) c.push(eq(tickets.customerId, f.customerScope));
  if (f.status?.length) c.push(inArray(tickets.status, f.status));
  if (f.severity?.length) c.push(inArray(tickets.severity, f.severity));
  if (f.customerId) c.push(eq(tickets.customerId, f.customerId));
  if (f.assigneeId === null) c.push(isNull(tickets.assigneeId));
  else if (f.assigneeId) c.push(eq(tickets.assigneeId, f.assigneeId));
  if (f.team) c.push(eq(tickets.team, f.team as NonNullable<typeof tickets.$inferSelect.team>));
  if (f.contentCategory) c.push(eq(tickets.contentCategory, f.contentCategory as NonNullable<typeof tickets.$inferSelect.contentCategory>));
  if (f.causeCategory) c.push(eq(tickets.causeCategory, f.causeCategory as NonNullable<typeof tickets.$inferSelect.causeCategory>));
  if (f.number) c.push(eq(tickets.number, f.number));
  if (f.tsquery) c.push(matchesQuery(f.tsquery));
  return c;
}

/** Keyset pagination: each sort has a total order ending in the id, and the cursor is that key. */
type KeyRow = { ticket: TicketRow; rank?: number };

function sortPlan(sort: TicketSort, after?: (string | number)[], tsquery?: string) {
  const ts = (v: string | number) => new Date(String(v));
  if (sort === 'relevance' && tsquery) {
    // ts_rank is a float4; it goes out and comes back as its shortest exact decimal, so equality holds.
    const rank = rankOf(tsquery);
    return {
      orderBy: [desc(rank), desc(tickets.id)],
      seek:
        after &&
        sql`(${rank} < ${Number(after[0])}::real or (${rank} = ${Number(after[0])}::real and ${tickets.id} < ${String(after[1])}))`,
      keyOf: (r: KeyRow) => [r.rank ?? 0, r.ticket.id],
      arity: 2,
      rank,
    };
  }
  switch (sort) {
    case 'created_asc':
      return {
        orderBy: [asc(tickets.createdAt), asc(tickets.id)],
        seek: after && sql`(${tickets.createdAt}, ${tickets.id}) > (${ts(after[0])}, ${String(after[1])})`,
        keyOf: ({ ticket: t }: KeyRow) => [t.createdAt.toISOString(), t.id],
        arity: 2,
      };
    case 'updated_desc':
      return {
        orderBy: [desc(tickets.updatedAt), desc(tickets.id)],
        seek: after && sql`(${tickets.updatedAt}, ${tickets.id}) < (${ts(after[0])}, ${String(after[1])})`,
        keyOf: ({ ticket: t }: KeyRow) => [t.updatedAt.toISOString(), t.id],
        arity: 2,
      };
    case 'severity':
      return {
        orderBy: [asc(severityRank), desc(tickets.createdAt), desc(tickets.id)],
        seek:
          after &&
          sql`(${severityRank} > ${Number(after[0])} or (${severityRank} = ${Number(after[0])} and (${tickets.createdAt}, ${tickets.id}) < (${ts(after[1])}, ${String(after[2])})))`,
        keyOf: ({ ticket: t }: KeyRow) => [{ critical: 0, urgent: 1, normal: 2 }[t.severity], t.createdAt.toISOString(), t.id],
        arity: 3,
      };
    case 'priority':
      // Severity, then Diamond's open major issues, then newest first (docs/service-rules.md).
      return {
        orderBy: [asc(severityRank), asc(priorityRank), desc(tickets.createdAt), desc(tickets.id)],
        seek:
          after &&
          sql`((${severityRank}, ${priorityRank}) > (${Number(after[0])}, ${Number(after[1])}) or ((${severityRank}, ${priorityRank}) = (${Number(after[0])}, ${Number(after[1])}) and (${tickets.createdAt}, ${tickets.id}) < (${ts(after[2])}, ${String(after[3])})))`,
        keyOf: ({ ticket: t }: KeyRow) => [
          { critical: 0, urgent: 1, normal: 2 }[t.severity],
          t.majorPriority && t.severity !== 'normal' && (OPEN_STATUSES as readonly string[]).includes(t.status) ? 0 : 1,
          t.createdAt.toISOString(),
          t.id,
        ],
        arity: 4,
      };
    default:
      return {
        orderBy: [desc(tickets.createdAt), desc(tickets.id)],
        seek: after && sql`(${tickets.createdAt}, ${tickets.id}) < (${ts(after[0])}, ${String(after[1])})`,
        keyOf: ({ ticket: t }: KeyRow) => [t.createdAt.toISOString(), t.id],
        arity: 2,
      };
  }
}

export function cursorArity(sort: TicketSort, tsquery?: string): number {
  return sortPlan(sort, undefined, tsquery).arity;
}

export async function selectTickets(tx: Tx, filter: TicketListFilter) {
  const plan = sortPlan(filter.sort, filter.after, filter.tsquery);
  const conditions = filterConditions(filter);
  if ('rank' in plan && plan.rank) {
    // Ranking reads each candidate's vector, so it runs over the RANK_WINDOW most recent matches
    // (index-backed, a recency slice at a time: see inRecentSlices); sort=created_desc lists every match.
    const tsquery = filter.tsquery ?? '';
    const others = filterConditions({ ...filter, tsquery: undefined });
    const scope = filter.customerScope ?? filter.customerId ?? null;
    const slices = await planSlices(tx, tsquery, scope, RANK_WINDOW);
    const ids = await inRecentSlices(
      RANK_WINDOW,
      async (since) => {
        const found = await tx
          .select({ id: tickets.id })
          .from(tickets)
          .where(and(...others, matchFor(slices, { vector: tickets.searchVector, tsquery, since, scope }), createdSince(since)))
          .orderBy(desc(tickets.createdAt))
          .limit(RANK_WINDOW);
        return { found: found.length, result: found.map((r) => r.id) };
      },
      slices,
    );
    const rows: (TicketJoinedRow & { rank?: number })[] = await selectTicketsJoined(tx, { rank: plan.rank })
      // = any($ids): the candidates were found first, then fetched by primary key (never a scan of tickets).
      .where(and(sql`${tickets.id} = any(${sql.param(ids)}::uuid[])`, plan.seek))
      .orderBy(...plan.orderBy)
      .limit(filter.limit);
    return { rows, keyOf: plan.keyOf };
  }
  const rows = await selectTicketsJoined(tx)
    .where(and(...conditions, plan.seek))
    .orderBy(...plan.orderBy)
    .limit(filter.limit);
  return { rows, keyOf: plan.keyOf };
}

export async function countTickets(tx: Tx, scope: string | null, actorId: string) {
  const scoped = scope ? eq(tickets.customerId, scope) : undefined;
  // Per-status totals come from the trigger-maintained summary (a few rows, not every request).
  const byStatus = await tx
    .select({ status: ticketStatusCounts.status, n: sql<number>`sum(${ticketStatusCounts.n})::int` })
    .from(ticketStatusCounts)
    .where(scope ? eq(ticketStatusCounts.customerId, scope) : undefined)
    .groupBy(ticketStatusCounts.status);
  const isOpen = inArray(tickets.status, [...OPEN_STATUSES]);
  // Only the two counts that depend on assignee and severity read requests: each is a short range of an
  // index (assignee + status; the partial open index for unassigned + critical), not all ~90,000 open
  // requests of a large archive (24 ms → 1 ms at 1,000,000 requests).
  const countOf = (where: SQL | undefined) => sql`(select count(*) from ${tickets} where ${and(scoped, isOpen, where)})::int`;
  const result = (await tx.execute(sql`
    select ${countOf(eq(tickets.assigneeId, actorId))} as "myOpen",
      ${countOf(and(isNull(tickets.assigneeId), eq(tickets.severity, 'critical')))} as "unassignedCritical"`)) as unknown as {
    rows: { myOpen: number | string; unassignedCritical: number | string }[];
  };
  const row = { myOpen: Number(result.rows[0].myOpen), unassignedCritical: Number(result.rows[0].unassignedCritical) };
  const totals = Object.fromEntries(byStatus.filter((r) => r.n > 0).map((r) => [r.status, r.n]));
  // Open and waiting totals come from the summary too (exact: kept by triggers in the changing transaction).
  const open = OPEN_STATUSES.reduce((sum, status) => sum + (totals[status] ?? 0), 0);
  return { byStatus: totals, ...row, waitingOnCustomer: totals.waiting_on_customer ?? 0, open };
}

// A request's timeline and files, with and without internal entries: four prepared statements.
const eventsStatement = (includeInternal: boolean) =>
  preparedPerHandle(
    (db, name) =>
      db
        .select({ event: ticketEvents, actorName: users.name, actorRole: users.role })
        .from(ticketEvents)
        .leftJoin(users, eq(users.id, ticketEvents.actorId))
        .where(
          and(eq(ticketEvents.ticketId, sql.placeholder('ticketId')), includeInternal ? undefined : eq(ticketEvents.isInternal, false)),
        )
        .orderBy(asc(ticketEvents.id))
        .prepare(name),
    includeInternal ? 'select_events_all' : 'select_events_public',
  );
const eventStatements = { all: eventsStatement(true), public: eventsStatement(false) };

export async function selectEvents(tx: Tx, ticketId: string, includeInternal: boolean) {
  return eventStatements[includeInternal ? 'all' : 'public'](tx).execute({ ticketId });
}

const attachmentsStatement = (includeInternal: boolean) =>
  preparedPerHandle(
    (db, name) =>
      db
        .select({ attachment: attachments, uploaderName: users.name })
        .from(attachments)
        .leftJoin(users, eq(users.id, attachments.uploadedById))
        .where(and(eq(attachments.ticketId, sql.placeholder('ticketId')), includeInternal ? undefined : eq(attachments.isInternal, false)))
        .orderBy(asc(attachments.createdAt), asc(attachments.id))
        .prepare(name),
    includeInternal ? 'select_attachments_all' : 'select_attachments_public',
  );
const attachmentStatements = { all: attachmentsStatement(true), public: attachmentsStatement(false) };

export async function selectAttachments(tx: Tx, ticketId: string, includeInternal: boolean) {
  return attachmentStatements[includeInternal ? 'all' : 'public'](tx).execute({ ticketId });
}

export async function findActiveStaff(tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.isActive, true), ne(users.role, 'customer')));
  return row;
}

export async function findContactOf(tx: Tx, contactId: string, customerId: string) {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.customerId, customerId)));
  return row;
}

export async function selectTicketsByIds(tx: Tx, ids: string[], customerScope: string | null) {
  if (ids.length === 0) return [];
  return selectTicketsJoined(tx).where(and(inArray(tickets.id, ids), customerScope ? eq(tickets.customerId, customerScope) : undefined));
}

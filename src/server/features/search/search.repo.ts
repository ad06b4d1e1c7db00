import { and, asc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { indexFields } from '../../../domain/search/segment.ts';
import type { Tx } from '../../db/client.ts';
import { customers, ticketEvents, tickets } from '../../db/schema.ts';

/**
 * What a request's search vector is made of, by weight: A title, B customer name,
 * C module, description and resolution, D public timeline text (replies, phone notes, status comments).
 * Internal notes are never indexed: customer users search too.
 */
export type SearchFields = {
  title: string;
  customerName: string;
  module?: string | null;
  description: string;
  resolutionSummary?: string | null;
  publicTexts: readonly string[];
};

/** The four weighted token strings, title first so a long thread never pushes it out of the budget. */
export function searchDocuments(f: SearchFields): [string, string, string, string] {
  const [a, b, c, d] = indexFields([
    f.title,
    f.customerName,
    [f.module, f.description, f.resolutionSummary].filter(Boolean).join('\n'),
    f.publicTexts.join('\n'),
  ]);
  return [a ?? '', b ?? '', c ?? '', d ?? ''];
}

/** `tsvector` from the four weighted token strings (SQL expressions or bound values). */
export function weightedVector(a: SQL | string, b: SQL | string, c: SQL | string, d: SQL | string): SQL {
  const part = (v: SQL | string, w: string) =>
    sql`setweight(to_tsvector('simple', ${typeof v === 'string' ? sql`${v}::text` : v}), ${sql.raw(`'${w}'`)})`;
  return sql`(${part(a, 'A')} || ${part(b, 'B')} || ${part(c, 'C')} || ${part(d, 'D')})`;
}

export function searchVectorOf(f: SearchFields): SQL {
  const [a, b, c, d] = searchDocuments(f);
  return weightedVector(a, b, c, d);
}

/**
 * Ranking reads every candidate's vector, so it is bounded: the most recent RANK_WINDOW matches are
 * ranked (a word found in more requests than that is too common to rank usefully; the response says so).
 */
export const RANK_WINDOW = 1000;

/** `to_tsquery('simple', …)` of a parsed query (operands are letters, digits and Han characters only). */
export function tsQuery(tsquery: string): SQL {
  return sql`to_tsquery('simple', ${tsquery}::text)`;
}

export function matchesQuery(tsquery: string): SQL {
  return sql`${tickets.searchVector} @@ ${tsQuery(tsquery)}`;
}

export function rankOf(tsquery: string): SQL<number> {
  return sql<number>`ts_rank(${tickets.searchVector}, ${tsQuery(tsquery)})`;
}

async function loadSearchFields(tx: Tx, ticketIds: string[]): Promise<Map<string, SearchFields>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: tickets.id,
      title: tickets.title,
      description: tickets.description,
      module: tickets.module,
      resolutionSummary: tickets.resolutionSummary,
      customerName: customers.name,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(inArray(tickets.id, ticketIds));
  const texts = await tx
    .select({ ticketId: ticketEvents.ticketId, body: ticketEvents.body })
    .from(ticketEvents)
    .where(and(inArray(ticketEvents.ticketId, ticketIds), eq(ticketEvents.isInternal, false), isNotNull(ticketEvents.body)))
    .orderBy(asc(ticketEvents.id));
  const byTicket = new Map<string, string[]>();
  for (const t of texts) if (t.body) byTicket.set(t.ticketId, [...(byTicket.get(t.ticketId) ?? []), t.body]);
  return new Map(rows.map((r) => [r.id, { ...r, publicTexts: byTicket.get(r.id) ?? [] }]));
}

/** Recomputes requests' search vectors from their current text; call inside the transaction that changed it. */
export async function refreshSearchVectors(tx: Tx, ticketIds: string[]): Promise<void> {
  const fields = await loadSearchFields(tx, ticketIds);
  if (fields.size === 0) return;
  const ids: string[] = [];
  const docs: [string[], string[], string[], string[]] = [[], [], [], []];
  for (const [id, f] of fields) {
    ids.push(id);
    searchDocuments(f).forEach((doc, i) => {
      docs[i].push(doc);
    });
  }
  await tx.execute(sql`
    update tickets set search_vector = ${weightedVector(sql`u.a`, sql`u.b`, sql`u.c`, sql`u.d`)}
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(docs[0])}::text[], ${sql.param(docs[1])}::text[], ${sql.param(docs[2])}::text[], ${sql.param(docs[3])}::text[]) as u(id, a, b, c, d)
    where tickets.id = u.id`);
}

export async function refreshSearchVector(tx: Tx, ticketId: string): Promise<void> {
  await refreshSearchVectors(tx, [ticketId]);
}

/**
 * Idempotent backfill of requests that have no search vector yet (rows written before migration 0003):
 * a batch at a time, so a large archive never holds one long transaction. Returns how many were filled.
 */
export async function backfillSearchVectors(db: Tx, batchSize = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const batch = await db.select({ id: tickets.id }).from(tickets).where(isNull(tickets.searchVector)).limit(batchSize);
    if (batch.length === 0) return filled;
    await db.transaction((tx) =>
      refreshSearchVectors(
        tx,
        batch.map((b) => b.id),
      ),
    );
    filled += batch.length;
  }
}

/** All requests of one customer (its name is in their vectors), in batches, inside the caller's transaction. */
export async function refreshSearchVectorsOfCustomer(tx: Tx, customerId: string, batchSize = 1000): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.customerId, customerId), sql`${tickets.id} > ${after}`))
      .orderBy(asc(tickets.id))
      .limit(batchSize);
    if (batch.length === 0) return;
    await refreshSearchVectors(
      tx,
      batch.map((b) => b.id),
    );
    after = batch[batch.length - 1].id;
  }
}

export async function selectTicketIdByNumber(tx: Tx, number: string, scope: string | null): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.number, number), scope ? eq(tickets.customerId, scope) : undefined));
  return row?.id;
}

/**
 * The best `limit` matches by ts_rank among the `window` most recent ones (GIN index for the match,
 * the created_at index or a bounded sort for recency), with how many candidates were ranked.
 */
export async function selectRankedIds(
  tx: Tx,
  p: { tsquery: string; scope: string | null; limit: number; window: number },
): Promise<{ ids: { id: string; rank: number }[]; candidates: number }> {
  const q = tsQuery(p.tsquery);
  const result = (await tx.execute(sql`
    with candidates as materialized (
      select t.id, t.search_vector, t.created_at from tickets t
      where t.search_vector @@ ${q} ${p.scope ? sql`and t.customer_id = ${p.scope}` : sql``}
      order by t.created_at desc
      limit ${p.window}
    )
    select c.id, ts_rank(c.search_vector, ${q}) as rank, count(*) over ()::int as candidates
    from candidates c
    order by rank desc, c.created_at desc, c.id desc
    limit ${p.limit}`)) as unknown as { rows: { id: string; rank: number | string; candidates: number | string }[] };
  const rows = result.rows;
  return { ids: rows.map((r) => ({ id: r.id, rank: Number(r.rank) })), candidates: rows.length ? Number(rows[0].candidates) : 0 };
}

/** What a hit shows: the request's text and its public timeline text (for the snippet). */
export async function selectHitRows(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      description: tickets.description,
      resolutionSummary: tickets.resolutionSummary,
      status: tickets.status,
      severity: tickets.severity,
      customerId: tickets.customerId,
      customerName: customers.name,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(inArray(tickets.id, ids));
  const texts = await tx
    .select({ ticketId: ticketEvents.ticketId, body: ticketEvents.body })
    .from(ticketEvents)
    .where(and(inArray(ticketEvents.ticketId, ids), eq(ticketEvents.isInternal, false), isNotNull(ticketEvents.body)))
    .orderBy(asc(ticketEvents.id));
  return rows.map((r) => ({ ...r, publicTexts: texts.filter((t) => t.ticketId === r.id).map((t) => t.body ?? '') }));
}

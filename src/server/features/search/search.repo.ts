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
 * What slicing needs to know, from the planner's own statistics on `tickets.search_vector` (ANALYZE keeps
 * the ~1,000 most common elements and their share of requests) and one indexed count: how many requests
 * arrived a day over the last 30 days. Cached per database handle for ten minutes.
 */
export type SearchStats = { freqs: Map<string, number>; perDay: number };
const SEARCH_STATS_TTL_MS = 10 * 60_000;
const searchStatsCache = new WeakMap<object, { at: number; stats: Promise<SearchStats> }>();

async function loadSearchStats(tx: Tx): Promise<SearchStats> {
  const result = (await tx.execute(sql`
    select u.elem, u.freq from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as u(elem, freq)
    where s.schemaname = current_schema() and s.tablename = 'tickets' and s.attname = 'search_vector' and u.elem is not null`)) as unknown as {
    rows: { elem: string; freq: number | string }[];
  };
  const recent = (await tx.execute(
    sql`select count(*)::int as n from tickets where created_at >= now() - interval '30 days'`,
  )) as unknown as { rows: { n: number | string }[] };
  return { freqs: new Map(result.rows.map((r) => [r.elem, Number(r.freq)])), perDay: Number(recent.rows[0]?.n ?? 0) / 30 };
}

/**
 * How many requests of one customer arrived a day over the last year (an index-only count on
 * customer + created_at), cached like the statistics: a search confined to one customer sizes its
 * slices by that customer's intake, not the whole archive's, or its first slices hold too few matches.
 */
const scopedRates = new WeakMap<object, Map<string, { at: number; perDay: Promise<number> }>>();
const MAX_SCOPED_RATES = 10_000;

function scopedPerDay(tx: Tx, customerId: string, now: number): Promise<number> {
  const rates = scopedRates.get(tx) ?? new Map<string, { at: number; perDay: Promise<number> }>();
  scopedRates.set(tx, rates);
  const cached = rates.get(customerId);
  if (cached && now - cached.at < SEARCH_STATS_TTL_MS) return cached.perDay;
  if (rates.size >= MAX_SCOPED_RATES) rates.clear();
  const perDay = tx
    // A year, not a month: one hospital's intake comes in bursts (a go-live, an outage) that a month
    // would take for its rate, sizing slices too short for words the burst does not contain.
    .execute(sql`select count(*)::int as n from tickets where customer_id = ${customerId} and created_at >= now() - interval '365 days'`)
    .then((r) => Number((r as unknown as { rows: { n: number | string }[] }).rows[0]?.n ?? 0) / 365)
    .catch(() => 0);
  rates.set(customerId, { at: now, perDay });
  return perDay;
}

/** The slice plan of a query, over the whole archive or (scope) one customer's requests. */
export async function planSlices(tx: Tx, tsquery: string, scope: string | null, window: number): Promise<SlicePlan> {
  const now = Date.now();
  const stats = await searchStats(tx, now);
  const perDay = scope ? await scopedPerDay(tx, scope, now) : stats.perDay;
  return slicePlan(tsquery, { freqs: stats.freqs, perDay }, window, { margin: scope ? SCOPED_MARGIN : ARCHIVE_MARGIN });
}

export function searchStats(tx: Tx, now = Date.now()): Promise<SearchStats> {
  const cached = searchStatsCache.get(tx);
  if (cached && now - cached.at < SEARCH_STATS_TTL_MS) return cached.stats;
  const stats = loadSearchStats(tx).catch(() => ({ freqs: new Map<string, number>(), perDay: 0 }));
  searchStatsCache.set(tx, { at: now, stats });
  return stats;
}

/** Share of requests holding an operand: a prefix operand sums the common tokens it covers. */
function operandShare(operand: string, freqs: Map<string, number>): number {
  if (!operand.endsWith(':*')) return freqs.get(operand) ?? Math.min(...freqs.values()) / 2;
  const prefix = operand.slice(0, -2);
  let share = 0;
  for (const [token, freq] of freqs) if (token.startsWith(prefix)) share += freq;
  return Math.min(share, 1);
}

/**
 * How much longer than the expected need a first slice is. Every slice pays for its operand's whole posting
 * list (21 ms for printer:* at 1,000,000 requests), so a slice too short costs a second one, while a longer
 * slice costs only its extra rows. The archive's rate is steady: a quarter more. One hospital's intake
 * comes in bursts (a go-live, an outage) that a word need not share: twice.
 */
const ARCHIVE_MARGIN = 1.25;
const SCOPED_MARGIN = 2;

/** A word in at least this share of the requests fills the window from the date index alone, without slices. */
export const COMMON_SHARE = 0.1;

export type SlicePlan = {
  /** Search a recency slice at a time (false: one unbounded query; the planner walks the date index). */
  sliced: boolean;
  /** The operand a slice looks up in the GIN index (null: the whole query). */
  indexOperand: string | null;
  /** The first slice, in days: sized to hold the window at the rarest operand's share and the recent intake. */
  firstDays?: number;
  /** Every operand is common (≥ COMMON_SHARE): the most recent requests hold the window within a few thousand. */
  isCommon?: boolean;
};

/**
 * How to look for a query's most recent matches, from the planner's token statistics.
 *
 * The rarest operand goes to the index: the planner estimates an AND of bigrams as the product of their
 * frequencies, but the bigrams of one word occur together (数据库置疑: 数据 45%, 据库 43%, 库置 2.6%,
 * 置疑 2.6% → estimated 136 requests, really 26,500). With that estimate it takes the GIN bitmap alone
 * and filters the date slice out of every match, instead of ANDing the date index in. Given only the
 * rarest operand it estimates (an upper bound of) the true count; the full query is still checked.
 * A token missing from the statistics is rarer than all of them.
 *
 * A common word (≥ COMMON_SHARE, e.g. 打印 in 31%) is not sliced: walking the date index backwards
 * finds the window within a few thousand rows, while a slice would make the planner read its whole
 * GIN posting list (300,000 entries) to AND it with a small date or customer range (see matchFor).
 * Without statistics (nothing analysed yet) every query is sliced with the whole query.
 */
export function slicePlan(
  tsquery: string,
  { freqs, perDay }: SearchStats,
  window: number,
  { margin = ARCHIVE_MARGIN }: { margin?: number } = {},
): SlicePlan {
  if (freqs.size === 0) return { sliced: true, indexOperand: null };
  const operands = tsquery.split(' & ');
  let rarest: { operand: string; share: number } | null = null;
  for (const operand of operands) {
    const share = operandShare(operand, freqs);
    if (!rarest || share < rarest.share) rarest = { operand, share };
  }
  if (!rarest) return { sliced: false, indexOperand: null };
  if (rarest.share >= COMMON_SHARE) return { sliced: false, indexOperand: null, isCommon: true };
  const indexOperand = operands.length > 1 ? rarest.operand : null;
  // The rarest operand's share bounds the query's from above, so this slice is rather too short than too long.
  if (perDay <= 0 || rarest.share <= 0) return { sliced: true, indexOperand };
  const firstDays = Math.max(FIRST_SLICE_DAYS, Math.ceil((window * margin) / (rarest.share * perDay)));
  // A word so rare that a slice would span years: its whole posting list is short, one unbounded query.
  if (firstDays > MAX_SLICE_DAYS) return { sliced: false, indexOperand: null };
  return { sliced: true, indexOperand, firstDays };
}

/**
 * The match condition of a recency-slice query: the full query, or — when a rarer operand is given —
 * that operand for the GIN index plus the full query as `ts_match_vq` (the function behind `@@`,
 * which the planner neither matches to the index nor multiplies into its estimate). Same rows either way.
 */
export function sliceMatch(vector: SQL | typeof tickets.searchVector, tsquery: string, indexOperand: string | null): SQL {
  if (!indexOperand) return sql`${vector} @@ ${tsQuery(tsquery)}`;
  return sql`${vector} @@ ${tsQuery(indexOperand)} and ts_match_vq(${vector}, ${tsQuery(tsquery)})`;
}

/** The first recency slice, in days: at ~1,000 requests a day a word in 3% of them fills the window in it. */
export const FIRST_SLICE_DAYS = 30;
/** A slice wider than this is no cheaper than the whole archive: the last try has no lower bound. */
const MAX_SLICE_DAYS = 3 * 365;
/** At most this many bounded slices before the unbounded one. */
const MAX_SLICES = 2;
const DAY_MS = 86_400_000;

/**
 * The `window` most recent matches, found a time slice at a time. Without a date bound a word in a few
 * percent of the requests (30,000 of 1,000,000) makes PostgreSQL read every match to sort them by date;
 * with `created_at >= since` it ANDs the GIN bitmap with the date index and reads only the slice's
 * matches. `run(since)` returns how many matches (up to `window`) it found created at or after `since`
 * (`null`: no bound). When a slice holds fewer than `window`, a wider one is tried — sized from how many
 * the slice found — and finally no bound at all, so the result is exactly the `window` most recent
 * matches (everything outside a slice is older than everything in it): recall and ranking do not change.
 */
export async function inRecentSlices<T>(
  window: number,
  run: (since: Date | null) => Promise<{ found: number; result: T }>,
  { sliced = true, firstDays = FIRST_SLICE_DAYS, now = Date.now() }: { sliced?: boolean; firstDays?: number; now?: number } = {},
): Promise<T> {
  let days: number | null = sliced ? firstDays : null;
  for (let slice = 0; ; slice++) {
    const { found, result } = await run(days === null ? null : new Date(now - days * DAY_MS));
    if (days === null || found >= window) return result;
    // A rare word (fewer than an eighth of the window in the slice) has few matches in all: no bound is cheap.
    // Otherwise widen to where the slice's rate of matches would fill the window half as much again.
    const wider: number = Math.ceil((days * window * 1.5) / Math.max(found, 1));
    days = found < window / 8 || slice + 1 >= MAX_SLICES || wider > MAX_SLICE_DAYS ? null : wider;
  }
}

/**
 * The match condition of one query of the sequence. In a slice, or confined to one customer, the GIN index
 * gets the rarest operand (see slicePlan): its estimate lets the planner AND the index with the date or
 * customer range. Unbounded over the whole archive it gets the whole query (the exact, cheapest source).
 * A common word within one customer is matched without the index (`ts_match_vq`, which the planner
 * estimates at a third of the rows): it walks the customer's date index backwards and stops at the window
 * within a few thousand rows. Given `@@` it would read a posting list of a quarter of the archive, or — on
 * a small archive — scan the table.
 */
export function matchFor(
  plan: SlicePlan,
  p: { vector: SQL | typeof tickets.searchVector; tsquery: string; since: Date | null; scope: string | null | undefined },
): SQL {
  if (plan.isCommon && p.scope) return sql`ts_match_vq(${p.vector}, ${tsQuery(p.tsquery)})`;
  return sliceMatch(p.vector, p.tsquery, p.since || p.scope ? plan.indexOperand : null);
}

/** `created_at >= since` for a recency slice (undefined when unbounded). */
export function createdSince(since: Date | null, column: SQL | typeof tickets.createdAt = tickets.createdAt): SQL | undefined {
  return since ? sql`${column} >= ${since.toISOString()}::timestamptz` : undefined;
}

/**
 * The best `limit` matches by ts_rank among the `window` most recent ones (GIN index ANDed with the
 * created_at index per recency slice, or the created_at index alone for a common word), with how many
 * candidates were ranked. ts_rank runs on those candidates only.
 */
export async function selectRankedIds(
  tx: Tx,
  p: { tsquery: string; scope: string | null; limit: number; window: number },
): Promise<{ ids: { id: string; rank: number }[]; candidates: number }> {
  const q = tsQuery(p.tsquery);
  const plan = await planSlices(tx, p.tsquery, p.scope, p.window);
  return inRecentSlices(
    p.window,
    async (since) => {
      const match = matchFor(plan, { vector: sql`t.search_vector`, tsquery: p.tsquery, since, scope: p.scope });
      const result = (await tx.execute(sql`
      with candidates as materialized (
        select t.id, t.search_vector, t.created_at from tickets t
        where ${match} ${p.scope ? sql`and t.customer_id = ${p.scope}` : sql``} ${since ? sql`and ${createdSince(since, sql`t.created_at`)}` : sql``}
        order by t.created_at desc
        limit ${p.window}
      )
      select c.id, ts_rank(c.search_vector, ${q}) as rank, count(*) over ()::int as candidates
      from candidates c
      order by rank desc, c.created_at desc, c.id desc
      limit ${p.limit}`)) as unknown as { rows: { id: string; rank: number | string; candidates: number | string }[] };
      const rows = result.rows;
      const candidates = rows.length ? Number(rows[0].candidates) : 0;
      return { found: candidates, result: { ids: rows.map((r) => ({ id: r.id, rank: Number(r.rank) })), candidates } };
    },
    plan,
  );
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

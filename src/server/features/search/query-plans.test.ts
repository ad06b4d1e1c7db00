/**
 * The hot queries' plans use their indexes on a data set of ROWS requests.
 *
 * Honest by construction: the SQL is captured from the services themselves (a drizzle logger on the
 * same connection), then run under EXPLAIN (FORMAT JSON) with the same parameters, and the plan
 * nodes must name the expected index and contain no sequential scan of `tickets`. The data set is
 * 100,000 requests, as the issue asks, written by one INSERT … SELECT (statuses, severities, skewed
 * customers, five years of dates and search vectors built from domain phrases), followed by ANALYZE,
 * so the planner decides with real statistics; nothing disables sequential scans. The set is created
 * once in beforeAll.
 */
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { indexDocument } from '../../../domain/search/segment.ts';
import type { Db } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../policy.ts';
import { createTestContext, type TestContext } from '../../testing/test-context.ts';
import { countTickets, listTickets } from '../tickets/tickets.service.ts';
import { searchTickets } from './search.service.ts';

// 100,000 on both databases, although PGlite needs ~110 s for it on this shared 2-core machine (PostgreSQL
// ~40 s): at 30,000 rows PGlite's planner rightly prefers a sequential scan for a word in 6% of the requests,
// so a smaller set would test a different plan from the one that matters.
const ROWS = 100_000;
const PHRASES = [
  '门诊收费系统无法登录 数据库连接失败',
  '住院医生站打印机卡纸无法出票',
  '夜间数据库置疑 住院业务中断',
  '医保结算失败 网络超时',
  '检验科LIS接口通讯中断',
  'Printer offline in outpatient pharmacy',
  '挂号系统运行卡顿 交换机掉线',
  '电子病历无法归档 报表统计异常',
];

let ctx: TestContext;
let captured: { sql: string; params: unknown[] }[] = [];
let tracedDeps: Deps;
let staff: Actor;
let customerUser: Actor;
let bigCustomerUser: Actor;

/** Plans of every statement a service call sends. */
async function plansOf(run: (deps: Deps) => Promise<unknown>): Promise<{ sql: string; plan: string }[]> {
  captured = [];
  await run(tracedDeps);
  const statements = [...captured];
  const out: { sql: string; plan: string }[] = [];
  for (const s of statements) {
    const text = JSON.stringify((await ctx.database.pool?.query(`explain (format json) ${s.sql}`, s.params as unknown[]))?.rows);
    out.push({ sql: s.sql, plan: text });
  }
  return out;
}

/** The plan of the one statement that reads `tickets` for the list/search (the others fetch SLA rows, hits by id…). */
async function mainPlan(run: (deps: Deps) => Promise<unknown>, marker: RegExp) {
  const plans = await plansOf(run);
  const found = plans.find((p) => marker.test(p.sql));
  if (!found) throw new Error(`no statement matched ${marker}: ${plans.map((p) => p.sql.slice(0, 80)).join(' | ')}`);
  return found.plan;
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };

function nodesOf(planJson: string): PlanNode[] {
  const root = JSON.parse(planJson) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
  const out: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    out.push(n);
    for (const c of n.Plans ?? []) walk(c);
  };
  for (const row of root) for (const q of row['QUERY PLAN']) walk(q.Plan);
  return out;
}
const usesIndex = (plan: string, index: string) => nodesOf(plan).some((n) => n['Index Name'] === index);
const seqScansTickets = (plan: string) => nodesOf(plan).some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tickets');

beforeAll(async () => {
  ctx = await createTestContext();
  const agent = await ctx.user('agent');
  const big = await ctx.customer('规模测试大医院');
  const small = await ctx.customer('规模测试小医院');
  staff = { id: agent.user.id, role: 'agent', customerId: null, name: 'agent', via: 'session' };
  const portal = await ctx.user('customer', { customerId: small.id });
  customerUser = { id: portal.user.id, role: 'customer', customerId: small.id, name: 'portal', via: 'session' };
  const bigPortal = await ctx.user('customer', { customerId: big.id });
  bigCustomerUser = { id: bigPortal.user.id, role: 'customer', customerId: big.id, name: 'portal', via: 'session' };
  const docs = PHRASES.map((p) => indexDocument(p));
  const others = await ctx.rows<{ id: string }>(sql`select id from customers`);
  const customerIds = others.map((c) => c.id).filter((id) => id !== big.id && id !== small.id);
  for (let i = 0; i < 40; i++) customerIds.push((await ctx.customer()).id);
  // Skew: half the requests belong to one big customer; statuses mostly closed; five years of dates up to
  // now, so search's recency slices (the last 30 days first, see inRecentSlices) hold matches.
  await ctx.rows(sql`
    insert into tickets (number, customer_id, channel, kind, severity, title, description, status, assignee_id, created_by_id,
      created_at, updated_at, search_vector)
    select 'PLAN-' || g,
      case when g % 2 = 0 then ${big.id}::uuid when g % 97 = 0 then ${small.id}::uuid else (${sql.param(customerIds)}::uuid[])[1 + g % ${customerIds.length}] end,
      'phone', 'request',
      (array['critical','urgent','normal','normal','normal','normal','normal','normal','normal','normal'])[1 + g % 10],
      (${sql.param(PHRASES)}::text[])[1 + g % 8], '描述', 
      case when g % 10 < 7 then 'closed' when g % 10 = 7 then 'in_progress' when g % 10 = 8 then 'resolved'
           when g % 50 = 9 then 'new' when g % 50 = 19 then 'waiting_on_customer' else 'confirmed' end,
      case when g % 10 = 9 and g % 50 = 9 then null else ${agent.user.id}::uuid end,
      ${agent.user.id}::uuid,
      now() - interval '1826 days' + (g::float8 / ${ROWS}) * interval '1826 days',
      now() - interval '1826 days' + (g::float8 / ${ROWS}) * interval '1826 days' + interval '3 days',
      setweight(to_tsvector('simple', (${sql.param(docs)}::text[])[1 + g % 8]), 'A')
    from generate_series(1, ${ROWS}) g`);
  // A rare word: in 0.2% of the requests only.
  await ctx.rows(
    sql`update tickets set search_vector = search_vector || to_tsvector('simple', ${indexDocument('手术麻醉系统')}) where number like 'PLAN-%' and substr(number, 6)::int % 500 = 0`,
  );
  await ctx.rows(sql`delete from ticket_status_counts`);
  await ctx.rows(sql`insert into ticket_status_counts select customer_id, status, count(*) from tickets group by 1, 2`);
  await ctx.rows(sql`analyze`);
  const logger = {
    logQuery(query: string, params: unknown[]) {
      captured.push({ sql: query, params });
    },
  };
  // Both databases are reached through node-postgres (PGlite in its worker thread, see db/pglite-thread.ts).
  const db = drizzleNodePg(ctx.database.pool as NonNullable<typeof ctx.database.pool>, { schema, logger }) as unknown as Db;
  tracedDeps = { ...ctx.deps, db };
}, 300_000);
afterAll(() => ctx?.close());

const OPEN = ['new', 'acknowledged', 'in_progress', 'waiting_on_customer'] as const;
const list =
  (filter: Record<string, unknown>, actor: Actor = staff) =>
  (deps: Deps) =>
    listTickets({ deps, actor, filter: { limit: 50, ...filter } as Parameters<typeof listTickets>[0]['filter'] });
// The joined request select: its customer name comes from a subquery on the outer row.
const FROM_TICKETS = /from "customers" where "id" = "tickets"."customer_id"\)/;

describe(`query plans on ${ROWS.toLocaleString('en-US')} requests`, () => {
  test.each([
    ['open queue, newest first', { status: [...OPEN], sort: 'created_desc' }, ['tickets_created_idx', 'tickets_status_created_idx']],
    // The default order (issue 14): severity, Diamond's open major issues, newest first.
    [
      'open queue, the default priority order',
      { status: [...OPEN] },
      ['tickets_priority_created_idx', 'tickets_status_created_idx', 'tickets_open_counts_idx'],
    ],
    ['every request, the default priority order', {}, ['tickets_priority_created_idx']],
    [
      'open queue, most severe first',
      { status: [...OPEN], sort: 'severity' },
      ['tickets_severity_created_idx', 'tickets_status_created_idx', 'tickets_open_counts_idx'],
    ],
    ['recently updated', { sort: 'updated_desc' }, ['tickets_updated_idx']],
    ['closed, newest first', { status: ['closed'], sort: 'created_desc' }, ['tickets_status_created_idx', 'tickets_created_idx']],
    [
      'unassigned new',
      { status: ['new'], assigneeId: 'none', sort: 'created_desc' },
      ['tickets_assignee_status_created_idx', 'tickets_status_created_idx', 'tickets_open_counts_idx'],
    ],
    ['one customer', { customerId: 'BIG', sort: 'created_desc' }, ['tickets_customer_created_idx', 'tickets_created_idx']],
  ] as const)('queue: %s uses an index, no sequential scan', async (_name, filter, indexes) => {
    const f: Record<string, unknown> = { ...filter };
    if (f.customerId === 'BIG')
      f.customerId = (await ctx.rows<{ id: string }>(sql`select id from customers where name = '规模测试大医院'`))[0].id;
    const plan = await mainPlan(list(f), FROM_TICKETS);
    expect(seqScansTickets(plan), plan).toBe(false);
    expect(
      indexes.some((i) => usesIndex(plan, i)),
      plan,
    ).toBe(true);
  });

  test('a customer user’s queue uses the customer index', async () => {
    const plan = await mainPlan(list({ sort: 'created_desc' }, customerUser), FROM_TICKETS);
    expect(seqScansTickets(plan), plan).toBe(false);
    expect(usesIndex(plan, 'tickets_customer_created_idx'), plan).toBe(true);
  });

  test('a customer user’s queue in the default priority order uses an index, no sequential scan', async () => {
    const plan = await mainPlan(list({}, customerUser), FROM_TICKETS);
    expect(seqScansTickets(plan), plan).toBe(false);
    expect(
      ['tickets_customer_created_idx', 'tickets_priority_created_idx'].some((i) => usesIndex(plan, i)),
      plan,
    ).toBe(true);
  });

  // Search and the ranked queue filter look for the most recent matches a date slice at a time (the last
  // 30 days, a wider slice, then no bound): every statement of the sequence must be indexed, so all are checked.
  const slicePlans = async (run: (deps: Deps) => Promise<unknown>, marker: RegExp) => {
    const plans = (await plansOf(run)).filter((p) => marker.test(p.sql));
    expect(plans.length).toBeGreaterThan(0);
    return plans;
  };
  const SLICE = /with candidates|select "id" from "tickets"/;

  test('search: a rare word goes through the GIN index', async () => {
    const plans = await slicePlans((deps) => searchTickets({ deps, actor: staff, input: { q: '手术麻醉', limit: 20 } }), SLICE);
    for (const { plan } of plans) {
      expect(seqScansTickets(plan), plan).toBe(false);
      expect(usesIndex(plan, 'tickets_search_idx') || usesIndex(plan, 'tickets_created_idx'), plan).toBe(true);
    }
    // Within the last 30 days (~1,600 rows here) walking the date index is as cheap as the GIN index and the
    // planner may pick either; the slice holds too few matches, so the final, unbounded query runs on GIN.
    const last = plans[plans.length - 1].plan;
    expect(usesIndex(last, 'tickets_search_idx'), last).toBe(true);
  });

  test('search: a common word walks the date index to the most recent matches (or the GIN index), never the table', async () => {
    for (const q of ['打印', '数据库', 'printer']) {
      const plans = await slicePlans((deps) => searchTickets({ deps, actor: staff, input: { q, limit: 20 } }), SLICE);
      for (const { plan } of plans) {
        expect(seqScansTickets(plan), `${q}: ${plan}`).toBe(false);
        expect(usesIndex(plan, 'tickets_search_idx') || usesIndex(plan, 'tickets_created_idx'), plan).toBe(true);
      }
    }
  });

  // Confined to one customer, the slices are sized by that customer's intake and the rarest operand goes to
  // the GIN index, so the planner can AND it with the customer + date index instead of reading every match.
  test('search within one customer (portal users of a big and a small hospital): indexed, never the table', async () => {
    // Half the requests are the big hospital's: walking the date index finds its matches as fast as the
    // customer index. The small one has 1%: its matches must come from its own index or the GIN index.
    const cases = [
      [bigCustomerUser, ['tickets_search_idx', 'tickets_customer_created_idx', 'tickets_created_idx']],
      [customerUser, ['tickets_search_idx', 'tickets_customer_created_idx']],
    ] as const;
    for (const [actor, indexes] of cases)
      for (const q of ['打印', '交换机', '数据库置疑', '手术麻醉', 'printer']) {
        const plans = await slicePlans((deps) => searchTickets({ deps, actor, input: { q, limit: 20 } }), SLICE);
        for (const { plan } of plans) {
          expect(seqScansTickets(plan), `${q}: ${plan}`).toBe(false);
          expect(
            indexes.some((i) => usesIndex(plan, i)),
            `${q}: ${plan}`,
          ).toBe(true);
        }
      }
  });

  test('queue text filter, ranked and by date: indexed', async () => {
    for (const filter of [{ text: '打印' }, { text: '手术麻醉' }, { text: '打印', sort: 'created_desc' }]) {
      const plans = (await plansOf(list(filter))).filter((p) => FROM_TICKETS.test(p.sql) || SLICE.test(p.sql));
      expect(plans.length).toBeGreaterThan(0);
      for (const { plan } of plans) expect(seqScansTickets(plan), `${JSON.stringify(filter)}: ${plan}`).toBe(false);
    }
  });

  test('a request number is an index lookup', async () => {
    const plan = await mainPlan(list({ text: 'SR-2026-000001' }), FROM_TICKETS);
    expect(usesIndex(plan, 'tickets_number_key'), plan).toBe(true);
  });

  test('counts read the summary table and the partial open index, not every request', async () => {
    const plans = await plansOf((deps) => countTickets({ deps, actor: staff }));
    for (const p of plans) expect(seqScansTickets(p.plan), p.plan).toBe(false);
    expect(
      plans.some((p) => usesIndex(p.plan, 'tickets_open_counts_idx')),
      JSON.stringify(plans),
    ).toBe(true);
    expect(plans.some((p) => p.sql.includes('ticket_status_counts'))).toBe(true);
  });
});

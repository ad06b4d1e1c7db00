import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/demo/demo-data.ts';
import { type LoadResult, loadDemoData } from '../../scripts/demo/load.ts';
import { planCustomers, planTickets } from '../../scripts/demo/plan.ts';
import { createRandom } from '../../scripts/demo/random.ts';
import { STATUSES } from '../domain/vocabulary.ts';
import { customers, maintenanceRounds, ticketEvents, tickets, visits, workOrderPhotos, workOrders } from './db/schema.ts';
import { createTestContext, type Session, type TestContext } from './testing/test-context.ts';

const REQUESTS = 40;

let ctx: TestContext;
let result: LoadResult;

beforeAll(async () => {
  ctx = await createTestContext();
  result = await loadDemoData({ deps: ctx.deps, requests: REQUESTS });
}, 120_000);
afterAll(() => ctx.close());

const db = () => ctx.database.db;

describe('the demo data set', () => {
  test('loads every status, a dozen organisations and the accounts it prints', async () => {
    expect(result.status).toBe('loaded');
    const byStatus = await db().select({ status: tickets.status, n: count() }).from(tickets).groupBy(tickets.status);
    expect(byStatus.map((r) => r.status).sort()).toEqual([...STATUSES].sort());
    expect(byStatus.reduce((sum, r) => sum + r.n, 0)).toBe(REQUESTS);
    const [organisations] = await db().select({ n: count() }).from(customers);
    expect(organisations.n).toBeGreaterThanOrEqual(12);
    if (result.status !== 'loaded') return;
    const roles = result.accounts.map((a) => a.role);
    expect(roles.filter((r) => r === 'agent')).toHaveLength(3);
    expect(roles.filter((r) => r === 'engineer')).toHaveLength(4);
    expect(roles.filter((r) => r === 'customer')).toHaveLength(3);
    expect(roles).toContain('admin');
    expect(roles).toContain('manager');
  });

  test('every request has exactly one created event, and it comes first', async () => {
    const created = await db()
      .select({ ticketId: ticketEvents.ticketId, n: count(), firstId: sql<number>`min(${ticketEvents.id})` })
      .from(ticketEvents)
      .where(eq(ticketEvents.type, 'created'))
      .groupBy(ticketEvents.ticketId);
    expect(created).toHaveLength(REQUESTS);
    expect(created.every((r) => r.n === 1)).toBe(true);
    const firsts = await db()
      .select({ ticketId: ticketEvents.ticketId, firstId: sql<number>`min(${ticketEvents.id})` })
      .from(ticketEvents)
      .groupBy(ticketEvents.ticketId);
    const firstOf = new Map(firsts.map((r) => [r.ticketId, Number(r.firstId)]));
    expect(created.every((r) => firstOf.get(r.ticketId) === Number(r.firstId))).toBe(true);
  });

  test('timelines run forward, end before "now", and include internal notes', async () => {
    const now = ctx.deps.clock();
    const [{ backwards }] = await db()
      .select({ backwards: sql<number>`count(*)::int` })
      .from(sql`(select created_at, lag(created_at) over (partition by ticket_id order by id) as prev from ${ticketEvents}) as ordered`)
      .where(sql`prev > created_at`);
    expect(backwards).toBe(0);
    const [{ latest }] = await db()
      .select({ latest: sql<string>`max(${ticketEvents.createdAt})` })
      .from(ticketEvents);
    expect(new Date(latest).getTime()).toBeLessThanOrEqual(now.getTime());
    const [notes] = await db()
      .select({ n: count() })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.type, 'note'), eq(ticketEvents.isInternal, true)));
    expect(notes.n).toBeGreaterThan(0);
  });

  test('the archive gives every entitlement basis at intake, with visits registered against contracts', async () => {
    const manager = await ctx.signIn('manager.chen@aftersales.example.com', DEMO_PASSWORD);
    const hospitals = await db().select({ id: customers.id }).from(customers).where(eq(customers.kind, 'hospital'));
    const bases = new Set<string>();
    for (const { id } of hospitals) {
      const res = await ctx.call('GET', `/api/v1/customers/${id}/entitlement`, { as: manager });
      expect(res.statusCode).toBe(200);
      bases.add(res.json().basis);
    }
    expect([...bases].sort()).toEqual(['expired', 'free_maintenance', 'service_contract', 'unaccepted_running']);
    const [registered] = await db().select({ n: count() }).from(visits);
    expect(registered.n).toBeGreaterThan(0);
    // Routine maintenance rounds are generated from the contracts (and the free years).
    const [planned] = await db().select({ n: count() }).from(maintenanceRounds);
    expect(planned.n).toBeGreaterThan(0);
  });

  test('work orders in each state fill the dispatch board and /field; the signed-off visit has its photo', async () => {
    const rows = await db()
      .select({
        status: workOrders.status,
        engineers: sql<number>`(select count(*)::int from work_order_engineers e where e.work_order_id = ${workOrders.id})`,
      })
      .from(workOrders);
    expect(rows.map((r) => r.status).sort()).toEqual(['on_site', 'planned', 'planned', 'signed_off']);
    expect(rows.filter((r) => r.engineers === 0)).toHaveLength(1);
    const [photos] = await db().select({ n: count() }).from(workOrderPhotos);
    expect(photos.n).toBe(1);
  });

  test('a second run changes nothing', async () => {
    const before = await ctx.snapshot();
    expect(await loadDemoData({ deps: ctx.deps, requests: REQUESTS })).toEqual({ status: 'already_present' });
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('the same seed and moment give the same plan', () => {
    const plan = () => {
      const random = createRandom(7);
      return planTickets({ random, now: new Date('2026-06-01T00:00:00Z'), requests: 20, customers: planCustomers(random) });
    };
    expect(plan()).toEqual(plan());
  });
});

describe('hospital users on the demo data', () => {
  let wuhan: Session;
  let union: Session;

  beforeAll(async () => {
    wuhan = await ctx.signIn('it@whzxyy.example.com', DEMO_PASSWORD);
    union = await ctx.signIn('it@whuh.example.com', DEMO_PASSWORD);
  });

  async function visibleTickets(as: Session): Promise<{ id: string; customerId: string }[]> {
    const res = await ctx.call('GET', '/api/v1/tickets?limit=200', { as });
    expect(res.statusCode).toBe(200);
    return res.json().items;
  }

  test('each sees only its own hospital’s requests', async () => {
    expect(wuhan.user.customerId).not.toBe(union.user.customerId);
    for (const session of [wuhan, union]) {
      const items = await visibleTickets(session);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((t) => t.customerId === session.user.customerId)).toBe(true);
    }
  });

  test('another hospital’s request is reported as missing, and internal notes stay hidden', async () => {
    const [theirs] = await visibleTickets(union);
    const res = await ctx.call('GET', `/api/v1/tickets/${theirs.id}`, { as: wuhan });
    expect(res.statusCode).toBe(404);
    for (const mine of await visibleTickets(wuhan)) {
      const detail = (await ctx.call('GET', `/api/v1/tickets/${mine.id}`, { as: wuhan })).json();
      expect(detail.events.every((e: { isInternal: boolean }) => !e.isInternal)).toBe(true);
    }
  });
});

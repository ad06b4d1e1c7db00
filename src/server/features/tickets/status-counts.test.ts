import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
});
afterAll(() => ctx.close());

/** The summary the counts endpoint reads must always equal counting the requests themselves. */
async function expectSummaryExact() {
  const summary = await ctx.rows<{ customer_id: string; status: string; n: number }>(
    sql`select customer_id, status, n::int as n from ticket_status_counts where n <> 0 order by 1, 2`,
  );
  const actual = await ctx.rows<{ customer_id: string; status: string; n: number }>(
    sql`select customer_id, status, count(*)::int as n from tickets group by 1, 2 order by 1, 2`,
  );
  expect(summary).toEqual(actual);
}

test('per-status counts follow creates and status changes in the same transaction, per organisation', async () => {
  const a = await ctx.customer();
  const b = await ctx.customer();
  const ta = await ctx.ticket(agent, a.id);
  await ctx.ticket(agent, a.id);
  await ctx.ticket(agent, b.id);
  await expectSummaryExact();
  for (const to of ['acknowledged', 'in_progress', 'resolved', 'in_progress', 'cancelled']) {
    const body = to === 'resolved' ? { to, resolution: '已处理' } : { to, comment: '状态说明' };
    expect((await ctx.call('POST', `/api/v1/tickets/${ta.id}/transitions`, { as: agent, body })).statusCode).toBe(200);
    await expectSummaryExact();
  }
  const all = (await ctx.call('GET', '/api/v1/tickets/counts', { as: agent })).json();
  expect(all.byStatus).toMatchObject({ new: 2, cancelled: 1 });
  const userA = await ctx.user('customer', { customerId: a.id });
  const own = (await ctx.call('GET', '/api/v1/tickets/counts', { as: userA })).json();
  expect(own.byStatus).toEqual({ new: 1, cancelled: 1 });
  expect(own.open).toBe(1);
});

test('a refused change leaves the counts alone', async () => {
  const c = await ctx.customer();
  const t = await ctx.ticket(agent, c.id);
  const bad = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'closed' } });
  expect(bad.statusCode).toBe(409);
  await expectSummaryExact();
});

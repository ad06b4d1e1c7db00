import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Deps } from '../../deps.ts';
import { createLocalBus } from '../../lib/live-bus.ts';
import { createTestContext, openSecondConnection, type Session, type TestContext } from '../../testing/test-context.ts';
import { runSlaTick } from './escalation.ts';

// Issue 9 item 14, PostgreSQL only (see vitest.config.ts): the SLA tick on one connection pool (a second
// server process) while users write the same requests through the app on another. The tick used to lock a
// request's clocks and then its row, the ticket services its row and then its clocks: deadlocks (40P01)
// and 500s. One lock order everywhere — the request row, then its clocks — and neither happens.

let ctx: TestContext;
let agent: Session;
let second: Awaited<ReturnType<typeof openSecondConnection>>;
let tickDeps: Deps;

const MIN = 60_000;
const ROUNDS = 6;
const PER_ROUND = 16;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  second = await openSecondConnection(ctx.database);
  if (!second) throw new Error('this file runs on PostgreSQL only');
  tickDeps = { ...ctx.deps, db: second.db, live: createLocalBus() };
});
afterAll(async () => {
  await second?.close();
  await ctx?.close();
});

function isDeadlock(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if ((e as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}

describe('the SLA tick and request writes on two connections', () => {
  test('no deadlock and no 500 while clocks breach under the writers’ hands; each breach fires once', async () => {
    const statuses: number[] = [];
    const tickErrors: unknown[] = [];
    const made: string[] = [];
    let start = Date.parse('2026-03-02T01:00:00Z');
    for (let round = 0; round < ROUNDS; round++) {
      ctx.clock.set(new Date(start));
      const hospital = await ctx.customer();
      const tickets = await Promise.all(
        Array.from({ length: PER_ROUND }, () => ctx.ticket(agent, hospital.id, { severity: 'critical', team: 'field' })),
      );
      made.push(...tickets.map((t) => t.id));
      // Every first response (10 min) is overdue: the tick breaches them while the agents write.
      ctx.clock.set(new Date(start + 11 * MIN));
      const write = async (id: string, i: number) => {
        const calls = [
          ctx.call('POST', `/api/v1/tickets/${id}/comments`, { as: agent, body: { body: `已回电 ${i}`, isPhoneCall: true } }),
          ctx.call('POST', `/api/v1/tickets/${id}/transitions`, { as: agent, body: { to: 'acknowledged' } }),
          ctx.call('PATCH', `/api/v1/tickets/${id}`, { as: agent, body: { severity: i % 2 ? 'urgent' : 'critical' } }),
        ];
        for (const res of await Promise.all(calls)) statuses.push(res.statusCode);
      };
      const tick = async () => {
        for (let i = 0; i < 3; i++) {
          try {
            await runSlaTick({ deps: tickDeps, batchSize: 2 });
          } catch (error) {
            tickErrors.push(error);
          }
        }
      };
      await Promise.all([tick(), tick(), ...tickets.map((t, i) => write(t.id, i)), tick()]);
      start += 24 * 60 * MIN;
    }
    expect(tickErrors.filter(isDeadlock)).toEqual([]);
    expect(tickErrors).toEqual([]);
    // 200/201, or 409 where two moves of one request raced (the second finds it already acknowledged).
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);

    // Whatever the interleaving, a clock breaches at most once.
    const rows = await ctx.rows<{ ticket_id: string; metric: string; n: number }>(
      sql`select ticket_id, data->>'metric' as metric, count(*)::int as n from ticket_events
        where type = 'sla_breached' group by 1, 2 having count(*) > 1`,
    );
    expect(rows).toEqual([]);
    expect(made).toHaveLength(ROUNDS * PER_ROUND);
  }, 300_000);
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../app.ts';
import type { Deps } from '../../deps.ts';
import { ensureSystemJobs, runDueJobs } from '../../jobs/runner.ts';
import { createLocalBus } from '../../lib/live-bus.ts';
import { createTestContext, openSecondConnection, type Session, type TestContext } from '../../testing/test-context.ts';
import { runSlaTick } from './escalation.ts';

let ctx: TestContext;
let agent: Session;
let manager: Session;

const MONDAY_0900_BEIJING = '2026-03-02T01:00:00Z';
const MIN = 60_000;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  manager = await ctx.user('manager');
});
afterAll(() => ctx.close());

type SlaView = {
  metric: string;
  state: string;
  dueAt: string | null;
  businessMsLeft: number;
  metAt: string | null;
  breachedAt: string | null;
};

async function detail(id: string) {
  return (await ctx.call('GET', `/api/v1/tickets/${id}`, { as: agent })).json();
}
async function target(id: string, metric: string): Promise<SlaView> {
  return (await detail(id)).sla.find((t: SlaView) => t.metric === metric);
}
async function eventsOf(id: string, type: string) {
  return (await detail(id)).events.filter((e: { type: string }) => e.type === type);
}
async function freshTicket(extra: Record<string, unknown> = {}) {
  ctx.clock.set(MONDAY_0900_BEIJING);
  const hospital = await ctx.customer();
  return ctx.ticket(agent, hospital.id, extra);
}

describe('clocks on business calendars', () => {
  test('a normal request’s written-reply target skips the lunch break and is due at 14:00 Beijing', async () => {
    const t = await freshTicket({ severity: 'normal' });
    const reply = await target(t.id, 'reply');
    // Issue 14: the working day is 8 h, 08:30–12:00 and 13:00–17:30 (was 13:30, so due 14:30).
    // 09:00–12:00 is 180 min; the last 60 run 13:00–14:00 (06:00Z).
    expect(reply).toMatchObject({ state: 'running', dueAt: '2026-03-02T06:00:00.000Z', businessMsLeft: 240 * MIN });
    expect((await target(t.id, 'first_response')).dueAt).toBe('2026-03-02T02:00:00.000Z');
    ctx.clock.set('2026-03-02T04:30:00Z'); // 12:30, in the lunch break: 60 business minutes left, as at 12:00
    expect((await target(t.id, 'reply')).businessMsLeft).toBe(60 * MIN);
  });

  test('a normal request’s first response runs on 7×24 (001’s hotline): due an hour later even at night', async () => {
    ctx.clock.set('2026-03-02T14:00:00Z'); // 22:00 Beijing, after working hours
    agent = await ctx.user('agent');
    const t = await ctx.ticket(agent, (await ctx.customer()).id, { severity: 'normal' });
    expect((await target(t.id, 'first_response')).dueAt).toBe('2026-03-02T15:00:00.000Z');
    // The written reply still runs on working time: 4 h from 08:30 the next morning → 12:30 → 13:00 + 30 min.
    expect((await target(t.id, 'reply')).dueAt).toBe('2026-03-03T05:30:00.000Z');
    ctx.clock.set(MONDAY_0900_BEIJING);
    agent = await ctx.user('agent');
  });

  test('the warning fires at 80% of the target and the breach at the due instant, not a millisecond early', async () => {
    const t = await freshTicket({ severity: 'critical' });
    // Critical: first response 10 minutes on the 7×24 calendar → warn at 8 min, breach at 10.
    ctx.clock.set(new Date(Date.parse(MONDAY_0900_BEIJING) + 8 * MIN - 1));
    await runSlaTick({ deps: ctx.deps });
    expect(await eventsOf(t.id, 'sla_warning')).toHaveLength(0);
    ctx.clock.advance(1);
    await runSlaTick({ deps: ctx.deps });
    expect((await eventsOf(t.id, 'sla_warning')).map((e: { data: { metric: string } }) => e.data.metric)).toEqual(['first_response']);

    ctx.clock.set(new Date(Date.parse(MONDAY_0900_BEIJING) + 10 * MIN - 1));
    await runSlaTick({ deps: ctx.deps });
    expect(await eventsOf(t.id, 'sla_breached')).toHaveLength(0);
    ctx.clock.advance(1);
    const result = await runSlaTick({ deps: ctx.deps });
    expect(result.breached).toBeGreaterThanOrEqual(1);
    const breach = await eventsOf(t.id, 'sla_breached');
    expect(breach).toHaveLength(1);
    expect(breach[0]).toMatchObject({ isInternal: true, data: { metric: 'first_response' } });
    expect(await target(t.id, 'first_response')).toMatchObject({ state: 'breached', breachedAt: '2026-03-02T01:10:00.000Z' });

    // Climbs one rung and tells the team lead.
    const after = await detail(t.id);
    expect(after.escalationLevel).toBe(1);
    expect(after.events.find((e: { type: string }) => e.type === 'escalated').data).toMatchObject({
      level: 1,
      levelName: 'senior_engineer',
    });
    const inbox = (await ctx.call('GET', '/api/v1/notifications', { as: manager })).json();
    expect(inbox.items.map((n: { kind: string; ticketId: string }) => `${n.kind}:${n.ticketId === t.id}`)).toEqual(
      expect.arrayContaining(['critical_request:true', 'sla_breached:true', 'escalated:true']),
    );

    // Ticking again fires nothing more.
    await runSlaTick({ deps: ctx.deps });
    expect(await eventsOf(t.id, 'sla_breached')).toHaveLength(1);

    // Customers never see the escalation machinery.
    const hospitalUser = await ctx.user('customer', { customerId: t.customerId });
    const seen = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: hospitalUser })).json();
    expect(seen.events.map((e: { type: string }) => e.type)).not.toContain('sla_breached');
  });

  test('a reply meets first response and written reply; a phone call-back only first response; resolving meets the rest', async () => {
    const t = await freshTicket({ severity: 'urgent' });
    ctx.clock.advance(5 * MIN);
    const call = await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, {
      as: agent,
      body: { body: '已回电，正在排查', isPhoneCall: true },
    });
    expect(call.statusCode, call.body).toBe(201);
    expect((await target(t.id, 'first_response')).state).toBe('met');
    expect((await target(t.id, 'reply')).state).toBe('running');
    ctx.clock.advance(5 * MIN);
    await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, {
      as: agent,
      body: { body: '初步判断为网络故障，方案：更换交换机端口', isSolution: true },
    });
    expect((await target(t.id, 'reply')).state).toBe('met');
    expect((await target(t.id, 'solution')).metAt).toBe('2026-03-02T01:10:00.000Z');
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'resolved', resolution: '更换端口后恢复' } });
    const resolution = await target(t.id, 'resolution');
    expect(resolution).toMatchObject({ state: 'met', businessMsLeft: (48 * 60 - 10) * MIN });
  });

  test('waiting on the customer pauses the configured clocks, keeps the history, and a customer reply resumes them', async () => {
    const t = await freshTicket({ severity: 'critical' });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, { as: agent, body: { body: '收到' } });
    ctx.clock.advance(60 * MIN);
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'acknowledged' } });
    const waiting = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, {
      as: agent,
      body: { to: 'waiting_on_customer', comment: '请提供服务器日志' },
    });
    expect(waiting.statusCode).toBe(200);
    ctx.clock.advance(5 * 60 * MIN);
    const paused = await target(t.id, 'resolution');
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, businessMsLeft: (24 * 60 - 60) * MIN });
    await runSlaTick({ deps: ctx.deps });
    expect(await eventsOf(t.id, 'sla_breached')).toHaveLength(0);

    const hospitalUser = await ctx.user('customer', { customerId: t.customerId });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, { as: hospitalUser, body: { body: '日志已上传' } });
    const resumed = await target(t.id, 'resolution');
    expect(resumed.state).toBe('running');
    // Due 23 h after the reply (07:00Z + 23 h): the five paused hours do not count.
    expect(resumed.dueAt).toBe('2026-03-03T06:00:00.000Z');
    const pauses = await ctx.rows<{ reason: string; resumed_at: unknown }>(
      sql`select p.paused_at, p.resumed_at, p.reason from sla_pauses p join ticket_sla_targets s on s.id = p.target_id where s.ticket_id = ${t.id} and s.metric = 'resolution'`,
    );
    expect(pauses).toHaveLength(1);
    expect(pauses[0].reason).toBe('waiting_on_customer');
    expect(pauses[0].resumed_at).not.toBeNull();
  });

  test('changing severity recomputes due times and keeps the business time already run', async () => {
    const t = await freshTicket({ severity: 'critical' });
    ctx.clock.advance(5 * MIN);
    const patched = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'normal' } });
    expect(patched.statusCode).toBe(200);
    const first = patched.json().sla.find((s: SlaView) => s.metric === 'first_response');
    // 5 minutes already run; 55 left on the working-hours calendar from 09:05 → 10:00 Beijing.
    expect(first).toMatchObject({ state: 'running', businessMsLeft: 55 * MIN, dueAt: '2026-03-02T02:00:00.000Z' });

    ctx.clock.advance(20 * MIN);
    const raised = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'critical' } });
    expect(raised.json().sla.find((s: SlaView) => s.metric === 'first_response').businessMsLeft).toBeLessThan(0);
    await runSlaTick({ deps: ctx.deps });
    expect((await target(t.id, 'first_response')).state).toBe('breached');

    // Lowering it again lifts the breach: 25 of 60 minutes have run.
    const lowered = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'normal' } });
    expect(lowered.json().sla.find((s: SlaView) => s.metric === 'first_response')).toMatchObject({
      state: 'running',
      breachedAt: null,
      businessMsLeft: 35 * MIN,
    });
  });

  test('dispatching to the field starts the on-site clock by distance; the engineer’s check-in meets it', async () => {
    const t = await freshTicket({ severity: 'urgent' });
    expect((await detail(t.id)).sla.map((s: SlaView) => s.metric)).not.toContain('on_site');
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { team: 'field' } });
    const onSite = await target(t.id, 'on_site');
    expect(onSite).toMatchObject({ state: 'running', dueAt: '2026-03-02T03:00:00.000Z' }); // same city: 2 h
    ctx.clock.advance(90 * MIN);
    const engineer = await ctx.user('engineer');
    const arrived = await ctx.call('POST', `/api/v1/tickets/${t.id}/arrival`, { as: engineer, body: { note: '已到达信息科机房' } });
    expect(arrived.statusCode).toBe(200);
    expect(arrived.json().sla.find((s: SlaView) => s.metric === 'on_site')).toMatchObject({ state: 'met', businessMsLeft: 30 * MIN });
    expect(arrived.json().events.at(-1)).toMatchObject({ type: 'on_site_arrival', body: '已到达信息科机房' });
  });

  test('reopening owes the resolution again; cancelling stops every clock', async () => {
    const t = await freshTicket({ severity: 'critical' });
    ctx.clock.advance(60 * MIN);
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'resolved', resolution: '重启服务' } });
    ctx.clock.advance(3 * 60 * MIN);
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'in_progress', comment: '问题复现' } });
    const reopened = await target(t.id, 'resolution');
    expect(reopened).toMatchObject({ state: 'running', metAt: null, businessMsLeft: 23 * 60 * MIN });

    const other = await freshTicket({ severity: 'critical' });
    await ctx.call('POST', `/api/v1/tickets/${other.id}/transitions`, { as: agent, body: { to: 'cancelled' } });
    const states = (await detail(other.id)).sla.map((s: SlaView) => s.state);
    expect(new Set(states)).toEqual(new Set(['cancelled']));
    ctx.clock.advance(48 * 60 * MIN);
    await runSlaTick({ deps: ctx.deps });
    expect(await eventsOf(other.id, 'sla_breached')).toHaveLength(0);
  });
});

describe('timers that cannot be lost', () => {
  test('clocks that came due while the server was down fire on the first tick after a restart, dated when they were due', async () => {
    const t = await freshTicket({ severity: 'critical' });
    ctx.clock.set('2026-03-03T00:00:00Z'); // 23 hours later, no tick ran in between
    // A "restarted" server: new process state, same database.
    const deps: Deps = { ...ctx.deps, live: createLocalBus() };
    const app = await build({ deps });
    // Its boot: the recurring jobs are ensured, then the first pass of the job runner runs what is due.
    await ensureSystemJobs({ deps });
    expect(await runDueJobs({ deps })).toMatchObject({ failed: 0, retrying: 0 });
    await app.close();
    const breaches = await eventsOf(t.id, 'sla_breached');
    // First response (10 min) and written reply (4 h) came due; solution and resolution (24 h) not yet.
    expect(breaches.map((e: { data: { metric: string } }) => e.data.metric).sort()).toEqual(['first_response', 'reply']);
    expect(await target(t.id, 'first_response')).toMatchObject({ breachedAt: '2026-03-02T01:10:00.000Z' });
    expect(await target(t.id, 'reply')).toMatchObject({ breachedAt: '2026-03-02T05:00:00.000Z' });
    expect((await detail(t.id)).escalationLevel).toBe(1); // one rung per tick at most: the senior engineer; the product manager 4 business hours from now
  });

  test('two processes ticking together fire each warning and breach exactly once', async () => {
    ctx.clock.set(MONDAY_0900_BEIJING);
    const hospital = await ctx.customer();
    const made = await Promise.all(Array.from({ length: 12 }, () => ctx.ticket(agent, hospital.id, { severity: 'critical' })));
    ctx.clock.set('2026-03-02T01:15:00Z'); // first response (10 min) is due for all 12; nothing else is
    // On PostgreSQL the second scheduler has its own connection pool, like a second server process.
    const second = await openSecondConnection(ctx.database);
    const otherDeps: Deps = { ...ctx.deps, db: second?.db ?? ctx.deps.db, live: createLocalBus() };
    try {
      const results = await Promise.all([
        runSlaTick({ deps: ctx.deps, batchSize: 3 }),
        runSlaTick({ deps: otherDeps, batchSize: 3 }),
        runSlaTick({ deps: ctx.deps, batchSize: 3 }),
        runSlaTick({ deps: otherDeps, batchSize: 3 }),
      ]);
      expect(results.reduce((n, r) => n + r.breached, 0)).toBe(12);
    } finally {
      await second?.close();
    }
    for (const t of made) {
      expect(await eventsOf(t.id, 'sla_breached')).toHaveLength(1);
      expect(await eventsOf(t.id, 'escalated')).toHaveLength(1);
    }
  });
});

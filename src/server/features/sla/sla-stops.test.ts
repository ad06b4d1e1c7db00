import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runSlaTick } from './escalation.ts';
import { ensureBuiltinSla } from './sla.service.ts';

// Issue 9 items 1 and 2: a finished request owes nothing, and the escalation ladder climbs on the
// policy's schedule, one rung at a time, even when catching up after downtime.

let ctx: TestContext;
let agent: Session;
let admin: Session;

const MONDAY_0900_BEIJING = '2026-03-02T01:00:00Z';
const MIN = 60_000;
const HOUR = 60 * MIN;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  admin = await ctx.user('admin');
});
afterAll(() => ctx.close());

type SlaView = {
  metric: string;
  state: string;
  dueAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
};
type EventView = { type: string; createdAt: string; data: Record<string, unknown> };

async function detail(id: string) {
  return (await ctx.call('GET', `/api/v1/tickets/${id}`, { as: agent })).json();
}
async function target(id: string, metric: string): Promise<SlaView> {
  return (await detail(id)).sla.find((t: SlaView) => t.metric === metric);
}
async function eventsOf(id: string, type: string): Promise<EventView[]> {
  return (await detail(id)).events.filter((e: EventView) => e.type === type);
}
async function atRiskIds(): Promise<string[]> {
  const res = await ctx.call('GET', '/api/v1/sla/at-risk?limit=200', { as: agent });
  expect(res.statusCode).toBe(200);
  return res.json().items.map((i: { ticket: { id: string } }) => i.ticket.id);
}
async function freshTicket(extra: Record<string, unknown> = {}) {
  ctx.clock.set(MONDAY_0900_BEIJING);
  const hospital = await ctx.customer();
  return ctx.ticket(agent, hospital.id, extra);
}
async function move(id: string, body: Record<string, unknown>) {
  const res = await ctx.call('POST', `/api/v1/tickets/${id}/transitions`, { as: agent, body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('a finished request owes nothing', () => {
  test('resolving remotely after a field dispatch ends the on-site target as not needed; it never breaches nor lists', async () => {
    const t = await freshTicket({ severity: 'urgent' });
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { team: 'field' } });
    expect((await target(t.id, 'on_site')).state).toBe('running');
    ctx.clock.advance(30 * MIN);
    await move(t.id, { to: 'resolved', resolution: '远程处理恢复' });
    expect(await target(t.id, 'on_site')).toMatchObject({ state: 'not_needed', metAt: null, stoppedAt: '2026-03-02T01:30:00.000Z' });

    ctx.clock.advance(7 * 24 * HOUR);
    agent = await ctx.user('agent'); // a week later: a fresh session
    await runSlaTick({ deps: ctx.deps });
    expect(await eventsOf(t.id, 'sla_breached')).toHaveLength(0);
    expect((await detail(t.id)).escalationLevel).toBe(0);
    expect(await atRiskIds()).not.toContain(t.id);
  });

  test('a breach that already happened stays breached but stops; closing or cancelling drops the request from the risk list', async () => {
    const t = await freshTicket({ severity: 'critical' });
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { team: 'field' } });
    ctx.clock.advance(3 * HOUR); // on site (2 h, same city) and first response (10 min) are overdue
    await runSlaTick({ deps: ctx.deps });
    expect((await target(t.id, 'on_site')).state).toBe('breached');
    expect(await atRiskIds()).toContain(t.id);

    await move(t.id, { to: 'cancelled' });
    const stopped = await target(t.id, 'on_site');
    expect(stopped).toMatchObject({ state: 'breached', breachedAt: '2026-03-02T03:00:00.000Z', stoppedAt: '2026-03-02T04:00:00.000Z' });
    expect((await target(t.id, 'resolution')).state).toBe('cancelled');
    expect(await atRiskIds()).not.toContain(t.id);

    // Its business time left stops moving.
    const before = (await detail(t.id)).sla;
    ctx.clock.advance(10 * HOUR);
    await runSlaTick({ deps: ctx.deps });
    expect((await detail(t.id)).sla).toEqual(before);
    expect((await detail(t.id)).escalationLevel).toBe(1);
  });

  test('reopening owes the resolution again (and only it); the on-site target that was not needed stays so', async () => {
    const t = await freshTicket({ severity: 'critical' });
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { team: 'field' } });
    ctx.clock.advance(HOUR);
    await move(t.id, { to: 'resolved', resolution: '重启服务' });
    await move(t.id, { to: 'confirmed', confirmedByName: '信息科 王工' });
    await move(t.id, { to: 'closed' });
    ctx.clock.advance(2 * HOUR);
    await move(t.id, { to: 'in_progress', comment: '问题复现' });
    expect(await target(t.id, 'resolution')).toMatchObject({ state: 'running', metAt: null, stoppedAt: null });
    expect((await target(t.id, 'on_site')).state).toBe('not_needed');
    expect(await atRiskIds()).toContain(t.id);
  });

  test('start-up stops the clocks older versions left running on finished requests, at the instant each finished', async () => {
    const t = await freshTicket({ severity: 'urgent' });
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { team: 'field' } });
    ctx.clock.advance(HOUR);
    await move(t.id, { to: 'resolved', resolution: '远程处理恢复' });
    // As version 0.x left it: the on-site clock still running, breached a day after the fix.
    await ctx.rows(
      sql`update ticket_sla_targets set state = 'breached', stopped_at = null, running_since = started_at, elapsed_ms = 0,
          breached_at = '2026-03-03T03:00:00Z', due_at = '2026-03-02T03:00:00Z'
          where ticket_id = ${t.id} and metric = 'on_site'`,
    );
    expect(await atRiskIds()).not.toContain(t.id); // the list asks the request's status too
    ctx.clock.advance(30 * 24 * HOUR);
    await ctx.deps.db.transaction((tx) => ensureBuiltinSla(tx, ctx.clock()));
    agent = await ctx.user('agent'); // a month later: a fresh session
    // The "breach" came after the request was resolved: no breach at all. Stopped when it was resolved.
    expect(await target(t.id, 'on_site')).toMatchObject({ state: 'not_needed', breachedAt: null, stoppedAt: '2026-03-02T02:00:00.000Z' });
    const [row] = await ctx.rows<{ elapsed_ms: string; running_since: unknown }>(
      sql`select elapsed_ms, running_since from ticket_sla_targets where ticket_id = ${t.id} and metric = 'on_site'`,
    );
    expect({ elapsed: Number(row.elapsed_ms), runningSince: row.running_since }).toEqual({ elapsed: HOUR, runningSince: null });
  });
});

describe('the escalation ladder is the policy’s schedule', () => {
  test('after downtime: each missed breach once, dated when due; no warning whose breach is past; one rung, then the schedule', async () => {
    const t = await freshTicket({ severity: 'critical' });
    ctx.clock.set('2026-03-03T00:00:00Z'); // 23 hours without a tick
    const first = await runSlaTick({ deps: ctx.deps });
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const breaches = await eventsOf(t.id, 'sla_breached');
    expect(breaches.map((e) => [e.data.metric, e.createdAt]).sort()).toEqual([
      ['first_response', '2026-03-02T01:10:00.000Z'],
      ['reply', '2026-03-02T05:00:00.000Z'],
    ]);
    // Solution and resolution (24 h) warned at 80% (19.2 h) — their breach is still ahead; the others never warn.
    const warnings = await eventsOf(t.id, 'sla_warning');
    expect(warnings.map((e) => [e.data.metric, e.createdAt]).sort()).toEqual([
      ['resolution', '2026-03-02T20:12:00.000Z'],
      ['solution', '2026-03-02T20:12:00.000Z'],
    ]);
    let card = await detail(t.id);
    expect(card.escalationLevel).toBe(1);
    expect(card.events.filter((e: EventView) => e.type === 'escalated').map((e: EventView) => e.data.levelName)).toEqual([
      'senior_engineer',
    ]);

    // Ticking on through the same minute climbs nothing more.
    await runSlaTick({ deps: ctx.deps });
    ctx.clock.advance(MIN);
    await runSlaTick({ deps: ctx.deps });
    expect((await detail(t.id)).escalationLevel).toBe(1);

    // The product technical manager 4 business hours after the senior engineer was told (7×24 for critical).
    ctx.clock.set('2026-03-03T03:59:59Z');
    await runSlaTick({ deps: ctx.deps });
    expect((await detail(t.id)).escalationLevel).toBe(1);
    ctx.clock.set('2026-03-03T04:00:00Z');
    await runSlaTick({ deps: ctx.deps });
    card = await detail(t.id);
    expect(card.escalationLevel).toBe(2);
    // R&D 8 business hours after that; resolving first stops the climb.
    await move(t.id, { to: 'resolved', resolution: '补丁已部署' });
    ctx.clock.set('2026-03-04T04:00:00Z');
    await runSlaTick({ deps: ctx.deps });
    card = await detail(t.id);
    expect(card.escalationLevel).toBe(2);
    expect(card.team).not.toBe('rnd');
  });

  test('admins set the ladder hours on the policy; the climb follows them on the request’s calendar', async () => {
    const policies = (await ctx.call('GET', '/api/v1/sla/policies', { as: admin })).json().items;
    const builtin = policies.find((p: { isBuiltin: boolean }) => p.isBuiltin);
    expect(builtin.escalationLadder).toEqual({ senior_engineer: 0, product_manager: 4, rnd: 8 });
    const bad = await ctx.call('PATCH', `/api/v1/sla/policies/${builtin.id}`, {
      as: admin,
      body: { escalationLadder: { senior_engineer: -1, product_manager: 4, rnd: 8 } },
    });
    expect(bad.statusCode).toBe(400);
    const saved = await ctx.call('PATCH', `/api/v1/sla/policies/${builtin.id}`, {
      as: admin,
      body: { escalationLadder: { senior_engineer: 1, product_manager: 2, rnd: 0.5 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().escalationLadder).toEqual({ senior_engineer: 1, product_manager: 2, rnd: 0.5 });

    try {
      const t = await freshTicket({ severity: 'critical' });
      ctx.clock.set('2026-03-02T01:10:00Z'); // first response breached now
      await runSlaTick({ deps: ctx.deps });
      expect((await detail(t.id)).escalationLevel).toBe(0);
      ctx.clock.set('2026-03-02T02:10:00Z'); // +1 h: senior engineer
      await runSlaTick({ deps: ctx.deps });
      expect((await detail(t.id)).escalationLevel).toBe(1);
      ctx.clock.set('2026-03-02T04:10:00Z'); // +2 h: product technical manager
      await runSlaTick({ deps: ctx.deps });
      expect((await detail(t.id)).escalationLevel).toBe(2);
      ctx.clock.set('2026-03-02T04:40:00Z'); // +0.5 h: R&D, and the request goes to the R&D team
      await runSlaTick({ deps: ctx.deps });
      const card = await detail(t.id);
      expect(card).toMatchObject({ escalationLevel: 3, team: 'rnd' });
      expect(card.events.filter((e: EventView) => e.type === 'escalated').map((e: EventView) => e.data.levelName)).toEqual([
        'senior_engineer',
        'product_manager',
        'rnd',
      ]);
    } finally {
      await ctx.call('PATCH', `/api/v1/sla/policies/${builtin.id}`, {
        as: admin,
        body: { escalationLadder: { senior_engineer: 0, product_manager: 4, rnd: 8 } },
      });
    }
  });
});

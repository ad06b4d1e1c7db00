import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let manager: Session;
let agent: Session;
let calendars: { id: string; name: string }[];

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.user('manager');
  agent = await ctx.user('agent');
  calendars = (await ctx.call('GET', '/api/v1/calendars', { as: agent })).json().items;
});
afterAll(() => ctx.close());

function targets(calendarId: string, firstResponse: number) {
  const rules = {
    first_response: { minutes: firstResponse, calendarId },
    reply: { minutes: 120, calendarId },
    solution: { minutes: 600, calendarId },
    resolution: { minutes: 1200, calendarId },
  };
  const onSite = { calendarId, minutes: { same_city: 60, same_province: 600, elsewhere: 1440 } };
  return { critical: { ...rules, on_site: onSite }, urgent: { ...rules, on_site: onSite }, normal: { ...rules, on_site: onSite } };
}

describe('SLA policies', () => {
  test('the default policy is seeded from the service documents', async () => {
    const list = (await ctx.call('GET', '/api/v1/sla/policies', { as: agent })).json();
    const builtin = list.items.find((p: { isBuiltin: boolean }) => p.isBuiltin);
    expect(builtin.targets.critical.first_response.minutes).toBe(10);
    expect(builtin.targets.urgent.first_response.minutes).toBe(30);
    expect(builtin.targets.normal.first_response.minutes).toBe(60);
    expect(builtin.targets.critical.reply.minutes).toBe(240);
    expect(builtin.targets.critical.solution.minutes).toBe(1440);
    expect(builtin.targets.normal.on_site.minutes).toEqual({ same_city: 120, same_province: 1440, elsewhere: 2880 });
  });

  test('a customer’s own policy beats the default for its new requests', async () => {
    const vip = await ctx.customer();
    const allDay = calendars.find((c) => c.name.startsWith('7×24'));
    const created = await ctx.call('POST', '/api/v1/sla/policies', {
      as: manager,
      body: { name: '钻石服务 Diamond', customerId: vip.id, targets: targets(allDay?.id ?? '', 5) },
    });
    expect(created.statusCode).toBe(201);
    const t = await ctx.ticket(agent, vip.id, { severity: 'normal' });
    const first = t.sla.find((s: { metric: string }) => s.metric === 'first_response');
    expect(first).toMatchObject({ targetMinutes: 5, calendarId: allDay?.id });
    const other = await ctx.ticket(agent, (await ctx.customer()).id, { severity: 'normal' });
    expect(other.sla.find((s: { metric: string }) => s.metric === 'first_response').targetMinutes).toBe(60);
  });

  test('a tier policy applies to a customer whose service contract in force is on that tier', async () => {
    const allDay = calendars.find((c) => c.name.startsWith('7×24'));
    const created = await ctx.call('POST', '/api/v1/sla/policies', {
      as: manager,
      body: { name: '金牌 Gold', tier: 'gold', targets: targets(allDay?.id ?? '', 7) },
    });
    expect(created.statusCode).toBe(201);
    const tiers = (await ctx.call('GET', '/api/v1/service-tiers', { as: manager })).json().items;
    const gold = tiers.find((tier: { code: string }) => tier.code === 'gold');
    const customer = await ctx.customer();
    const inAYear = new Date(ctx.deps.clock().getTime() + 300 * 86_400_000).toISOString().slice(0, 10);
    const startDate = new Date(ctx.deps.clock().getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const contract = await ctx.call('POST', '/api/v1/service-contracts', {
      as: manager,
      body: { customerId: customer.id, tierId: gold.id, startDate, endDate: inAYear },
    });
    expect(contract.statusCode).toBe(201);
    const onGold = await ctx.ticket(agent, customer.id, { severity: 'normal' });
    expect(onGold.sla.find((s: { metric: string }) => s.metric === 'first_response').targetMinutes).toBe(7);
    const withoutContract = await ctx.ticket(agent, (await ctx.customer()).id, { severity: 'normal' });
    expect(withoutContract.sla.find((s: { metric: string }) => s.metric === 'first_response').targetMinutes).toBe(60);
  });

  test('a category policy applies when the category changes, keeping time already run', async () => {
    const allDay = calendars.find((c) => c.name.startsWith('7×24'));
    await ctx.call('POST', '/api/v1/sla/policies', {
      as: manager,
      body: { name: '培训类 Training', contentCategory: 'training', targets: targets(allDay?.id ?? '', 240) },
    });
    ctx.clock.set('2026-03-02T01:00:00Z');
    const t = await ctx.ticket(agent, (await ctx.customer()).id, { severity: 'urgent' });
    ctx.clock.advance(20 * 60_000);
    const moved = (await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { contentCategory: 'training' } })).json();
    expect(moved.sla.find((s: { metric: string }) => s.metric === 'first_response')).toMatchObject({
      targetMinutes: 240,
      businessMsLeft: 220 * 60_000,
    });
  });

  test('bad policies are refused and change nothing; engineers and agents cannot edit; the default stays on', async () => {
    const before = await ctx.snapshot();
    const allDay = calendars[0].id;
    const cases = [
      { name: 'x', targets: targets('00000000-0000-4000-8000-000000000000', 10) },
      { name: 'x', targets: targets(allDay, 0) },
      { name: 'x', targets: { critical: targets(allDay, 10).critical } },
      { name: 'x', targets: targets(allDay, 10), warnPercent: 150 },
    ];
    for (const body of cases) expect((await ctx.call('POST', '/api/v1/sla/policies', { as: manager, body })).statusCode).toBe(400);
    expect(
      (await ctx.call('POST', '/api/v1/sla/policies', { as: agent, body: { name: 'y', targets: targets(allDay, 10) } })).statusCode,
    ).toBe(403);
    const builtin = (await ctx.call('GET', '/api/v1/sla/policies', { as: agent }))
      .json()
      .items.find((p: { isBuiltin: boolean }) => p.isBuiltin);
    expect((await ctx.call('PATCH', `/api/v1/sla/policies/${builtin.id}`, { as: manager, body: { isActive: false } })).statusCode).toBe(
      400,
    );
    expect(await ctx.snapshot()).toEqual(before);
  });
});

describe('breach-risk view', () => {
  test('lists open clocks soonest first, and a customer user sees only its own', async () => {
    ctx.clock.set('2026-03-02T01:00:00Z');
    const a = await ctx.customer();
    const b = await ctx.customer();
    const normal = await ctx.ticket(agent, a.id, { severity: 'normal' });
    const critical = await ctx.ticket(agent, b.id, { severity: 'critical' });
    const risk = (await ctx.call('GET', '/api/v1/sla/at-risk?limit=200', { as: agent })).json();
    const dues = risk.items.map((i: { target: { dueAt: string } }) => i.target.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const firstOfCritical = risk.items.findIndex((i: { ticket: { id: string } }) => i.ticket.id === critical.id);
    const firstOfNormal = risk.items.findIndex((i: { ticket: { id: string } }) => i.ticket.id === normal.id);
    expect(firstOfCritical).toBeLessThan(firstOfNormal);

    const hospitalUser = await ctx.user('customer', { customerId: a.id });
    expect((await ctx.call('GET', '/api/v1/sla/at-risk', { as: hospitalUser })).statusCode).toBe(403);
  });
});

describe('seeded tier policies and the customer kind (issue 14)', () => {
  test('each built-in tier has a policy following its window; Diamond answers majors faster; 1–30 min offered switched off', async () => {
    const list = (await ctx.call('GET', '/api/v1/sla/policies', { as: agent })).json().items as {
      name: string;
      tier: string | null;
      isActive: boolean;
      isBuiltin: boolean;
      priority: number;
      targets: { normal: { resolution: { calendarId: string } }; critical: { solution: { minutes: number } } };
    }[];
    const allDay = calendars.find((c) => c.name.startsWith('7×24'))?.id;
    const working = calendars.find((c) => c.name.startsWith('5×8'))?.id;
    const byTier = Object.fromEntries(list.filter((p) => p.tier).map((p) => [p.tier, p]));
    expect(byTier.diamond?.targets.normal.resolution.calendarId).toBe(allDay);
    expect(byTier.gold?.targets.normal.resolution.calendarId).toBe(allDay);
    expect(byTier.silver?.targets.normal.resolution.calendarId).toBe(working);
    expect(byTier.bronze?.targets.normal.resolution.calendarId).toBe(working);
    expect(byTier.diamond?.targets.critical.solution.minutes).toBe(720);
    expect(byTier.gold?.targets.critical.solution.minutes).toBe(1440);
    expect(byTier.silver).toMatchObject({ isBuiltin: false, isActive: true, priority: -10 });
    expect(list.find((p) => p.name.includes('1–30'))).toMatchObject({ isActive: false });
  });

  test.each([
    ['general_fault', 120, 60],
    ['catastrophic_fault', 120, 60],
    ['routine_maintenance', 1440, 60],
    [null, 1440, 60],
  ])('003 service class %s: seeded policy gives solution %i min, first response %i min', async (serviceClass, solution, first) => {
    const t = await ctx.ticket(agent, (await ctx.customer()).id, { severity: 'normal', ...(serviceClass ? { serviceClass } : {}) });
    const minutes = (metric: string) => t.sla.find((s: { metric: string }) => s.metric === metric).targetMinutes;
    expect(minutes('solution')).toBe(solution);
    expect(minutes('first_response')).toBe(first);
  });

  test('a policy for a customer kind (000: priority by industry) applies to that kind only', async () => {
    const allDay = calendars.find((c) => c.name.startsWith('7×24'));
    const created = await ctx.call('POST', '/api/v1/sla/policies', {
      as: manager,
      body: { name: '代理商 Agencies', customerKind: 'agency', targets: targets(allDay?.id ?? '', 45) },
    });
    expect(created.statusCode).toBe(201);
    const agencyCustomer = await ctx.customer();
    await ctx.call('PATCH', `/api/v1/customers/${agencyCustomer.id}`, { as: manager, body: { kind: 'agency' } });
    const onAgency = await ctx.ticket(agent, agencyCustomer.id, { severity: 'normal' });
    expect(onAgency.sla.find((s: { metric: string }) => s.metric === 'first_response').targetMinutes).toBe(45);
    const onHospital = await ctx.ticket(agent, (await ctx.customer()).id, { severity: 'normal' });
    expect(onHospital.sla.find((s: { metric: string }) => s.metric === 'first_response').targetMinutes).toBe(60);
    const bad = await ctx.call('POST', '/api/v1/sla/policies', {
      as: manager,
      body: { name: 'x', customerKind: 'school', targets: targets(allDay?.id ?? '', 45) },
    });
    expect(bad.statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

// The on-site clock's start option and distance rules naming provinces/cities, through the API.

let ctx: TestContext;
let agent: Session;
let manager: Session;
let engineer: Session;
let bronzeId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  manager = await ctx.user('manager');
  engineer = await ctx.user('engineer');
  bronzeId = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent }))
    .json()
    .items.find((t: { code: string }) => t.code === 'bronze').id;
});
afterAll(() => ctx.close());

async function bronzeCustomer() {
  const c = await ctx.customer();
  const res = await ctx.call('POST', '/api/v1/service-contracts', {
    as: agent,
    body: { customerId: c.id, tierId: bronzeId, startDate: '2026-01-01', endDate: '2026-12-31' },
  });
  expect(res.statusCode).toBe(201);
  return c;
}

/** Sets the option (and rules) on every policy, so whichever one a request falls under has it. */
async function setEveryPolicy(body: object) {
  const policies = (await ctx.call('GET', '/api/v1/sla/policies', { as: manager })).json().items as { id: string }[];
  for (const p of policies) expect((await ctx.call('PATCH', `/api/v1/sla/policies/${p.id}`, { as: manager, body })).statusCode).toBe(200);
}

const onSite = async (ticketId: string) =>
  (
    (await ctx.call('GET', `/api/v1/tickets/${ticketId}`, { as: agent })).json().sla as {
      metric: string;
      state: string;
      targetMinutes: number;
    }[]
  ).find((s) => s.metric === 'on_site');
const dispatch = (ticketId: string) =>
  ctx.call('POST', `/api/v1/tickets/${ticketId}/work-orders`, {
    as: agent,
    body: { type: 'emergency', plannedAt: '2026-03-02T06:00:00Z', engineerIds: [engineer.user.id] },
  });
const confirm = (ticketId: string, body: object, as: Session = agent) =>
  ctx.call('POST', `/api/v1/tickets/${ticketId}/written-confirmation`, { as, body });

describe('on-site clock start: at dispatch or at the written confirmation (002 四(二))', () => {
  test('under "written confirmation" dispatch starts nothing; the confirmation starts 12 h (urgent) or 36 h (normal)', async () => {
    await setEveryPolicy({ onSiteStart: 'written_confirmation' });
    const c = await bronzeCustomer();
    const urgent = await ctx.ticket(agent, c.id, { severity: 'urgent' });
    expect((await dispatch(urgent.id)).statusCode).toBe(201);
    expect(await onSite(urgent.id)).toBeUndefined();

    const res = await confirm(urgent.id, { confirmedByName: '张主任', note: '同意更换网卡方案（签字件已存档）' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ startsOnSiteClock: true });
    expect(await onSite(urgent.id)).toMatchObject({ state: 'running', targetMinutes: 12 * 60 });
    // A second confirmation is recorded but starts nothing new.
    expect((await confirm(urgent.id, { confirmedByName: '张主任' })).json()).toEqual({ startsOnSiteClock: false });
    const events = (await ctx.call('GET', `/api/v1/tickets/${urgent.id}`, { as: agent })).json().events;
    expect(events.filter((e: { type: string }) => e.type === 'written_confirmation').map((e: { data: object }) => e.data)).toEqual([
      expect.objectContaining({ confirmedByName: '张主任', startsOnSiteClock: true }),
      expect.objectContaining({ startsOnSiteClock: false }),
    ]);

    const normal = await ctx.ticket(agent, c.id, { severity: 'normal' });
    expect((await confirm(normal.id, { confirmedByName: '李科长' })).json()).toEqual({ startsOnSiteClock: true });
    expect(await onSite(normal.id)).toMatchObject({ targetMinutes: 36 * 60 });
  });

  test('refusals: a time in the future, no name, a hospital user, another hospital → 4xx, nothing changed', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id, { severity: 'urgent' });
    const own = await ctx.user('customer', { customerId: c.id });
    const stranger = await ctx.user('customer', { customerId: (await ctx.customer()).id });
    const before = await ctx.snapshot();
    const future = new Date(ctx.clock().getTime() + 3_600_000).toISOString();
    expect((await confirm(t.id, { confirmedByName: '张主任', confirmedAt: future })).statusCode).toBe(400);
    expect((await confirm(t.id, { confirmedByName: ' ' })).statusCode).toBe(400);
    expect((await confirm(t.id, { confirmedByName: '张主任', colour: 'red' })).statusCode).toBe(400);
    expect((await confirm(t.id, { confirmedByName: '张主任' }, own)).statusCode).toBe(403);
    expect((await confirm(t.id, { confirmedByName: '张主任' }, stranger)).statusCode).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);
    expect(await onSite(t.id)).toBeUndefined();
  });
});

describe('distance rules naming provinces or cities (002: 北京及周边城市特殊处理)', () => {
  test('a city rule with explicit hours is used at dispatch before the customer’s distance class; bad rules are 400', async () => {
    const policies = (await ctx.call('GET', '/api/v1/sla/policies', { as: manager })).json().items as { id: string }[];
    const before = await ctx.snapshot();
    for (const onSiteRules of [
      [{ province: '湖北省', hours: -1 }],
      [{ province: '湖北省', distance: 'moon' }],
      [{ province: '', hours: 4 }],
    ]) {
      const res = await ctx.call('PATCH', `/api/v1/sla/policies/${policies[0].id}`, { as: manager, body: { onSiteRules } });
      expect(res.statusCode, JSON.stringify(onSiteRules)).toBe(400);
    }
    expect(
      (await ctx.call('PATCH', `/api/v1/sla/policies/${policies[0].id}`, { as: agent, body: { onSiteStart: 'dispatch' } })).statusCode,
    ).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);

    // The test customers are in 湖北省武汉市 (same city: 2 h by default); a rule gives Wuhan 4 h.
    await setEveryPolicy({
      onSiteStart: 'dispatch',
      onSiteRules: [
        { province: '湖北省', distance: 'elsewhere' },
        { province: '湖北', city: '武汉', hours: 4 },
      ],
    });
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id, { severity: 'urgent' });
    expect((await dispatch(t.id)).statusCode).toBe(201);
    expect(await onSite(t.id)).toMatchObject({ state: 'running', targetMinutes: 240 });
    expect((await confirm(t.id, { confirmedByName: '张主任' })).json()).toEqual({ startsOnSiteClock: false });

    // Without the city rule the province rule applies (elsewhere: the policy's minutes for that class).
    await setEveryPolicy({ onSiteRules: [{ province: '湖北省', hours: 30 }] });
    const t2 = await ctx.ticket(agent, c.id, { severity: 'urgent' });
    expect((await dispatch(t2.id)).statusCode).toBe(201);
    expect(await onSite(t2.id)).toMatchObject({ targetMinutes: 30 * 60 });
  });
});

describe('a severity change after dispatch re-applies the place rules and the start option', () => {
  const policyMinutes = async (severity: string, distance: string) => {
    const policy = (await ctx.call('GET', '/api/v1/sla/policies', { as: manager })).json().items[0];
    return policy.targets[severity].on_site.minutes[distance] as number;
  };
  const raise = async (ticketId: string, severity: string) =>
    expect((await ctx.call('PATCH', `/api/v1/tickets/${ticketId}`, { as: agent, body: { severity } })).statusCode).toBe(200);

  test('a province rule naming a distance class keeps applying when the request is raised to critical', async () => {
    await setEveryPolicy({ onSiteStart: 'dispatch', onSiteRules: [{ province: '湖北省', distance: 'elsewhere' }] });
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id, { severity: 'urgent' });
    expect((await dispatch(t.id)).statusCode).toBe(201);
    expect(await onSite(t.id)).toMatchObject({ targetMinutes: await policyMinutes('urgent', 'elsewhere') });

    await raise(t.id, 'critical');
    const critical = await policyMinutes('critical', 'elsewhere');
    // Not the customer's own class (same city): the rule for its province still decides.
    expect(critical).not.toBe(await policyMinutes('critical', 'same_city'));
    expect(await onSite(t.id)).toMatchObject({ state: 'running', targetMinutes: critical });
  });

  test('a rule with explicit hours is kept whatever the severity', async () => {
    await setEveryPolicy({ onSiteStart: 'dispatch', onSiteRules: [{ province: '湖北省', city: '武汉市', hours: 5 }] });
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id, { severity: 'normal' });
    expect((await dispatch(t.id)).statusCode).toBe(201);
    expect(await onSite(t.id)).toMatchObject({ targetMinutes: 300 });
    await raise(t.id, 'critical');
    expect(await onSite(t.id)).toMatchObject({ targetMinutes: 300 });
  });

  test('under "written confirmation" a normal request raised to urgent owes 12 h instead of 36 h', async () => {
    await setEveryPolicy({ onSiteStart: 'written_confirmation', onSiteRules: [] });
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id, { severity: 'normal' });
    expect((await confirm(t.id, { confirmedByName: '李科长' })).json()).toEqual({ startsOnSiteClock: true });
    expect(await onSite(t.id)).toMatchObject({ targetMinutes: 36 * 60 });
    await raise(t.id, 'urgent');
    expect(await onSite(t.id)).toMatchObject({ state: 'running', targetMinutes: 12 * 60 });
  });
});

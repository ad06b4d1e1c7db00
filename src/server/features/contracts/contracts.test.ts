import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runRenewalReminders } from './contracts.service.ts';

let ctx: TestContext;
let agent: Session;
let admin: Session;
let tiers: Record<string, { id: string; emergencyVisitsPerYear: number | null; yearlyPriceFen: number }>;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  admin = await ctx.user('admin');
  const list = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json();
  tiers = Object.fromEntries(list.items.map((t: { code: string }) => [t.code, t]));
});
afterAll(() => ctx.close());
// Tests that move the clock sign in again (sessions expire on the clock) and put it back after.
const START = '2026-03-02T01:00:00Z';
afterEach(async () => {
  ctx.clock.set(START);
  agent = await ctx.user('agent');
});
async function at(iso: string) {
  ctx.clock.set(iso);
  agent = await ctx.user('agent');
}

/** Row counts of the contract tables: "nothing changed" compares two of these. */
async function counts() {
  const out: Record<string, number> = {};
  for (const t of ['service_tiers', 'system_contracts', 'service_contracts', 'renewal_reminders', 'visits', 'quotes', 'audit_log']) {
    out[t] = (await ctx.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`)))[0].n;
  }
  return { ...out, ...(await ctx.snapshot()) };
}

const contract = (customerId: string, startDate: string, endDate: string, extra: object = {}) =>
  ctx.call('POST', '/api/v1/service-contracts', { as: agent, body: { customerId, tierId: tiers.silver.id, startDate, endDate, ...extra } });

describe('service tiers', () => {
  test('the four tiers of DOMAIN.md §5 are seeded in fen, unlimited visits as null', () => {
    expect(Object.keys(tiers).sort()).toEqual(['bronze', 'diamond', 'gold', 'silver']);
    expect(tiers.diamond).toMatchObject({
      yearlyPriceFen: 20_000_000,
      emergencyVisitsPerYear: null,
      hasResidentEngineer: true,
      retrainingQuota: 2,
    });
    expect(tiers.gold).toMatchObject({ yearlyPriceFen: 15_000_000, emergencyVisitsPerYear: null, serviceWindow: '7x24' });
    expect(tiers.silver).toMatchObject({ yearlyPriceFen: 10_000_000, emergencyVisitsPerYear: 10, routineMaintenance: 'half_yearly' });
    expect(tiers.bronze).toMatchObject({ yearlyPriceFen: 5_000_000, emergencyVisitsPerYear: 5, serviceWindow: '5x8' });
  });

  test('admins add and edit tiers; others may not', async () => {
    const body = {
      code: 'platinum_lite',
      nameZh: '白金简版',
      nameEn: 'Platinum lite',
      yearlyPriceFen: 8_000_000,
      routineMaintenance: 'quarterly',
      emergencyVisitsPerYear: 8,
      serviceWindow: '5x8',
    };
    expect((await ctx.call('POST', '/api/v1/service-tiers', { as: agent, body })).statusCode).toBe(403);
    const created = await ctx.call('POST', '/api/v1/service-tiers', { as: admin, body });
    expect(created.statusCode).toBe(201);
    expect((await ctx.call('POST', '/api/v1/service-tiers', { as: admin, body })).statusCode).toBe(409);
    const edited = await ctx.call('PATCH', `/api/v1/service-tiers/${created.json().id}`, {
      as: admin,
      body: { emergencyVisitsPerYear: null },
    });
    expect(edited.json().emergencyVisitsPerYear).toBeNull();
  });
});

describe('system contracts', () => {
  test('acceptance starts free maintenance (+1y), upgrades and warranty (+3y); fee is 10% rounded half up', async () => {
    const c = await ctx.customer();
    const res = await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
      as: agent,
      body: { title: 'HIS 全院系统', signedDate: '2024-10-01', totalPriceFen: 123_456_785, acceptanceDate: '2025-06-01' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      freeMaintenanceUntil: '2026-05-31',
      freeUpgradesUntil: '2028-05-31',
      hardwareWarrantyUntil: '2028-05-31',
      suggestedYearlyMaintenanceFeeFen: 12_345_679,
    });
  });
});

describe('service contracts', () => {
  test('defaults from the tier; overlapping contracts of one customer are refused; adjacent ones are fine', async () => {
    const c = await ctx.customer();
    const first = await contract(c.id, '2026-01-01', '2026-12-31');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ priceFen: 10_000_000, visitQuota: 10, visitsUsed: 0, accountOwnerId: agent.user.id });
    const before = await counts();
    const overlap = await contract(c.id, '2026-12-31', '2027-12-30');
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({ code: 'conflict', fields: { startDate: 'overlaps' } });
    expect(await counts()).toEqual(before);
    expect((await contract(c.id, '2027-01-01', '2027-12-31')).statusCode).toBe(201);
    // Another customer's contract on the same dates is unrelated.
    expect((await contract((await ctx.customer()).id, '2026-01-01', '2026-12-31')).statusCode).toBe(201);
  });

  test('two overlapping contracts created at once: exactly one wins', async () => {
    const c = await ctx.customer();
    const results = await Promise.all([contract(c.id, '2026-01-01', '2026-12-31'), contract(c.id, '2026-06-01', '2027-05-31')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await ctx.rows<{ n: number }>(sql`select count(*)::int as n from service_contracts where customer_id = ${c.id}`);
    expect(rows[0].n).toBe(1);
  });

  test('renewal: the day after, one year, linked; a second renewal is refused; expiring-soon lists the unrenewed', async () => {
    await at('2026-11-15T02:00:00Z');
    const c = await ctx.customer();
    const old = (await contract(c.id, '2026-01-01', '2026-12-31')).json();
    const soon = (await ctx.call('GET', `/api/v1/service-contracts?expiringWithinDays=60&customerId=${c.id}`, { as: agent })).json();
    expect(soon.items.map((x: { id: string }) => x.id)).toEqual([old.id]);
    const renewed = await ctx.call('POST', `/api/v1/service-contracts/${old.id}/renew`, { as: agent, body: { tierId: tiers.gold.id } });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      renewalOfId: old.id,
      priceFen: 15_000_000,
      visitQuota: null,
    });
    expect((await ctx.call('POST', `/api/v1/service-contracts/${old.id}/renew`, { as: agent, body: {} })).statusCode).toBe(409);
    const after = (await ctx.call('GET', `/api/v1/service-contracts?expiringWithinDays=60&customerId=${c.id}`, { as: agent })).json();
    expect(after.items).toEqual([]);
    expect((await ctx.call('GET', `/api/v1/service-contracts/${old.id}`, { as: agent })).json().renewedById).toBe(renewed.json().id);
  });
});

describe('entitlement at intake', () => {
  test('GET /customers/:id/entitlement?at= follows the archive, in the caller’s language', async () => {
    const c = await ctx.customer();
    const url = (at: string) => `/api/v1/customers/${c.id}/entitlement?at=${encodeURIComponent(at)}`;
    const none = (await ctx.call('GET', url('2026-03-02T02:00:00Z'), { as: agent })).json();
    expect(none).toMatchObject({ basis: 'none', locale: 'zh-CN', date: '2026-03-02' });
    expect(none.explanation).toContain('按次收费');

    await ctx.call('POST', `/api/v1/customers/${c.id}/modules`, {
      as: agent,
      body: { system: 'HIS', module: '门诊收费', goLiveDate: '2025-06-01', acceptanceState: 'running_unaccepted' },
    });
    await ctx.call('PATCH', `/api/v1/customers/${c.id}/project`, { as: agent, body: { unacceptedCase: 3 } });
    const unaccepted = await ctx.call('GET', url('2026-03-02T02:00:00+08:00'), {
      as: agent,
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(unaccepted.json()).toMatchObject({ basis: 'unaccepted_running', case: 3, locale: 'en', explanationKey: 'unaccepted_case_3' });
    expect(unaccepted.json().explanation).toContain('refund');

    await contract(c.id, '2026-03-01', '2027-02-28');
    const paid = (await ctx.call('GET', url('2026-03-02T02:00:00Z'), { as: agent })).json();
    expect(paid).toMatchObject({ basis: 'service_contract', tier: { code: 'silver' }, visitsLeft: 10 });
    const expired = (await ctx.call('GET', url('2027-03-01T02:00:00Z'), { as: agent })).json();
    expect(expired).toMatchObject({ basis: 'expired', until: '2027-02-28' });
  });

  test('customer users read their own entitlement and contracts, never another organisation’s', async () => {
    const mine = await ctx.customer();
    const other = await ctx.customer();
    await contract(other.id, '2026-01-01', '2026-12-31');
    const hospitalUser = await ctx.user('customer', { customerId: mine.id });
    expect((await ctx.call('GET', `/api/v1/customers/${mine.id}/entitlement`, { as: hospitalUser })).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/customers/${other.id}/entitlement`, { as: hospitalUser })).statusCode).toBe(404);
    const list = (await ctx.call('GET', '/api/v1/service-contracts', { as: hospitalUser })).json();
    expect(list.items.every((x: { customerId: string }) => x.customerId === mine.id)).toBe(true);
    expect(
      (
        await ctx.call('POST', '/api/v1/service-contracts', {
          as: hospitalUser,
          body: { customerId: mine.id, tierId: tiers.gold.id, startDate: '2027-01-01', endDate: '2027-12-31' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('renewal reminders on the scheduler tick', () => {
  test('60, 30 and 7 days before the end, once each, to the account owner', async () => {
    const owner = await ctx.user('manager');
    const c = await ctx.customer();
    ctx.clock.set('2026-01-10T02:00:00Z');
    const k = (await contract(c.id, '2026-01-01', '2026-12-31', { accountOwnerId: owner.user.id })).json();
    const sent = async () =>
      (await ctx.rows<{ d: number }>(sql`select days_before as d from renewal_reminders where contract_id = ${k.id} order by d desc`)).map(
        (r) => r.d,
      );
    const notes = async () =>
      (await ctx.call('GET', '/api/v1/notifications', { as: await ctx.signIn(owner.user.email) }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'contract_renewal');
    ctx.clock.set('2026-10-31T15:00:00Z'); // 23:00 on 31 October in Shanghai: not yet
    await runRenewalReminders({ deps: ctx.deps });
    expect(await sent()).toEqual([]);
    ctx.clock.set('2026-10-31T16:00:00Z'); // 00:00 on 1 November: 60 days before
    await runRenewalReminders({ deps: ctx.deps });
    await runRenewalReminders({ deps: ctx.deps });
    expect(await sent()).toEqual([60]);
    ctx.clock.set('2026-12-24T01:00:00Z'); // the 30-day reminder was missed (server down): only the 7-day one goes out
    await runRenewalReminders({ deps: ctx.deps });
    expect(await sent()).toEqual([60, 30, 7]);
    const items = await notes();
    expect(items.map((n: { data: { daysBefore: number } }) => n.data.daysBefore).sort()).toEqual([60, 7]);
  });
});

describe('bad input: a clear 4xx and nothing changed', () => {
  test.each([
    ['negative money', { priceFen: -1 }],
    ['fractional money', { priceFen: 100.5 }],
    ['end before start', { startDate: '2026-06-01', endDate: '2026-05-31' }],
    ['not a date', { startDate: '2026-02-30' }],
    ['negative quota', { visitQuota: -1 }],
  ])('service contract with %s', async (_name, patch) => {
    const c = await ctx.customer();
    const before = await counts();
    const res = await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: { customerId: c.id, tierId: tiers.bronze.id, startDate: '2026-01-01', endDate: '2026-12-31', ...patch },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(await counts()).toEqual(before);
  });

  test.each([
    ['negative total', { title: 'x', totalPriceFen: -100 }],
    ['fractional total', { title: 'x', totalPriceFen: 0.01 }],
    ['acceptance before signing', { title: 'x', totalPriceFen: 1, signedDate: '2026-01-02', acceptanceDate: '2026-01-01' }],
  ])('system contract with %s', async (_name, body) => {
    const c = await ctx.customer();
    const before = await counts();
    expect((await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, { as: agent, body })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  test('a quota below the visits already used, and shortening a contract past its visits, are refused', async () => {
    const c = await ctx.customer();
    const engineer = await ctx.user('engineer');
    const k = (await contract(c.id, '2026-01-01', '2026-12-31', { visitQuota: 5 })).json();
    for (const d of ['2026-02-01', '2026-02-15', '2026-03-01']) {
      expect(
        (
          await ctx.call('POST', `/api/v1/customers/${c.id}/visits`, {
            as: engineer,
            body: { visitDate: d, engineerIds: [engineer.user.id] },
          })
        ).statusCode,
      ).toBe(201);
    }
    const before = await counts();
    const low = await ctx.call('PATCH', `/api/v1/service-contracts/${k.id}`, { as: agent, body: { visitQuota: 2 } });
    expect(low.statusCode).toBe(409);
    expect(low.json().error.fields).toEqual({ visitQuota: 'below 3 used' });
    const short = await ctx.call('PATCH', `/api/v1/service-contracts/${k.id}`, { as: agent, body: { endDate: '2026-02-20' } });
    expect(short.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
    expect((await ctx.call('PATCH', `/api/v1/service-contracts/${k.id}`, { as: agent, body: { visitQuota: 3 } })).json().visitQuota).toBe(
      3,
    );
  });
});

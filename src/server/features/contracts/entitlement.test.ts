import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

// Issue 14 through HTTP: two acceptances, the stated free period, the unaccepted cases with their
// records (letter, refund, negotiation), the override, genuine licences; zh-CN and en answers.
let ctx: TestContext;
let agent: Session;
let manager: Session;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Sessions expire on the clock: moving it far signs in again (a manager only where one acts).
async function signInAt(iso: string, withManager = false) {
  ctx.clock.set(iso);
  agent = await ctx.user('agent');
  if (withManager) manager = await ctx.user('manager');
}

const entitlementOf = async (customerId: string, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const res = await ctx.call('GET', `/api/v1/customers/${customerId}/entitlement`, { as: agent, headers: { 'accept-language': lang } });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const patchProject = (customerId: string, body: object, as = agent) =>
  ctx.call('PATCH', `/api/v1/customers/${customerId}/project`, { as, body });
const addModule = (customerId: string, body: object) => ctx.call('POST', `/api/v1/customers/${customerId}/modules`, { as: agent, body });

describe('two acceptances (003 6.2, 6.7)', () => {
  test('initial acceptance only: the centre serves, the free year waits for final acceptance', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const p = await patchProject(c.id, { initialAcceptanceDate: '2026-01-10', finalAcceptanceDate: null });
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ initialAcceptanceDate: '2026-01-10', finalAcceptanceDate: null });
    const zh = await entitlementOf(c.id);
    expect(zh).toMatchObject({ basis: 'free_maintenance', explanationKey: 'initial_accepted' });
    expect(zh.until).toBeUndefined();
    expect(zh.explanation).toContain('初验');
    expect((await entitlementOf(c.id, 'en')).explanation).toContain('free year and the 3-year hardware warranty start at final acceptance');

    await patchProject(c.id, { finalAcceptanceDate: '2026-02-20' });
    const after = await entitlementOf(c.id, 'en');
    expect(after).toMatchObject({ basis: 'free_maintenance', until: '2027-02-19', onSiteUntil: '2026-03-21' });
    expect(after.explanation).toContain('30 days of on-site service after acceptance run until 2026-03-21');
  });

  test('a single initial date on a new project counts as both (as the migration did)', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const p = await patchProject(c.id, { initialAcceptanceDate: '2025-06-01' });
    expect(p.json()).toMatchObject({ initialAcceptanceDate: '2025-06-01', finalAcceptanceDate: '2025-06-01' });
    expect(await entitlementOf(c.id)).toMatchObject({ basis: 'free_maintenance', until: '2026-05-31' });
  });

  test('system contract: warranty and free upgrades from final acceptance; a single date is both', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const two = await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
      as: agent,
      body: { title: 'HIS', totalPriceFen: 100_000_000, acceptanceDate: '2025-10-01', finalAcceptanceDate: '2026-01-15' },
    });
    expect(two.statusCode).toBe(201);
    expect(two.json()).toMatchObject({ freeMaintenanceUntil: '2027-01-14', hardwareWarrantyUntil: '2029-01-14' });
    const one = await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
      as: agent,
      body: { title: 'PACS', totalPriceFen: 1, acceptanceDate: '2025-10-01' },
    });
    expect(one.json()).toMatchObject({ finalAcceptanceDate: '2025-10-01', hardwareWarrantyUntil: '2028-09-30' });
    const moved = await ctx.call('PATCH', `/api/v1/system-contracts/${one.json().id}`, {
      as: agent,
      body: { acceptanceDate: '2025-11-01' },
    });
    expect(moved.json()).toMatchObject({ acceptanceDate: '2025-11-01', finalAcceptanceDate: '2025-11-01' });
  });

  test('a stated free period that ran out without acceptance → expired, not unaccepted', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
      as: agent,
      body: { title: 'HIS', totalPriceFen: 200_000_000, freeServiceUntil: '2026-01-31' },
    });
    await addModule(c.id, { system: 'HIS', module: '门诊', goLiveDate: '2025-01-01', acceptanceState: 'running_unaccepted' });
    const e = await entitlementOf(c.id);
    expect(e).toMatchObject({ basis: 'expired', explanationKey: 'expired_free_unaccepted', until: '2026-01-31' });
    expect(e.explanation).toContain('合同约定的免费服务期已于 2026-01-31 到期');
    expect(e.explanation).toContain('¥200,000.00');
  });
});

describe('unaccepted over six months (002 二)', () => {
  test('case 1: the letter, its two weeks, no further service, then a manager override with a reason', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    await addModule(c.id, { system: 'HIS', module: '门诊', goLiveDate: '2025-06-01', acceptanceState: 'running_unaccepted' });
    await patchProject(c.id, { unacceptedCase: 1 });
    expect(await entitlementOf(c.id)).toMatchObject({ basis: 'unaccepted_running', case: 1, explanationKey: 'unaccepted_case_1' });

    const p = await patchProject(c.id, { urgeLetterDate: '2026-03-02', urgeLetterMethod: 'courier' });
    expect(p.json()).toMatchObject({ urgeLetterDate: '2026-03-02', urgeLetterMethod: 'courier', urgeDeadline: '2026-03-16' });
    const urged = await entitlementOf(c.id);
    expect(urged).toMatchObject({ basis: 'unaccepted_running', urgeDeadline: '2026-03-16' });
    expect(urged.explanation).toContain('以快递方式正式发函督促验收，期限至 2026-03-16');

    await signInAt('2026-03-17T04:00:00Z', true);
    const lapsed = await entitlementOf(c.id, 'en');
    expect(lapsed).toMatchObject({ basis: 'no_service', explanationKey: 'unaccepted_case_1_lapsed' });
    expect(lapsed.explanation).toContain('no further service');

    const body = { reason: '院长书面承诺月底前验收', untilDate: '2026-03-31' };
    expect((await ctx.call('POST', `/api/v1/customers/${c.id}/entitlement-overrides`, { as: agent, body })).statusCode).toBe(403);
    const created = await ctx.call('POST', `/api/v1/customers/${c.id}/entitlement-overrides`, { as: manager, body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ reason: body.reason, fromDate: '2026-03-17', untilDate: '2026-03-31' });
    const served = await entitlementOf(c.id);
    expect(served).toMatchObject({ basis: 'unaccepted_running', overridden: true });
    expect(served.explanation).toContain('【已人工放行至 2026-03-31：院长书面承诺月底前验收】');
    const list = await ctx.call('GET', `/api/v1/customers/${c.id}/entitlement-overrides`, { as: agent });
    expect(list.json().items).toHaveLength(1);
    const audited = await ctx.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'entitlement.override' and entity_id = ${c.id}`,
    );
    expect(audited[0]?.n).toBe(1);
    const timeline = (await ctx.call('GET', `/api/v1/customers/${c.id}/timeline`, { as: agent })).json().items;
    expect(timeline).toContainEqual(expect.objectContaining({ type: 'override', title: body.reason }));

    await signInAt('2026-04-01T04:00:00Z');
    expect(await entitlementOf(c.id)).toMatchObject({ basis: 'no_service' });
  }, 120_000);

  test("case 1: the letter's scan must be a document of this customer", async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const before = await ctx.snapshot();
    const res = await patchProject(c.id, { urgeLetterDate: '2026-03-02', urgeLetterDocumentId: '00000000-0000-4000-8000-000000000001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('urgeLetterDocumentId');
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('case 2: launched modules accepted one by one, the others on hold', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    await addModule(c.id, { system: 'HIS', module: '门诊', goLiveDate: '2025-06-01', acceptanceState: 'running_unaccepted' });
    const held = await addModule(c.id, { system: 'HIS', module: '手麻', acceptanceState: 'on_hold' });
    expect(held.statusCode).toBe(201);
    expect(held.json().acceptanceState).toBe('on_hold');
    await patchProject(c.id, { unacceptedCase: 2 });
    const e = await entitlementOf(c.id);
    expect(e).toMatchObject({ basis: 'unaccepted_running', case: 2 });
    expect(e.explanation).toContain('1 个未上线模块已搁置');
  });

  test('case 3: the refund for modules that could not launch, in fen', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    await addModule(c.id, { system: 'HIS', module: '门诊', goLiveDate: '2025-06-01', acceptanceState: 'running_unaccepted' });
    const p = await patchProject(c.id, { unacceptedCase: 3, refundFen: 8_800_000 });
    expect(p.json().refundFen).toBe(8_800_000);
    expect((await entitlementOf(c.id, 'en')).explanation).toContain('refund recorded: CN¥88,000.00');
  });

  test('case 4: the negotiation is a task with a due date', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    await addModule(c.id, { system: 'HIS', module: '门诊', goLiveDate: '2025-06-01', acceptanceState: 'running_unaccepted' });
    await patchProject(c.id, { unacceptedCase: 4, negotiationDueDate: '2026-03-01' });
    const e = await entitlementOf(c.id);
    expect(e).toMatchObject({ case: 4, explanationParams: { due: '2026-03-01', overdue: 1 } });
    expect(e.explanation).toContain('已逾期');
  });
});

describe('genuine licences only (002)', () => {
  test('a system without a genuine licence → no service, explained', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const m = await addModule(c.id, {
      system: 'PACS',
      module: '影像',
      goLiveDate: '2025-01-01',
      acceptanceState: 'accepted',
      acceptanceDate: '2025-06-01',
    });
    expect(m.json().genuineLicence).toBe(true);
    expect((await entitlementOf(c.id)).basis).toBe('free_maintenance');
    await ctx.call('PATCH', `/api/v1/modules/${m.json().id}`, { as: agent, body: { genuineLicence: false } });
    const e = await entitlementOf(c.id, 'en');
    expect(e).toMatchObject({ basis: 'no_service', explanationKey: 'unlicensed' });
    expect(e.explanation).toContain('PACS is not recorded as genuinely licensed');
  });
});

describe('bad input is a 400 that changes nothing', () => {
  test.each([
    ['final before initial', 'project', { initialAcceptanceDate: '2026-01-10', finalAcceptanceDate: '2026-01-09' }],
    ['final without initial', 'project', { finalAcceptanceDate: '2026-01-09' }],
    ['unknown letter method', 'project', { urgeLetterMethod: 'pigeon' }],
    ['negative refund', 'project', { refundFen: -1 }],
    ['fractional refund', 'project', { refundFen: 1.5 }],
    ['override without a reason', 'entitlement-overrides', { reason: ' ', untilDate: '2026-03-31' }],
    ['override ending before it starts', 'entitlement-overrides', { reason: 'x', fromDate: '2026-03-10', untilDate: '2026-03-09' }],
    ['override ending before today', 'entitlement-overrides', { reason: 'x', untilDate: '2026-03-01' }],
  ])('%s', async (_name, path, body) => {
    await signInAt('2026-03-02T04:00:00Z', true);
    const c = await ctx.customer();
    const projectBefore = (await ctx.call('GET', `/api/v1/customers/${c.id}/project`, { as: agent })).json();
    const before = await ctx.snapshot();
    const method = path === 'project' ? 'PATCH' : 'POST';
    const res = await ctx.call(method, `/api/v1/customers/${c.id}/${path}`, { as: manager, body });
    expect(res.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/project`, { as: agent })).json()).toEqual(projectBefore);
  });

  test('final system-contract acceptance before the initial one', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const before = await ctx.snapshot();
    const res = await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
      as: agent,
      body: { title: 'HIS', totalPriceFen: 1, acceptanceDate: '2026-01-10', finalAcceptanceDate: '2026-01-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
  });
});

describe('customer users', () => {
  test('read their own overrides only, and cannot create one', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const mine = await ctx.customer();
    const other = await ctx.customer();
    const hospital = await ctx.user('customer', { customerId: mine.id });
    expect((await ctx.call('GET', `/api/v1/customers/${mine.id}/entitlement-overrides`, { as: hospital })).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/customers/${other.id}/entitlement-overrides`, { as: hospital })).statusCode).toBe(404);
    const res = await ctx.call('POST', `/api/v1/customers/${mine.id}/entitlement-overrides`, {
      as: hospital,
      body: { reason: 'x', untilDate: '2026-03-31' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('people: the responsible engineer (000) and Diamond’s resident engineer (002)', () => {
  test('shown with the entitlement; the responsible engineer is the default assignee at intake; approach and class recorded', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const engineer = await ctx.user('engineer', { name: '李工' });
    const resident = await ctx.user('engineer', { name: '驻院王工' });
    const hospital = await ctx.user('customer', { customerId: c.id });
    const bad = await ctx.call('PATCH', `/api/v1/customers/${c.id}`, { as: agent, body: { responsibleEngineerId: hospital.user.id } });
    expect(bad.statusCode).toBe(400);
    const set = await ctx.call('PATCH', `/api/v1/customers/${c.id}`, { as: agent, body: { responsibleEngineerId: engineer.user.id } });
    expect(set.statusCode).toBe(200);
    expect(set.json().responsibleEngineerId).toBe(engineer.user.id);

    const tiers = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items;
    const diamond = tiers.find((t: { code: string }) => t.code === 'diamond');
    const contract = await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: { customerId: c.id, tierId: diamond.id, startDate: '2026-01-01', endDate: '2026-12-31', residentEngineerId: resident.user.id },
    });
    expect(contract.statusCode).toBe(201);
    expect(contract.json().residentEngineerId).toBe(resident.user.id);

    const e = await entitlementOf(c.id);
    expect(e).toMatchObject({
      basis: 'service_contract',
      responsibleEngineer: { id: engineer.user.id, name: '李工' },
      residentEngineer: { id: resident.user.id, name: '驻院王工' },
    });

    const t = await ctx.ticket(agent, c.id, { serviceClass: 'general_fault', handlingApproach: 'remote' });
    expect(t).toMatchObject({ assignee: { id: engineer.user.id }, serviceClass: 'general_fault', handlingApproach: 'remote' });
    const named = await ctx.ticket(agent, c.id, { assigneeId: resident.user.id });
    expect(named.assignee.id).toBe(resident.user.id);
    const fromHospital = await ctx.ticket(hospital, c.id);
    expect(fromHospital.assignee).toBeNull();

    const before = await ctx.snapshot();
    const wrong = await ctx.call('POST', '/api/v1/tickets', {
      as: agent,
      body: {
        customerId: c.id,
        title: 'x',
        description: 'y',
        severity: 'normal',
        channel: 'phone',
        kind: 'request',
        handlingApproach: 'fax',
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
  }, 120_000);
});

describe('configuration items: who supplied them, warranty service, refused claims (000, 003)', () => {
  test('supplied by us, manufacturer and agent, and a refused claim’s reason; an unknown reason is a 400 that changes nothing', async () => {
    await signInAt('2026-03-02T04:00:00Z');
    const c = await ctx.customer();
    const created = await ctx.call('POST', `/api/v1/customers/${c.id}/configuration-items`, {
      as: agent,
      body: { kind: 'server', name: '数据库服务器', manufacturer: 'Dell', authorisedAgent: '武汉某授权服务商', warrantyEnd: '2029-01-14' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ suppliedByUs: true, manufacturer: 'Dell', warrantyExclusion: null });
    const refused = await ctx.call('PATCH', `/api/v1/configuration-items/${created.json().id}`, {
      as: agent,
      body: { warrantyExclusion: 'wrong_operation' },
    });
    expect(refused.json().warrantyExclusion).toBe('wrong_operation');
    const before = await ctx.snapshot();
    const bad = await ctx.call('POST', `/api/v1/customers/${c.id}/configuration-items`, {
      as: agent,
      body: { kind: 'server', name: 'x', warrantyExclusion: 'bad_luck' },
    });
    expect(bad.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let admin: Session;
let agent: Session;
let engineer: Session;
let senior: Session;
let productManager: Session;
let billingManager: Session;
let researcher: Session;
let hospital: Awaited<ReturnType<TestContext['customer']>>;
let portal: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin');
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer');
  senior = await ctx.user('engineer', { name: '高级工程师王工' });
  productManager = await ctx.user('engineer', { name: '产品经理赵工' });
  billingManager = await ctx.user('engineer', { name: '收费产品经理钱工' });
  researcher = await ctx.user('engineer', { name: '研发孙工' });
  hospital = await ctx.customer();
  portal = await ctx.user('customer', { customerId: hospital.id });
});
afterAll(() => ctx.close());

const roster = (as: Session, body: object) => ctx.call('POST', '/api/v1/escalation-roster', { as, body });

describe('escalation roster', () => {
  test('administrators edit it; others read or are refused; a holder must be active staff', async () => {
    expect((await roster(admin, { rung: 'senior_engineer', userId: senior.user.id })).statusCode).toBe(201);
    expect((await roster(admin, { rung: 'product_manager', userId: productManager.user.id })).statusCode).toBe(201);
    expect((await roster(admin, { rung: 'product_manager', module: '门诊收费', userId: billingManager.user.id })).statusCode).toBe(201);
    expect((await roster(admin, { rung: 'rnd', product: 'HIS', userId: researcher.user.id })).statusCode).toBe(201);
    const before = await ctx.snapshot();
    expect((await roster(admin, { rung: 'rnd', product: 'HIS', userId: researcher.user.id })).statusCode).toBe(409);
    expect((await roster(admin, { rung: 'rnd', userId: portal.user.id })).statusCode).toBe(400);
    expect((await roster(admin, { rung: 'ceo', userId: senior.user.id })).statusCode).toBe(400);
    expect((await roster(agent, { rung: 'rnd', userId: senior.user.id })).statusCode).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);
    const list = (await ctx.call('GET', '/api/v1/escalation-roster', { as: engineer })).json().items;
    expect(list).toHaveLength(4);
    expect((await ctx.call('GET', '/api/v1/escalation-roster', { as: portal })).statusCode).toBe(403);
  });
});

describe('escalate: cannot solve', () => {
  test('on site: the senior engineer is assigned and notified; the timeline says why (staff only)', async () => {
    const t = await ctx.ticket(agent, hospital.id, { severity: 'urgent' });
    const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, {
      as: engineer,
      body: { path: 'on_site', reason: '现场更换网卡后仍无法连接数据库' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ path: 'on_site', rung: 'senior_engineer', assignee: { id: senior.user.id } });
    const detail = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect(detail.assignee).toMatchObject({ id: senior.user.id });
    expect(detail.events.find((e: { type: string }) => e.type === 'cannot_solve_escalated')).toMatchObject({
      isInternal: true,
      body: '现场更换网卡后仍无法连接数据库',
    });
    const portalView = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: portal })).json();
    expect(portalView.events.map((e: { type: string }) => e.type)).not.toContain('cannot_solve_escalated');
    const inbox = (await ctx.call('GET', '/api/v1/notifications', { as: senior })).json().items;
    expect(inbox).toEqual([expect.objectContaining({ kind: 'cannot_solve_escalated', ticketId: t.id })]);
  });

  test('remote: product manager (of the module), reproduction test, then R&D; R&D before the test is refused and changes nothing', async () => {
    const t = await ctx.ticket(agent, hospital.id, { severity: 'urgent', module: '门诊收费' });
    const first = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, {
      as: engineer,
      body: { path: 'remote', reason: '远程无法定位' },
    });
    expect(first.json()).toMatchObject({ rung: 'product_manager', assignee: { id: billingManager.user.id } });
    const escalationId = first.json().id;

    const before = await ctx.snapshot();
    const early = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, {
      as: engineer,
      body: { path: 'remote', reason: '转研发' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('reproduction_required');
    const reproduction = { environment: '测试环境 HIS 5.2 + Oracle 19c', steps: '1. 门诊收费 2. 连续结算 3 次', reproduced: true };
    // Only the product manager holding it records the test.
    expect(
      (await ctx.call('POST', `/api/v1/escalations/${escalationId}/reproduction`, { as: engineer, body: reproduction })).statusCode,
    ).toBe(403);
    expect(
      (await ctx.call('POST', `/api/v1/escalations/${escalationId}/reproduction`, { as: portal, body: reproduction })).statusCode,
    ).toBe(403);
    expect(
      (await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, { as: engineer, body: { path: 'sideways', reason: 'x' } })).statusCode,
    ).toBe(400);
    expect(
      (await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, { as: portal, body: { path: 'remote', reason: 'x' } })).statusCode,
    ).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);

    const recorded = await ctx.call('POST', `/api/v1/escalations/${escalationId}/reproduction`, { as: billingManager, body: reproduction });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().reproduction).toMatchObject({ reproduced: true, recordedBy: { id: billingManager.user.id } });
    expect(
      (await ctx.call('POST', `/api/v1/escalations/${escalationId}/reproduction`, { as: billingManager, body: reproduction })).statusCode,
    ).toBe(409);

    const rnd = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, {
      as: billingManager,
      body: { path: 'remote', reason: '已复现，转研发' },
    });
    expect(rnd.json()).toMatchObject({ rung: 'rnd', assignee: { id: researcher.user.id } });
    const top = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, { as: engineer, body: { path: 'remote', reason: '再升级' } });
    expect(top.statusCode).toBe(409);
    const history = (await ctx.call('GET', `/api/v1/tickets/${t.id}/escalations`, { as: agent })).json().items;
    expect(history.map((e: { rung: string }) => e.rung)).toEqual(['product_manager', 'rnd']);

    // The defect hand-off to the software development centre names the reproduction.
    const report = await ctx.call('POST', `/api/v1/tickets/${t.id}/defect-reports`, {
      as: billingManager,
      body: { summary: '连续结算时发票号重复', escalationId },
    });
    expect(report.statusCode).toBe(201);
    expect(report.json()).toMatchObject({ escalationId, summary: '连续结算时发票号重复' });
    const other = await ctx.ticket(agent, hospital.id);
    const beforeBad = await ctx.snapshot();
    expect(
      (await ctx.call('POST', `/api/v1/tickets/${other.id}/defect-reports`, { as: engineer, body: { summary: 'x', escalationId } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await ctx.call('POST', `/api/v1/tickets/${other.id}/defect-reports`, { as: engineer, body: { summary: 'x' } })).statusCode,
    ).toBe(400);
    expect(await ctx.snapshot()).toEqual(beforeBad);
    const fromAny = await ctx.call('POST', `/api/v1/tickets/${other.id}/defect-reports`, {
      as: engineer,
      body: { summary: '报表导出乱码', reproduction: '导出 xlsx，用 WPS 打开' },
    });
    expect(fromAny.statusCode).toBe(201);
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/defect-reports`, { as: agent })).json().items).toHaveLength(1);
  });

  test('with no one on the rung, or on a finished request, escalation is refused and nothing changes', async () => {
    const t = await ctx.ticket(agent, hospital.id);
    const entries = (await ctx.call('GET', '/api/v1/escalation-roster', { as: admin })).json().items;
    const seniorEntry = entries.find((e: { rung: string }) => e.rung === 'senior_engineer');
    expect((await ctx.call('DELETE', `/api/v1/escalation-roster/${seniorEntry.id}`, { as: admin })).statusCode).toBe(204);
    const before = await ctx.snapshot();
    const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, { as: engineer, body: { path: 'on_site', reason: '无人' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual({ rung: 'no holder in the roster' });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'cancelled' } });
    const afterCancel = await ctx.snapshot();
    expect(afterCancel.escalation_roster).toBe(before.escalation_roster);
    const cancelled = await ctx.call('POST', `/api/v1/tickets/${t.id}/escalations`, {
      as: engineer,
      body: { path: 'remote', reason: '已取消' },
    });
    expect(cancelled.statusCode).toBe(409);
    expect(await ctx.snapshot()).toEqual(afterCancel);
  });
});

describe('RMA records', () => {
  test('sent to the manufacturer, returned replaced, customer told, a negotiated deadline; returning before sending is refused', async () => {
    const t = await ctx.ticket(agent, hospital.id);
    const created = await ctx.call('POST', `/api/v1/tickets/${t.id}/rma`, {
      as: engineer,
      body: { manufacturer: '某某打印机厂（授权代理：武汉某公司）', caseNumber: 'RMA-2026-0042', sentAt: '2026-03-02T02:00:00Z' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const before = await ctx.snapshot();
    const backwards = await ctx.call('PATCH', `/api/v1/rma/${id}`, { as: engineer, body: { returnedAt: '2026-03-01T00:00:00Z' } });
    expect(backwards.statusCode).toBe(400);
    expect((await ctx.call('PATCH', `/api/v1/rma/${id}`, { as: engineer, body: { outcome: 'lost' } })).statusCode).toBe(400);
    expect((await ctx.call('PATCH', `/api/v1/rma/${id}`, { as: portal, body: { outcome: 'repaired' } })).statusCode).toBe(403);
    expect((await ctx.call('PATCH', `/api/v1/rma/${id}`, { as: engineer, body: { newDeadline: '2026-3-9' } })).statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    const patched = await ctx.call('PATCH', `/api/v1/rma/${id}`, {
      as: engineer,
      body: { returnedAt: '2026-03-09T06:00:00Z', outcome: 'replaced', customerToldAt: '2026-03-09T07:00:00Z', newDeadline: '2026-03-12' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ outcome: 'replaced', newDeadline: '2026-03-12', caseNumber: 'RMA-2026-0042' });
    const list = (await ctx.call('GET', `/api/v1/tickets/${t.id}/rma`, { as: agent })).json().items;
    expect(list).toHaveLength(1);
    const events = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json().events;
    expect(events.filter((e: { type: string }) => e.type === 'rma_recorded')).toHaveLength(2);
  });
});

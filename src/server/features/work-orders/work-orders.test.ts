import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pdfText } from '../../testing/read-documents.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

// A real 1×1 PNG, as a signature pad's toDataURL() gives.
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SIGNATURE = `data:image/png;base64,${PNG_B64}`;

let ctx: TestContext;
let agent: Session;
let manager: Session;
let engineer: Session;
let otherEngineer: Session;
let bronzeId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  manager = await ctx.user('manager');
  engineer = await ctx.user('engineer', { name: '王工程师' });
  otherEngineer = await ctx.user('engineer');
  bronzeId = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent }))
    .json()
    .items.find((t: { code: string }) => t.code === 'bronze').id;
});
afterAll(() => ctx.close());

/** A customer with a Bronze contract in force (covered: emergency visits use its yearly quota). */
async function bronzeCustomer() {
  const c = await ctx.customer();
  const res = await ctx.call('POST', '/api/v1/service-contracts', {
    as: agent,
    body: { customerId: c.id, tierId: bronzeId, startDate: '2026-01-01', endDate: '2026-12-31' },
  });
  expect(res.statusCode).toBe(201);
  return c;
}

/** Drafts, sends and signs (now) a per-visit quote on a request, with the signed scan as a customer document. */
async function signedQuote(customerId: string, ticketId: string) {
  const body = {
    ticketId,
    people: 1,
    travelPerPersonFen: 50_000,
    lodgingPerPersonDayFen: 20_000,
    arrivalDate: '2026-03-02',
    departureDate: '2026-03-02',
  };
  const quote = (await ctx.call('POST', `/api/v1/customers/${customerId}/quotes`, { as: agent, body })).json();
  await ctx.call('POST', `/api/v1/quotes/${quote.id}/send`, { as: agent });
  const form = new FormData();
  form.append('kind', 'signed_quote');
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%signed scan\n')], { type: 'application/pdf' }), '报价单签字.pdf');
  const multipart = new Request('http://x', { method: 'POST', body: form });
  const doc = await ctx.call('POST', `/api/v1/customers/${customerId}/documents`, {
    as: agent,
    body: Buffer.from(await multipart.arrayBuffer()),
    headers: { 'content-type': multipart.headers.get('content-type') ?? '' },
  });
  const signed = await ctx.call('POST', `/api/v1/quotes/${quote.id}/sign`, {
    as: agent,
    body: { signedBy: '李院长', signedAt: ctx.clock().toISOString(), scanDocumentId: doc.json().id },
  });
  expect(signed.statusCode).toBe(200);
  return signed.json();
}

const create = (ticketId: string, body: object = {}, as: Session = agent) =>
  ctx.call('POST', `/api/v1/tickets/${ticketId}/work-orders`, {
    as,
    body: { type: 'emergency', plannedAt: '2026-03-02T06:00:00Z', engineerIds: [engineer.user.id], ...body },
  });
const post = (id: string, step: string, body: object = {}, as: Session = engineer) =>
  ctx.call('POST', `/api/v1/work-orders/${id}/${step}`, { as, body });

/** Dispatch, check in, check out and sign off: the whole visit. */
async function wholeVisit(ticketId: string, type = 'emergency') {
  const order = (await create(ticketId, { type })).json();
  expect((await post(order.id, 'check-in')).statusCode).toBe(200);
  expect((await post(order.id, 'check-out')).statusCode).toBe(200);
  const signed = await post(order.id, 'sign-off', { signerName: '张主任', signature: SIGNATURE });
  expect(signed.statusCode).toBe(200);
  return signed.json();
}

describe('work orders: the API contract', () => {
  test('create → 201 with PG number, default checklist and address snapshot; check-in meets the on-site clock; sign-off writes the register row', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    // 001 2.9: a whole-hospital outage (critical) in the vendor's city → a taxi or the van; covered by the contract.
    const suggestion = await ctx.call('GET', `/api/v1/tickets/${t.id}/work-order-suggestion`, { as: agent });
    expect(suggestion.json()).toEqual({ transports: ['taxi', 'van'], isCovered: true, basis: 'service_contract' });
    const res = await create(t.id, { transport: 'taxi', engineerIds: [engineer.user.id, otherEngineer.user.id] });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({
      number: expect.stringMatching(/^PG-2026-\d{4}$/),
      status: 'planned',
      type: 'emergency',
      transport: 'taxi',
      ticketId: t.id,
      customerId: c.id,
      contactName: '张主任',
      contactPhone: '027-88886666',
      address: '湖北省武汉市',
      hasSignature: false,
    });
    expect(order.engineers.map((e: { id: string }) => e.id).sort()).toEqual([engineer.user.id, otherEngineer.user.id].sort());
    expect(order.checklist.map((i: { label: string }) => i.label)).toEqual([
      '安装软件',
      '设置系统参数',
      '安装支撑软件',
      '协助录入初始数据',
    ]);
    const detail = async () => (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect((await detail()).sla.find((s: { metric: string }) => s.metric === 'on_site')).toMatchObject({ state: 'running' });

    ctx.clock.advance(30 * 60_000);
    const inAt = ctx.clock().toISOString();
    const checkedIn = await post(order.id, 'check-in', { clientActionId: randomUUID() });
    expect(checkedIn.statusCode).toBe(200);
    expect(checkedIn.json()).toMatchObject({ status: 'on_site', checkInAt: inAt });
    expect((await detail()).sla.find((s: { metric: string }) => s.metric === 'on_site')).toMatchObject({ state: 'met' });

    const patched = await ctx.call('PATCH', `/api/v1/work-orders/${order.id}`, {
      as: engineer,
      body: {
        workLog: '更换数据库连接池配置，重启服务后门诊收费恢复',
        checklist: order.checklist.map((i: object, n: number) => ({ ...i, isDone: n < 2 })),
        parts: [{ name: '网卡', quantity: 1, isSuppliedByUs: true, isUnderWarranty: true }],
        approval: { approvedByName: '李主任', approvedAt: inAt, method: 'phone' },
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ approvedByName: '李主任', approvalMethod: 'phone', parts: [{ name: '网卡' }] });

    ctx.clock.advance(90 * 60_000);
    expect((await post(order.id, 'check-out')).json()).toMatchObject({ status: 'checked_out', minutesOnSite: 90 });
    const signed = await post(order.id, 'sign-off', {
      signerName: '张主任',
      signerTitle: '信息科主任',
      signature: SIGNATURE,
      rating: 5,
      remark: '及时',
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed_off',
      signerName: '张主任',
      hasSignature: true,
      rating: 5,
      visitId: expect.any(String),
    });

    const visits = (await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json();
    expect(visits.items).toHaveLength(1);
    expect(visits.items[0]).toMatchObject({ id: signed.json().visitId, type: 'emergency', ticketId: t.id, visitDate: '2026-03-02' });
    expect(visits.items[0].engineerIds.sort()).toEqual([engineer.user.id, otherEngineer.user.id].sort());
    expect(visits.current).toMatchObject({ quota: 5, used: 1, left: 4 });

    const events = (await detail()).events.filter((e: { type: string }) => e.type === 'work_order');
    expect(events.map((e: { data: { step: string } }) => e.data.step)).toEqual(['created', 'checked_in', 'checked_out', 'signed_off']);

    // The request's list, the engineer's list (me, by planned time) and another engineer's.
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/work-orders`, { as: agent })).json().items).toHaveLength(1);
    const mine = await ctx.call('GET', '/api/v1/work-orders?engineerId=me&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z', {
      as: engineer,
    });
    expect(mine.json().items.map((o: { id: string }) => o.id)).toContain(order.id);
    const later = await ctx.call('GET', '/api/v1/work-orders?engineerId=me&from=2026-03-03T00:00:00Z', { as: engineer });
    expect(later.json().items.map((o: { id: string }) => o.id)).not.toContain(order.id);
  });

  test('a check-in in the past (offline) is kept with its real time; in the future beyond the skew it is refused', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = (await create(t.id)).json();
    ctx.clock.advance(3 * 3_600_000);
    const future = new Date(ctx.clock().getTime() + 3_600_000).toISOString();
    const before = await ctx.snapshot();
    const refused = await post(order.id, 'check-in', { at: future });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toMatchObject({ at: 'in the future' });
    expect(await ctx.snapshot()).toEqual(before);
    const past = new Date(ctx.clock().getTime() - 3_600_000).toISOString();
    expect((await post(order.id, 'check-in', { at: past })).json()).toMatchObject({ status: 'on_site', checkInAt: past });
  });
});

describe('work orders: idempotent replays (offline sync)', () => {
  test('the same clientActionId applied twice returns the same result and is applied once', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = (await create(t.id)).json();
    const checkIn = { clientActionId: randomUUID(), at: ctx.clock().toISOString() };
    const first = await post(order.id, 'check-in', checkIn);
    expect(first.statusCode).toBe(200);
    const before = await ctx.snapshot();
    const again = await post(order.id, 'check-in', checkIn);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await ctx.snapshot()).toEqual(before);

    await post(order.id, 'check-out', { clientActionId: randomUUID() });
    const signOff = { signerName: '张主任', signature: SIGNATURE, clientActionId: randomUUID() };
    const signed = await post(order.id, 'sign-off', signOff);
    expect(signed.statusCode).toBe(200);
    const afterSign = await ctx.snapshot();
    const replay = await post(order.id, 'sign-off', signOff);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(signed.json());
    expect(await ctx.snapshot()).toEqual(afterSign);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json().items).toHaveLength(1);

    // The same id for another action is a conflict, not a silent success.
    const reused = await post(order.id, 'check-out', { clientActionId: checkIn.clientActionId });
    expect(reused.statusCode).toBe(409);
  });
});

describe('work orders: bad input is a 4xx and changes nothing', () => {
  async function planned() {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    return { c, t, order: (await create(t.id)).json() };
  }
  async function unchanged(id: string, call: () => Promise<{ statusCode: number }>, status: number) {
    const before = await ctx.snapshot();
    const orderBefore = (await ctx.call('GET', `/api/v1/work-orders/${id}`, { as: agent })).json();
    expect((await call()).statusCode).toBe(status);
    expect(await ctx.snapshot()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/work-orders/${id}`, { as: agent })).json()).toEqual(orderBefore);
  }

  test('check-out before check-in, sign-off before check-out → 409', async () => {
    const { order } = await planned();
    await unchanged(order.id, () => post(order.id, 'check-out'), 409);
    await unchanged(order.id, () => post(order.id, 'sign-off', { signerName: '张主任', signature: SIGNATURE }), 409);
  });

  test('sign-off twice → 409, one register row', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = await wholeVisit(t.id);
    await unchanged(order.id, () => post(order.id, 'sign-off', { signerName: '李四', signature: SIGNATURE }), 409);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json().items).toHaveLength(1);
  });

  test('a signature that is not a PNG, or over 512 KiB → 400/413', async () => {
    const { order } = await planned();
    await post(order.id, 'check-in');
    await post(order.id, 'check-out');
    const jpeg = `data:image/png;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]).toString('base64')}`;
    await unchanged(order.id, () => post(order.id, 'sign-off', { signerName: '张主任', signature: jpeg }), 400);
    await unchanged(order.id, () => post(order.id, 'sign-off', { signerName: '张主任', signature: 'data:image/jpeg;base64,AAAA' }), 400);
    const big = Buffer.concat([Buffer.from(PNG_B64, 'base64'), Buffer.alloc(520 * 1024)]);
    await unchanged(
      order.id,
      () => post(order.id, 'sign-off', { signerName: '张主任', signature: `data:image/png;base64,${big.toString('base64')}` }),
      413,
    );
    await unchanged(order.id, () => post(order.id, 'sign-off', { signerName: '', signature: SIGNATURE }), 400);
    await unchanged(order.id, () => post(order.id, 'sign-off', { signerName: '张主任', signature: SIGNATURE, rating: 6 }), 400);
  });

  test('an engineer not on the order → 403; a customer user acting → 403; check-out before the check-in instant → 400', async () => {
    const { c, order } = await planned();
    await unchanged(order.id, () => post(order.id, 'check-in', {}, otherEngineer), 403);
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    await unchanged(order.id, () => post(order.id, 'check-in', {}, hospitalUser), 403);
    await unchanged(
      order.id,
      () => ctx.call('PATCH', `/api/v1/work-orders/${order.id}`, { as: hospitalUser, body: { workLog: 'x' } }),
      403,
    );
    await post(order.id, 'check-in');
    await unchanged(order.id, () => post(order.id, 'check-out', { at: '2020-01-01T00:00:00Z' }), 400);
    // A manager may act for the engineers (act_for_others).
    expect((await post(order.id, 'check-out', {}, manager)).statusCode).toBe(200);
  });

  test('create: unknown engineer ids, a customer user as engineer, a bad type, a customer user creating → 4xx, nothing written', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const cases: [object, number, Session?][] = [
      [{ engineerIds: [randomUUID()] }, 400],
      [{ engineerIds: [hospitalUser.user.id] }, 400],
      [{ engineerIds: [engineer.user.id, 'not-a-uuid'] }, 400],
      [{ type: 'picnic' }, 400],
      [{ transport: 'rocket' }, 400],
      [{ plannedAt: 'tomorrow' }, 400],
      [{}, 403, hospitalUser],
    ];
    for (const [body, status, as] of cases) {
      const before = await ctx.snapshot();
      const res = await create(t.id, body, as);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(await ctx.snapshot()).toEqual(before);
    }
    expect((await create(randomUUID())).statusCode).toBe(404);
  });
});

describe('the quota counts emergency visits only', () => {
  test('two routine visits and one emergency visit on a Bronze customer → used 1 of 5', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    await wholeVisit(t.id, 'routine');
    await wholeVisit(t.id, 'routine');
    await wholeVisit(t.id, 'emergency');
    const visits = (await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json();
    expect(visits.items.map((v: { type: string }) => v.type).sort()).toEqual(['emergency', 'routine', 'routine']);
    expect(visits.current).toMatchObject({ quota: 5, used: 1, left: 4 });
    const e = (await ctx.call('GET', `/api/v1/customers/${c.id}/entitlement`, { as: agent })).json();
    expect(e).toMatchObject({ visitsLeft: 4 });
    // A routine visit starts no on-site clock; the hand-typed register still defaults to emergency.
    const manual = await ctx.call('POST', `/api/v1/customers/${c.id}/visits`, {
      as: engineer,
      body: { visitDate: '2026-03-05', engineerIds: [engineer.user.id], type: 'training' },
    });
    expect(manual.json()).toMatchObject({ type: 'training' });
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json().current).toMatchObject({ used: 1 });
  });
});

describe('dispatch without entitlement', () => {
  test('no contract, no free maintenance: an emergency order needs a signed quote on the request or a manager’s override; no on-site clock', async () => {
    const c = await ctx.customer();
    const t = await ctx.ticket(agent, c.id);
    const before = await ctx.snapshot();
    const refused = await create(t.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'quote_required' });
    // An agent may not override; a manager must give a reason.
    expect((await create(t.id, { overrideReason: '院长特批' }, agent)).statusCode).toBe(403);
    expect((await create(t.id, { overrideReason: '' }, manager)).statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);

    const overridden = await create(t.id, { overrideReason: '院长特批，先服务后补报价单' }, manager);
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json()).toMatchObject({ overrideReason: '院长特批，先服务后补报价单', quoteId: null });
    const detail = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: manager })).json();
    expect(detail.events.find((e: { type: string }) => e.type === 'dispatch_override')).toMatchObject({
      body: '院长特批，先服务后补报价单',
    });
    expect(detail.sla.map((s: { metric: string }) => s.metric)).not.toContain('on_site');
    // The reason is internal: the hospital's own user sees the order, not the reason.
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    expect((await ctx.call('GET', `/api/v1/work-orders/${overridden.json().id}`, { as: hospitalUser })).json()).toMatchObject({
      overrideReason: null,
    });

    // A signed quote on the request: dispatch allowed, still no arrival promise; the visit rides on it.
    const t2 = await ctx.ticket(agent, c.id);
    const quote = await signedQuote(c.id, t2.id);
    const onQuote = await create(t2.id);
    expect(onQuote.statusCode).toBe(201);
    expect(onQuote.json()).toMatchObject({ quoteId: quote.id });
    const d2 = (await ctx.call('GET', `/api/v1/tickets/${t2.id}`, { as: agent })).json();
    expect(d2.sla.map((s: { metric: string }) => s.metric)).not.toContain('on_site');
    await post(onQuote.json().id, 'check-in');
    await post(onQuote.json().id, 'check-out');
    const signed = (await post(onQuote.json().id, 'sign-off', { signerName: '张主任', signature: SIGNATURE })).json();
    const visits = (await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json();
    expect(visits.items.find((v: { id: string }) => v.id === signed.visitId)).toMatchObject({ quoteId: quote.id, type: 'emergency' });
    // The quote is used: another emergency order on the request needs a new one.
    expect((await create(t2.id)).statusCode).toBe(409);
    // Routine work is not refused (the rule is for emergency repair).
    expect((await create(t2.id, { type: 'routine' })).statusCode).toBe(201);
  });
});

describe('who sees work orders and the service report', () => {
  test('the customer’s own portal user reads the order and its report; another organisation’s gets 404', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = await wholeVisit(t.id);
    await ctx.call('PATCH', `/api/v1/work-orders/${order.id}`, { as: engineer, body: {} });
    const own = await ctx.user('customer', { customerId: c.id });
    const other = await ctx.user('customer', { customerId: (await ctx.customer()).id });
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: own })).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/work-orders`, { as: own })).json().items).toHaveLength(1);
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: other })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/work-orders`, { as: other })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}/report.pdf`, { as: other })).statusCode).toBe(404);
    expect((await ctx.call('POST', `/api/v1/work-orders/${order.id}/check-in`, { as: other, body: {} })).statusCode).toBe(404);
    expect((await ctx.call('GET', '/api/v1/work-orders', { as: other })).json().items).toEqual([]);
    expect((await ctx.call('GET', '/api/v1/work-orders', { as: own })).json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);

    const pdf = await ctx.call('GET', `/api/v1/work-orders/${order.id}/report.pdf`, { as: own });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('服务报告'));
    const text = await pdfText(pdf.rawPayload);
    for (const s of [
      '现场服务报告',
      order.number,
      c.name,
      '紧急维修',
      '王工程师',
      '张主任',
      '客户已签字确认',
      '服务完毕，用户已对服务情况进行检查并签字确认',
    ]) {
      expect(text).toContain(s);
    }
    // The signature image is embedded.
    expect(pdf.rawPayload.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    const stored = await ctx.rows<{ n: number }>(sql`select length(signature_png)::int as n from work_orders where id = ${order.id}`);
    expect(stored[0].n).toBe(Buffer.from(PNG_B64, 'base64').length);
  });
});

describe('parts used priced from the spare-parts price list (000)', () => {
  const disk = { name: '硬盘', model: 'ST2000NM 2TB SAS', unitPriceFen: 180_000, contractPriceFen: 200_000, validFrom: '2026-01-01' };
  const ours = { isSuppliedByUs: true, isUnderWarranty: false };
  let diskId: string;
  let retiredId: string;
  let laterId: string;
  beforeAll(async () => {
    const add = async (body: object) => {
      const res = await ctx.call('POST', '/api/v1/spare-parts', { as: manager, body });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    diskId = await add(disk);
    retiredId = await add({ ...disk, model: 'retired', isActive: false });
    laterId = await add({ ...disk, model: 'next list', validFrom: '2099-01-01' });
  });
  const patch = (id: string, parts: unknown[], as: Session = engineer) =>
    ctx.call('PATCH', `/api/v1/work-orders/${id}`, { as, body: { parts } });

  test('a part from the list fills name, model and price; warranty or the customer’s own part is charged 0; the total and the report', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = (await create(t.id)).json();
    expect(order).toMatchObject({ parts: [], partsTotalFen: 0 });
    const res = await patch(order.id, [
      { sparePartId: diskId, quantity: 2, ...ours },
      { sparePartId: diskId, quantity: 1, isSuppliedByUs: true, isUnderWarranty: true },
      { sparePartId: diskId, quantity: 1, unitPriceFen: 150_000, isSuppliedByUs: false, isUnderWarranty: false },
      { name: '网线', model: 'Cat6', quantity: 3, unitPriceFen: 500, ...ours },
    ]);
    expect(res.statusCode).toBe(200);
    const listed = { sparePartId: diskId, name: '硬盘', model: 'ST2000NM 2TB SAS' };
    expect(res.json().parts).toEqual([
      { ...listed, quantity: 2, unitPriceFen: 180_000, ...ours, chargedFen: 360_000 },
      { ...listed, quantity: 1, unitPriceFen: 180_000, isSuppliedByUs: true, isUnderWarranty: true, chargedFen: 0 },
      { ...listed, quantity: 1, unitPriceFen: 150_000, isSuppliedByUs: false, isUnderWarranty: false, chargedFen: 0 },
      { sparePartId: null, name: '网线', model: 'Cat6', quantity: 3, unitPriceFen: 500, ...ours, chargedFen: 1_500 },
    ]);
    expect(res.json().partsTotalFen).toBe(361_500);
    // The same prices on every read: the ticket's list and the engineer's.
    const again = (await ctx.call('GET', `/api/v1/tickets/${t.id}/work-orders`, { as: agent })).json().items[0];
    expect(again).toMatchObject({ partsTotalFen: 361_500, parts: res.json().parts });

    expect((await post(order.id, 'check-in')).statusCode).toBe(200);
    expect((await post(order.id, 'check-out')).statusCode).toBe(200);
    expect((await post(order.id, 'sign-off', { signerName: '张主任', signature: SIGNATURE })).statusCode).toBe(200);
    const zh = await pdfText((await ctx.call('GET', `/api/v1/work-orders/${order.id}/report.pdf`, { as: agent })).rawPayload);
    for (const s of [
      '硬盘 ST2000NM 2TB SAS',
      '单价',
      '¥1,800.00',
      '¥3,600.00',
      '¥15.00',
      '备件合计',
      '¥3,615.00',
      '年度维护费不含备品备件及材料费',
    ]) {
      expect(zh).toContain(s);
    }
    const en = await pdfText((await ctx.call('GET', `/api/v1/work-orders/${order.id}/report.pdf?lang=en`, { as: agent })).rawPayload);
    for (const s of ['Parts total', 'CN¥3,615.00', 'excludes spare parts and materials']) expect(en).toContain(s);
  });

  test('an order saved before prices reads its parts as unpriced', async () => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = (await create(t.id)).json();
    await ctx.rows(
      sql`update work_orders set parts = '[{"name":"网卡","quantity":1,"isSuppliedByUs":true,"isUnderWarranty":false}]' where id = ${order.id} returning id`,
    );
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: agent })).json()).toMatchObject({
      parts: [{ sparePartId: null, name: '网卡', model: null, quantity: 1, unitPriceFen: null, chargedFen: 0 }],
      partsTotalFen: 0,
    });
  });

  test.each([
    [
      'a typed price above the contract cap',
      () => [{ sparePartId: diskId, quantity: 1, unitPriceFen: 200_001, ...ours }],
      'parts.0.unitPriceFen',
    ],
    ['a negative quantity', () => [{ sparePartId: diskId, quantity: -1, ...ours }], 'parts.0.quantity'],
    ['a zero quantity', () => [{ sparePartId: diskId, quantity: 0, ...ours }], 'parts.0.quantity'],
    ['a fractional quantity', () => [{ sparePartId: diskId, quantity: 1.5, ...ours }], 'parts.0.quantity'],
    ['a huge quantity', () => [{ sparePartId: diskId, quantity: 1e12, ...ours }], 'parts.0.quantity'],
    ['a huge price', () => [{ name: 'x', quantity: 1, unitPriceFen: 1e20, ...ours }], 'parts.0.unitPriceFen'],
    ['a negative price', () => [{ sparePartId: diskId, quantity: 1, unitPriceFen: -1, ...ours }], 'parts.0.unitPriceFen'],
    [
      'price × quantity beyond any bill',
      () => [{ name: 'x', quantity: 10_000, unitPriceFen: 9_000_000_000_000, ...ours }],
      'parts.0.quantity',
    ],
    ['a part id not on this price list', () => [{ sparePartId: randomUUID(), quantity: 1, ...ours }], 'parts.0.sparePartId'],
    ['a part taken off the list', () => [{ sparePartId: retiredId, quantity: 1, ...ours }], 'parts.0.sparePartId'],
    ['a price list entry not yet valid', () => [{ sparePartId: laterId, quantity: 1, ...ours }], 'parts.0.sparePartId'],
    [
      'the second line bad',
      () => [
        { sparePartId: diskId, quantity: 1, ...ours },
        { sparePartId: 'not-a-uuid', quantity: 1, ...ours },
      ],
      'parts.1.sparePartId',
    ],
    ['neither a name nor a list entry', () => [{ quantity: 1, ...ours }], 'parts.0.name'],
    ['a NUL byte in the name', () => [{ name: '网\u0000线', quantity: 1, ...ours }], 'parts.0.name'],
    ['an unknown field', () => [{ sparePartId: diskId, quantity: 1, discountFen: 5, ...ours }], 'parts.0'],
  ] as const)('bad input (%s) is 400 on its field and changes nothing', async (_case, parts, field) => {
    const c = await bronzeCustomer();
    const t = await ctx.ticket(agent, c.id);
    const order = (await create(t.id)).json();
    expect((await patch(order.id, [{ sparePartId: diskId, quantity: 1, ...ours }])).statusCode).toBe(200);
    const before = await ctx.snapshot();
    const orderBefore = (await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: agent })).json();
    const res = await patch(order.id, [...parts()]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields ?? {}).some((k) => k.startsWith(field))).toBe(true);
    expect(await ctx.snapshot()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: agent })).json()).toEqual(orderBefore);
  });
});

import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runJobs } from '../../jobs/jobs.service.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { pdfText } from '../../testing/read-documents.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { runMaintenanceDaily } from './maintenance.service.ts';

// A real 1×1 PNG, as a signature pad's toDataURL() gives.
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
let admin: Session;
let tiers: Record<string, string>;
beforeAll(async () => {
  ctx = await createTestContext(); // the clock: 2026-03-02 (a Monday)
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer', { name: '李工程师' });
  admin = await ctx.user('admin');
  const items = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items as { code: string; id: string }[];
  tiers = Object.fromEntries(items.map((t) => [t.code, t.id]));
}, 120_000);
afterAll(() => ctx.close());

async function contracted(tier: string, startDate = '2026-01-01', endDate = '2026-12-31') {
  const c = await ctx.customer();
  const res = await ctx.call('POST', '/api/v1/service-contracts', {
    as: agent,
    body: { customerId: c.id, tierId: tiers[tier], startDate, endDate, accountOwnerId: agent.user.id },
  });
  expect(res.statusCode).toBe(201);
  return { customer: c, contract: res.json() };
}

type Round = { id: string; windowStart: string; windowEnd: string; plannedDate: string; status: string; [k: string]: unknown };
async function rounds(customerId: string, year: number, as: Session = agent): Promise<Round[]> {
  const res = await ctx.call('GET', `/api/v1/customers/${customerId}/maintenance-rounds?year=${year}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('schedules', () => {
  test('a Gold hospital’s 2026 shows its four quarterly rounds on working days of its calendar', async () => {
    const { customer } = await contracted('gold');
    const items = await rounds(customer.id, 2026);
    expect(items.map((r) => [r.windowStart, r.windowEnd, r.plannedDate, r.status])).toEqual([
      ['2026-01-01', '2026-03-31', '2026-02-14', 'planned'], // a 调休 make-up Saturday
      ['2026-04-01', '2026-06-30', '2026-05-18', 'planned'],
      ['2026-07-01', '2026-09-30', '2026-08-17', 'planned'],
      ['2026-10-01', '2026-12-31', '2026-11-16', 'planned'],
    ]);
    expect(await rounds(customer.id, 2027)).toEqual([]);
  });

  test('Diamond: monthly rounds assigned to the resident engineer; Silver 2, Bronze 1; contract years overlapping the year', async () => {
    const c = await ctx.customer();
    const res = await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: {
        customerId: c.id,
        tierId: tiers.diamond,
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        residentEngineerId: engineer.user.id,
      },
    });
    expect(res.statusCode).toBe(201);
    const diamond = await rounds(c.id, 2026);
    expect(diamond).toHaveLength(12);
    expect(diamond.every((r) => (r.assignee as { id: string }).id === engineer.user.id)).toBe(true);

    const silver = await contracted('silver', '2026-07-01', '2027-06-30');
    // The contract year 2026-07-01 … 2027-06-30 overlaps both 2026 and 2027.
    expect((await rounds(silver.customer.id, 2026)).map((r) => r.windowStart)).toEqual(['2026-07-01', '2027-01-01']);
    expect(await rounds(silver.customer.id, 2027)).toHaveLength(2);
    const bronze = await contracted('bronze');
    expect((await rounds(bronze.customer.id, 2026)).map((r) => r.plannedDate)).toEqual(['2026-07-02']);
  });

  test('renewal adds the new contract’s rounds and keeps the past ones; an edit drops future rounds outside the contract', async () => {
    const { customer, contract } = await contracted('gold', '2025-06-01', '2026-05-31');
    const before = await rounds(customer.id, 2026);
    expect(before.map((r) => [r.windowStart, r.status])).toEqual([
      ['2025-06-01', 'overdue'],
      ['2025-09-01', 'overdue'],
      ['2025-12-01', 'overdue'],
      ['2026-03-01', 'planned'],
    ]);
    const renewed = await ctx.call('POST', `/api/v1/service-contracts/${contract.id}/renew`, { as: agent, body: { tierId: tiers.silver } });
    expect(renewed.statusCode).toBe(201);
    // The job the renewal enqueued regenerates the rounds.
    await runJobs({ deps: ctx.deps, registry: createJobRegistry({ mailer: null }), now: ctx.clock() });
    const after = await rounds(customer.id, 2026);
    expect(after.slice(0, 4).map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.slice(4).map((r) => [r.windowStart, r.windowEnd])).toEqual([
      ['2026-06-01', '2026-11-30'],
      ['2026-12-01', '2027-05-31'],
    ]);

    const edited = await ctx.call('PATCH', `/api/v1/service-contracts/${renewed.json().id}`, {
      as: agent,
      body: { endDate: '2026-11-30' },
    });
    expect(edited.statusCode).toBe(200);
    const cut = await rounds(customer.id, 2026);
    expect(cut.map((r) => r.windowStart)).toEqual(['2025-06-01', '2025-09-01', '2025-12-01', '2026-03-01', '2026-06-01']);
  });

  test('the free year after final acceptance (003 6.2): one on-site round a month; a paid contract takes over its months', async () => {
    const c = await ctx.customer();
    const sys = await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
      as: agent,
      body: { title: 'HIS 系统合同', signedDate: '2025-06-01', totalPriceFen: 100_000_000, acceptanceDate: '2026-01-10' },
    });
    expect(sys.statusCode).toBe(201);
    const free = await rounds(c.id, 2026);
    expect(free).toHaveLength(12);
    expect(free.every((r) => r.isFreeYear)).toBe(true);
    expect(free[0]).toMatchObject({ windowStart: '2026-01-10', windowEnd: '2026-02-09' });
    // A Gold contract from July: its quarters replace the free months not started from then on.
    const paid = await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: { customerId: c.id, tierId: tiers.gold, startDate: '2026-07-10', endDate: '2027-07-09' },
    });
    expect(paid.statusCode).toBe(201);
    const after = await rounds(c.id, 2026);
    expect(after.filter((r) => r.isFreeYear).map((r) => r.windowStart)).toEqual([
      '2026-01-10',
      '2026-02-10',
      '2026-03-10',
      '2026-04-10',
      '2026-05-10',
      '2026-06-10',
    ]);
    expect(after.filter((r) => !r.isFreeYear)).toHaveLength(4);
  });

  test('re-plan: a holiday by hand needs a reason (kept); a make-up Saturday is a working day; outside the window is refused', async () => {
    const { customer } = await contracted('gold');
    const q2 = (await rounds(customer.id, 2026))[1];
    const before = await ctx.snapshot();
    const holiday = await ctx.call('PATCH', `/api/v1/maintenance-rounds/${q2.id}`, { as: agent, body: { plannedDate: '2026-05-01' } });
    expect(holiday.statusCode).toBe(400);
    expect(holiday.json().error.fields).toMatchObject({ reason: expect.any(String) });
    const outside = await ctx.call('PATCH', `/api/v1/maintenance-rounds/${q2.id}`, { as: agent, body: { plannedDate: '2026-07-01' } });
    expect(outside.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    expect((await rounds(customer.id, 2026))[1].plannedDate).toBe('2026-05-18');

    const makeUp = await ctx.call('PATCH', `/api/v1/maintenance-rounds/${q2.id}`, { as: agent, body: { plannedDate: '2026-05-09' } });
    expect(makeUp.statusCode).toBe(200);
    expect(makeUp.json()).toMatchObject({ plannedDate: '2026-05-09', isPlannedByHand: true, replanReason: null });
    const reasoned = await ctx.call('PATCH', `/api/v1/maintenance-rounds/${q2.id}`, {
      as: agent,
      body: { plannedDate: '2026-05-02', reason: '医院要求假期停诊时维护' },
    });
    expect(reasoned.statusCode).toBe(200);
    expect(reasoned.json()).toMatchObject({ plannedDate: '2026-05-02', replanReason: '医院要求假期停诊时维护' });
    // A date planned by hand survives regeneration.
    expect((await rounds(customer.id, 2026))[1].plannedDate).toBe('2026-05-02');
  });

  test('another organisation’s user sees nothing; a hospital user reads its own rounds but cannot plan them', async () => {
    const { customer } = await contracted('gold');
    const other = await ctx.customer();
    const outsider = await ctx.user('customer', { customerId: other.id });
    const own = await ctx.user('customer', { customerId: customer.id });
    const [q1] = await rounds(customer.id, 2026);
    expect((await ctx.call('GET', `/api/v1/customers/${customer.id}/maintenance-rounds?year=2026`, { as: outsider })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/maintenance-rounds/${q1.id}`, { as: outsider })).statusCode).toBe(404);
    expect((await rounds(customer.id, 2026, own)).length).toBe(4);
    expect((await ctx.call('GET', `/api/v1/maintenance-rounds/${q1.id}`, { as: own })).statusCode).toBe(200);
    expect(
      (await ctx.call('PATCH', `/api/v1/maintenance-rounds/${q1.id}`, { as: own, body: { plannedDate: '2026-03-03' } })).statusCode,
    ).toBe(403);
    expect((await ctx.call('GET', '/api/v1/maintenance-rounds?due=overdue', { as: own })).statusCode).toBe(403);
    expect((await ctx.call('GET', `/api/v1/customers/${customer.id}/maintenance-rounds?year=20x6`, { as: agent })).statusCode).toBe(400);
  });
});

describe('a round on site', () => {
  test('two people start the same round at once: one starts it, the other gets 409 and nothing of its own is left behind', async () => {
    const { customer } = await contracted('silver');
    const [round] = await rounds(customer.id, 2026);
    const countOf = async () => {
      const [row] = await ctx.rows<{ tickets: number; orders: number }>(
        sql`select (select count(*)::int from tickets where customer_id = ${customer.id}) as tickets,
                   (select count(*)::int from work_orders w join tickets t on t.id = w.ticket_id where t.customer_id = ${customer.id}) as orders`,
      );
      return row;
    };
    const before = await countOf();
    const presses = await Promise.all([
      ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/start`, { as: engineer, body: {} }),
      ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/start`, { as: agent, body: {} }),
    ]);
    expect(presses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await countOf()).toEqual({ tickets: before.tickets + 1, orders: before.orders + 1 });
    const started = presses.find((r) => r.statusCode === 200)?.json();
    expect(started).toMatchObject({ status: 'in_progress' });
    expect(started.workOrderId).toBeTruthy();
  });

  test('a start refused for bad input leaves the round planned and creates nothing', async () => {
    const { customer } = await contracted('silver');
    const [round] = await rounds(customer.id, 2026);
    const snapshot = await ctx.snapshot();
    const refused = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/start`, {
      as: agent,
      body: { engineerIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    const after = await ctx.snapshot();
    expect(after).toEqual(snapshot);
    expect((await ctx.call('GET', `/api/v1/maintenance-rounds/${round.id}`, { as: agent })).json()).toMatchObject({
      status: 'planned',
      workOrderId: null,
    });
  });

  test('start → checklist (versioned; unknown item 4xx) → problem → request → sign once → report PDF; the quota is untouched', {
    timeout: 90_000,
  }, async () => {
    const { customer } = await contracted('bronze');
    const [round] = await rounds(customer.id, 2026);
    const start = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/start`, { as: engineer, body: {} });
    expect(start.statusCode).toBe(200);
    const started = start.json();
    expect(started).toMatchObject({ status: 'in_progress', checklistVersion: 1, workOrderStatus: 'planned' });
    expect(started.checklist).toHaveLength(12);
    const order = (await ctx.call('GET', `/api/v1/work-orders/${started.workOrderId}`, { as: agent })).json();
    expect(order.type).toBe('routine');
    expect((await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/start`, { as: engineer, body: {} })).statusCode).toBe(409);

    // An admin edits the checklists: a new version; the started round keeps version 1.
    const v2 = await ctx.call('POST', '/api/v1/maintenance-checklists', {
      as: admin,
      body: {
        items: [...started.checklist, { key: 'c5_reports', section: 'C', labelZh: '报表核对', labelEn: 'Check reports', measurements: [] }],
      },
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().version).toBe(2);
    expect((await ctx.call('POST', '/api/v1/maintenance-checklists', { as: agent, body: { items: started.checklist } })).statusCode).toBe(
      403,
    );
    const versions = (await ctx.call('GET', '/api/v1/maintenance-checklists', { as: agent })).json().items as { version: number }[];
    expect(versions.map((v) => v.version).slice(0, 2)).toEqual([2, 1]);
    const hospitalUser = await ctx.user('customer', { customerId: customer.id });
    expect((await ctx.call('GET', '/api/v1/maintenance-checklists', { as: hospitalUser })).statusCode).toBe(403);

    const before = await ctx.snapshot();
    const unknown = await ctx.call('PUT', `/api/v1/maintenance-rounds/${round.id}/results`, {
      as: engineer,
      body: {
        results: [
          { itemKey: 'a1_os_patches', result: 'done' },
          { itemKey: 'c5_reports', result: 'done' },
        ],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty(['results.1.itemKey']);
    expect(await ctx.snapshot()).toEqual(before);

    // Signing before every item has a result is refused too.
    expect(
      (
        await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/sign`, {
          as: engineer,
          body: { signerName: '张主任', signature: SIGNATURE },
        })
      ).statusCode,
    ).toBe(400);

    const results = started.checklist.map((i: { key: string }) => ({
      itemKey: i.key,
      result: i.key === 'b2_db_cleanup' ? 'problem' : i.key === 'a3_os_reinstall' ? 'not_applicable' : 'done',
      ...(i.key === 'b4_db_backup'
        ? { note: '全备 + 归档', measurements: { last_good_backup: '2026-03-01', database_size: '312 GB' } }
        : {}),
      ...(i.key === 'b2_db_cleanup' ? { note: '临时表空间占满' } : {}),
    }));
    const recorded = await ctx.call('PUT', `/api/v1/maintenance-rounds/${round.id}/results`, { as: engineer, body: { results } });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().results).toHaveLength(12);

    expect(
      (await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/problems`, { as: engineer, body: { itemKey: 'a1_os_patches' } }))
        .statusCode,
    ).toBe(400);
    const problem = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/problems`, {
      as: engineer,
      body: { itemKey: 'b2_db_cleanup' },
    });
    expect(problem.statusCode).toBe(200);
    const linked = problem.json().results.find((r: { itemKey: string }) => r.itemKey === 'b2_db_cleanup');
    expect(linked.ticketNumber).toMatch(/\d/);
    const request = (await ctx.call('GET', `/api/v1/tickets/${linked.ticketId}`, { as: agent })).json();
    expect(request.title).toContain('数据库的整理');
    expect(
      (await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/problems`, { as: engineer, body: { itemKey: 'b2_db_cleanup' } }))
        .statusCode,
    ).toBe(409);

    // On site: check in and out through the work order, then the customer signs on the phone.
    expect((await ctx.call('POST', `/api/v1/work-orders/${started.workOrderId}/check-in`, { as: engineer, body: {} })).statusCode).toBe(
      200,
    );
    ctx.clock.advance(2 * 3600_000);
    expect((await ctx.call('POST', `/api/v1/work-orders/${started.workOrderId}/check-out`, { as: engineer, body: {} })).statusCode).toBe(
      200,
    );
    const signed = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/sign`, {
      as: engineer,
      body: { signerName: '张主任', signerTitle: '信息科主任', signature: SIGNATURE },
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'done', workOrderStatus: 'signed_off' });

    const twice = await ctx.snapshot();
    const again = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/sign`, {
      as: engineer,
      body: { signerName: '张主任', signature: SIGNATURE },
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await ctx.call('PUT', `/api/v1/maintenance-rounds/${round.id}/results`, { as: engineer, body: { results: [results[0]] } }))
        .statusCode,
    ).toBe(409);
    expect(await ctx.snapshot()).toEqual(twice);

    // The hospital reads its report in the portal.
    const hospital = await ctx.user('customer', { customerId: customer.id });
    const pdf = await ctx.call('GET', `/api/v1/maintenance-rounds/${round.id}/report.pdf`, { as: hospital });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    if (process.env.MAINTENANCE_PDF_OUT) writeFileSync(process.env.MAINTENANCE_PDF_OUT, pdf.rawPayload);
    const text = await pdfText(pdf.rawPayload);
    for (const s of [
      '常规维护报告',
      '服务器操作系统维护',
      '数据库的整理、清除数据垃圾',
      '发现问题',
      '312 GB',
      '张主任',
      '信息科主任',
      '李工程师',
    ]) {
      expect(text).toContain(s);
    }

    // A routine round is a visit of its own type: Bronze's 5 emergency visits are all still there.
    const entitlement = (await ctx.call('GET', `/api/v1/customers/${customer.id}/entitlement`, { as: agent })).json();
    expect(entitlement).toMatchObject({ visitsLeft: 5 });
    const visits = await ctx.rows<{ type: string }>(sql`select type from visits where customer_id = ${customer.id}`);
    expect(visits).toEqual([{ type: 'routine' }]);
  });
});

describe('the customer’s maintenance profile', () => {
  test('key customer, backup plan and the planning calendar (rounds re-planned on it); a hospital user only reads', async () => {
    const { customer } = await contracted('gold');
    const hospital = await ctx.user('customer', { customerId: customer.id });
    const calendars = (await ctx.call('GET', '/api/v1/calendars', { as: agent })).json().items as { id: string; name: string }[];
    const allDay = calendars.find((c) => c.name.startsWith('7×24'));
    expect(allDay).toBeDefined();

    const before = await ctx.snapshot();
    const bad = await ctx.call('PUT', `/api/v1/customers/${customer.id}/maintenance-profile`, {
      as: agent,
      body: { calendarId: '00000000-0000-4000-8000-000000000000', isKeyCustomer: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await ctx.call('PUT', `/api/v1/customers/${customer.id}/maintenance-profile`, { as: hospital, body: { isKeyCustomer: true } }))
        .statusCode,
    ).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);

    const plan = {
      what: '全库 + 归档日志',
      location: '信息科 NAS',
      frequency: '每日 02:00',
      offsiteCopy: '院区二机房',
      lastVerifiedRestore: '2026-02-20',
    };
    const saved = await ctx.call('PUT', `/api/v1/customers/${customer.id}/maintenance-profile`, {
      as: agent,
      body: { isKeyCustomer: true, backupPlan: plan, calendarId: allDay?.id },
    });
    expect(saved.statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/customers/${customer.id}/maintenance-profile`, { as: hospital })).json()).toMatchObject({
      isKeyCustomer: true,
      backupPlan: plan,
    });
    // Round the clock: Saturday 16 May is open (it is no statutory holiday), so Q2 moves there.
    const items = await rounds(customer.id, 2026);
    expect(items[1].plannedDate).toBe('2026-05-16');
    expect((await ctx.call('GET', `/api/v1/maintenance-rounds/${items[1].id}`, { as: hospital })).json().isKeyCustomer).toBe(true);
  });
});

describe('due and overdue', () => {
  test('the service centre’s lists; an overdue round warns the account owner once', async () => {
    const { customer } = await contracted('gold', '2025-09-01', '2026-08-31');
    const items = await rounds(customer.id, 2026);
    const overdue = items.filter((r) => r.status === 'overdue');
    expect(overdue.map((r) => r.windowEnd)).toEqual(['2025-11-30', '2026-02-28']);
    const list = (await ctx.call('GET', '/api/v1/maintenance-rounds?due=overdue', { as: agent })).json().items as Round[];
    expect(list.filter((r) => r.customerId === customer.id).map((r) => r.id)).toEqual(overdue.map((r) => r.id));
    const due = (await ctx.call('GET', '/api/v1/maintenance-rounds?due=due&days=90', { as: agent })).json().items as Round[];
    expect(due.filter((r) => r.customerId === customer.id)).toHaveLength(3);

    const warnings = () =>
      ctx.rows<{ n: number }>(
        sql`select count(*)::int as n from notifications where user_id = ${agent.user.id} and kind = 'maintenance_overdue' and data->>'customerId' = ${customer.id}`,
      );
    await runMaintenanceDaily({ deps: ctx.deps });
    expect((await warnings())[0].n).toBe(2);
    await runMaintenanceDaily({ deps: ctx.deps });
    expect((await warnings())[0].n).toBe(2);
  });
});

describe('sign-off finishes the round’s request', () => {
  test('signing resolves, confirms (in the signer’s name) and closes the round’s request and stops its clocks; a problem’s request stays open', {
    timeout: 90_000,
  }, async () => {
    const { customer } = await contracted('bronze');
    const [round] = await rounds(customer.id, 2026);
    const started = (await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/start`, { as: engineer, body: {} })).json();
    const results = started.checklist.map((i: { key: string }) => ({
      itemKey: i.key,
      result: i.key === 'c4_slowdown' ? 'problem' : 'done',
    }));
    expect((await ctx.call('PUT', `/api/v1/maintenance-rounds/${round.id}/results`, { as: engineer, body: { results } })).statusCode).toBe(
      200,
    );
    const problem = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/problems`, {
      as: engineer,
      body: { itemKey: 'c4_slowdown' },
    });
    const problemTicketId = problem.json().results.find((r: { itemKey: string }) => r.itemKey === 'c4_slowdown').ticketId as string;
    expect((await ctx.call('GET', `/api/v1/tickets/${started.ticketId}`, { as: agent })).json().status).not.toBe('closed');

    await ctx.call('POST', `/api/v1/work-orders/${started.workOrderId}/check-in`, { as: engineer, body: {} });
    ctx.clock.advance(3600_000);
    await ctx.call('POST', `/api/v1/work-orders/${started.workOrderId}/check-out`, { as: engineer, body: {} });
    const signed = await ctx.call('POST', `/api/v1/maintenance-rounds/${round.id}/sign`, {
      as: engineer,
      body: { signerName: '王科长', signature: SIGNATURE },
    });
    expect(signed.statusCode).toBe(200);

    const request = (await ctx.call('GET', `/api/v1/tickets/${started.ticketId}`, { as: agent })).json();
    expect(request).toMatchObject({ status: 'closed', confirmedByName: '王科长' });
    expect(request.resolutionSummary).toContain('王科长');
    const moves = await ctx.rows<{ to: string }>(
      sql`select data->>'to' as to from ticket_events where ticket_id = ${started.ticketId} and type = 'status_changed' order by created_at, id`,
    );
    expect(moves.map((m) => m.to)).toEqual(expect.arrayContaining(['resolved', 'confirmed', 'closed']));
    const running = await ctx.rows<{ n: number }>(
      sql`select count(*)::int as n from ticket_sla_targets where ticket_id = ${started.ticketId} and (running_since is not null or (met_at is null and stopped_at is null))`,
    );
    expect(running[0].n).toBe(0);
    // The problem found is its own request: still open, its clocks still running.
    const open = (await ctx.call('GET', `/api/v1/tickets/${problemTicketId}`, { as: agent })).json();
    expect(['new', 'acknowledged', 'in_progress']).toContain(open.status);
    const owed = await ctx.rows<{ n: number }>(
      sql`select count(*)::int as n from ticket_sla_targets where ticket_id = ${problemTicketId} and met_at is null and stopped_at is null`,
    );
    expect(owed[0].n).toBeGreaterThan(0);
  });
});

describe('skipping a round', () => {
  test('the service desk skips a round with a reason: skipped (who/when/why, audited), not overdue, not warned; bad input and the wrong people change nothing', {
    timeout: 90_000,
  }, async () => {
    const { customer } = await contracted('gold', '2025-09-01', '2026-08-31');
    const hospital = await ctx.user('customer', { customerId: customer.id });
    const other = await ctx.user('customer', { customerId: (await ctx.customer()).id });
    const items = await rounds(customer.id, 2026);
    const [first, second, third] = items;
    expect([first.status, second.status]).toEqual(['overdue', 'overdue']);

    const before = await ctx.snapshot();
    const refusals = [
      await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: engineer, body: { reason: 'customer_declined' } }),
      await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: hospital, body: { reason: 'customer_declined' } }),
      await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: other, body: { reason: 'customer_declined' } }),
      await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: agent, body: { reason: 'merged_with_visit' } }),
      await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: agent, body: { reason: 'on_holiday' } }),
      await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: agent, body: {} }),
    ];
    expect(refusals.map((r) => r.statusCode)).toEqual([403, 403, 403, 400, 400, 400]);
    expect(refusals[3].json().error.fields).toHaveProperty('note');
    expect(await ctx.snapshot()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/maintenance-rounds/${first.id}`, { as: agent })).json().status).toBe('overdue');

    const skipped = await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, {
      as: agent,
      body: { reason: 'hospital_closed', note: '医院搬迁，停诊两周' },
    });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json()).toMatchObject({
      status: 'skipped',
      skip: { reason: 'hospital_closed', note: '医院搬迁，停诊两周', by: { id: agent.user.id } },
    });
    const audit = await ctx.rows<{ action: string }>(sql`select action from audit_log where entity_id = ${first.id}`);
    expect(audit.map((a) => a.action)).toContain('maintenance_round.skip');
    // On the customer's timeline, for the hospital too.
    const timeline = (await ctx.call('GET', `/api/v1/customers/${customer.id}/timeline`, { as: hospital })).json().items as {
      type: string;
      id: string;
      data: Record<string, unknown>;
    }[];
    expect(timeline.find((e) => e.type === 'round_skipped' && e.id === first.id)?.data).toMatchObject({
      reason: 'hospital_closed',
      note: '医院搬迁，停诊两周',
    });

    // Twice, or a started round: 409.
    expect(
      (await ctx.call('POST', `/api/v1/maintenance-rounds/${first.id}/skip`, { as: agent, body: { reason: 'customer_declined' } }))
        .statusCode,
    ).toBe(409);
    expect((await ctx.call('POST', `/api/v1/maintenance-rounds/${third.id}/start`, { as: agent, body: {} })).statusCode).toBe(200);
    expect(
      (await ctx.call('POST', `/api/v1/maintenance-rounds/${third.id}/skip`, { as: agent, body: { reason: 'customer_declined' } }))
        .statusCode,
    ).toBe(409);

    // The hospital sees it skipped; the overdue list and the daily warning leave it out.
    expect((await rounds(customer.id, 2026, hospital)).find((r) => r.id === first.id)?.status).toBe('skipped');
    expect((await ctx.call('GET', `/api/v1/customers/${customer.id}/maintenance-rounds?year=2026`, { as: other })).statusCode).toBe(404);
    const overdue = (await ctx.call('GET', '/api/v1/maintenance-rounds?due=overdue', { as: agent })).json().items as Round[];
    expect(overdue.filter((r) => r.customerId === customer.id).map((r) => r.id)).toEqual([second.id]);
    await runMaintenanceDaily({ deps: ctx.deps });
    const warned = await ctx.rows<{ round: string }>(
      sql`select data->>'roundId' as round from notifications where kind = 'maintenance_overdue' and data->>'customerId' = ${customer.id}`,
    );
    expect(warned.map((w) => w.round)).toEqual([second.id]);
  });
});

describe('the system operation assessment (000 G)', () => {
  const SECTIONS = [
    { key: 'performance', rating: 'good', findings: '高峰期门诊挂号响应 1 秒以内' },
    { key: 'usage_patterns', rating: 'acceptable', findings: '住院医嘱录入集中在上午', recommendations: '推广模板医嘱' },
    { key: 'information_flow', rating: 'needs_attention', findings: '检验结果回传病区依赖人工打印', recommendations: '启用 LIS 接口' },
    { key: 'network_security', rating: 'acceptable', findings: '内外网已隔离，防病毒库更新及时' },
    { key: 'platform_upgrade', rating: 'good', findings: '数据库版本可平滑升级', recommendations: '明年一季度升级' },
    { key: 'configuration', rating: 'good', findings: '服务器内存与存储配置合理' },
  ];

  test('staff fill it in per customer and year: the PDF (Chinese) is filed in the archive and the portal; bad input, twice, the hospital and another organisation change nothing', {
    timeout: 90_000,
  }, async () => {
    const { customer } = await contracted('bronze');
    const [round] = await rounds(customer.id, 2026);
    const other = await contracted('bronze');
    const [otherRound] = await rounds(other.customer.id, 2026);
    const hospital = await ctx.user('customer', { customerId: customer.id });
    const stranger = await ctx.user('customer', { customerId: other.customer.id });
    const url = `/api/v1/customers/${customer.id}/system-assessments`;
    const good = {
      period: 2026,
      assessedOn: '2026-03-02',
      roundId: round.id,
      sections: SECTIONS,
      summary: '系统总体运行良好，建议完善检验结果回传。',
    };

    for (const [as, body, status] of [
      [hospital, good, 403],
      [agent, { ...good, sections: SECTIONS.slice(1) }, 400],
      [agent, { ...good, sections: [...SECTIONS, SECTIONS[0]] }, 400],
      [agent, { ...good, sections: SECTIONS.map((s, i) => (i === 0 ? { ...s, rating: 'excellent' } : s)) }, 400],
      [agent, { ...good, assessedOn: '2026-03-20' }, 400],
      [agent, { ...good, roundId: otherRound.id }, 400],
      [agent, { ...good, summary: ' ' }, 400],
      [agent, { ...good, period: 1999 }, 400],
    ] as const) {
      const before = await ctx.snapshot();
      const res = await ctx.call('POST', url, { as, body });
      expect(res.statusCode).toBe(status);
      expect(await ctx.snapshot()).toEqual(before);
    }

    const created = await ctx.call('POST', url, { as: engineer, body: good });
    expect(created.statusCode).toBe(201);
    const assessment = created.json();
    expect(assessment).toMatchObject({ period: 2026, roundId: round.id, createdBy: { id: engineer.user.id } });
    expect(assessment.sections.map((s: { key: string }) => s.key)).toEqual(SECTIONS.map((s) => s.key));
    expect(assessment.documentId).toBeTruthy();

    const before = await ctx.snapshot();
    expect((await ctx.call('POST', url, { as: agent, body: good })).statusCode).toBe(409);
    expect(await ctx.snapshot()).toEqual(before);

    // The hospital sees it and its PDF in the archive; another organisation does not.
    expect((await ctx.call('GET', url, { as: hospital })).json().items.map((a: { id: string }) => a.id)).toEqual([assessment.id]);
    expect((await ctx.call('GET', url, { as: stranger })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/system-assessments/${assessment.id}/report.pdf`, { as: stranger })).statusCode).toBe(404);
    const documents = (await ctx.call('GET', `/api/v1/customers/${customer.id}/documents`, { as: hospital })).json().items as {
      id: string;
      title: string;
    }[];
    expect(documents.find((d) => d.id === assessment.documentId)?.title).toBe('系统运行评估报告 2026');
    const filed = await ctx.call('GET', `/api/v1/customers/${customer.id}/documents/${assessment.documentId}`, { as: hospital });
    expect(filed.statusCode).toBe(200);
    const pdf = await ctx.call('GET', `/api/v1/system-assessments/${assessment.id}/report.pdf`, { as: hospital });
    expect(pdf.headers['content-type']).toContain('application/pdf');
    if (process.env.ASSESSMENT_PDF_OUT) writeFileSync(process.env.ASSESSMENT_PDF_OUT, pdf.rawPayload);
    for (const body of [pdf.rawPayload, filed.rawPayload]) {
      const text = await pdfText(body);
      for (const s of ['系统运行评估报告', '部门间信息传递流程分析', '需要改进', '启用 LIS 接口', '系统总体运行良好', '李工程师']) {
        expect(text).toContain(s);
      }
    }
  });
});

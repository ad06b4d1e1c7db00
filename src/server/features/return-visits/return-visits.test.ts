import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
const tierIds: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  for (const t of (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items) tierIds[t.code] = t.id;
});
afterAll(() => ctx.close());

async function customerWithContract(tier: string) {
  const c = await ctx.customer();
  const res = await ctx.call('POST', '/api/v1/service-contracts', {
    as: agent,
    body: { customerId: c.id, tierId: tierIds[tier], startDate: '2026-01-01', endDate: '2026-12-31' },
  });
  expect(res.statusCode).toBe(201);
  return c;
}

type DueItem = { customerId: string; kind: string; dueDate: string; everyMonths: number; isOverdue: boolean };
const due = async (date: string, customerId: string): Promise<DueItem[]> =>
  (await ctx.call('GET', `/api/v1/return-visits/due?date=${date}`, { as: agent }))
    .json()
    .items.filter((i: DueItem) => i.customerId === customerId);

describe('return visits', () => {
  test('tier defaults: Diamond monthly, Gold quarterly, Silver half-yearly, Bronze yearly; due from the contract start', async () => {
    for (const [tier, months] of [
      ['diamond', 1],
      ['gold', 3],
      ['silver', 6],
      ['bronze', 12],
    ] as const) {
      const c = await customerWithContract(tier);
      expect(await due('2026-03-02', c.id)).toEqual([
        expect.objectContaining({ kind: 'phone', dueDate: '2026-01-01', everyMonths: months, isOverdue: true }),
      ]);
      const mine = (await ctx.call('GET', `/api/v1/customers/${c.id}/return-visits`, { as: agent })).json();
      expect(mine.schedules).toEqual([{ kind: 'phone', everyMonths: months, nextDueDate: '2026-01-01', isDefault: true }]);
    }
  });

  test('not reached stays on the list; a follow-up opens a request in one action and the next due date advances', async () => {
    const c = await customerWithContract('gold');
    const record = (body: object) => ctx.call('POST', `/api/v1/customers/${c.id}/return-visits`, { as: agent, body });

    const missed = await record({ kind: 'phone', outcome: 'not_reached', note: '无人接听' });
    expect(missed.statusCode).toBe(201);
    expect(missed.json()).toMatchObject({ nextDueDate: '2026-01-01', followUpTicket: null });
    expect(await due('2026-03-02', c.id)).toHaveLength(1);

    for (const body of [
      { kind: 'phone', outcome: 'follow_up', note: '需要处理' },
      { kind: 'phone', outcome: 'reached', visitedOn: '2026-03-03' },
      { kind: 'visit', outcome: 'reached' },
      { kind: 'phone', outcome: 'follow_up', followUp: { title: '', description: 'x', severity: 'normal' } },
    ]) {
      const before = await ctx.snapshot();
      expect((await record(body)).statusCode).toBe(400);
      expect(await ctx.snapshot()).toEqual(before);
    }

    ctx.clock.advance(60_000);
    const followed = await record({
      kind: 'phone',
      outcome: 'follow_up',
      note: '反映门诊收费偶发卡顿',
      followUp: { title: '回访反馈：门诊收费偶发卡顿', description: '回访中信息科反映高峰期收费界面卡顿', severity: 'normal' },
    });
    expect(followed.statusCode).toBe(201);
    const body = followed.json();
    expect(body.nextDueDate).toBe('2026-06-02');
    expect(body.visit).toMatchObject({ outcome: 'follow_up', dueDate: '2026-01-01', followUpTicketId: body.followUpTicket.id });
    const ticket = (await ctx.call('GET', `/api/v1/tickets/${body.followUpTicket.id}`, { as: agent })).json();
    expect(ticket).toMatchObject({ customerId: c.id, channel: 'phone', title: '回访反馈：门诊收费偶发卡顿' });

    expect(await due('2026-03-02', c.id)).toEqual([]);
    expect(await due('2026-06-02', c.id)).toEqual([expect.objectContaining({ dueDate: '2026-06-02', isOverdue: false })]);
    const list = (await ctx.call('GET', `/api/v1/customers/${c.id}/return-visits`, { as: agent })).json();
    expect(list.items.map((v: { outcome: string }) => v.outcome)).toEqual(['follow_up', 'not_reached']);
    expect(list.schedules[0]).toMatchObject({ everyMonths: 3, nextDueDate: '2026-06-02', isDefault: false });
  });

  test('schedules are editable per customer; senior-engineer inspections appear once scheduled; bad schedules change nothing', async () => {
    const c = await customerWithContract('bronze');
    const put = (kind: string, body: object) =>
      ctx.call('PUT', `/api/v1/customers/${c.id}/return-visit-schedules/${kind}`, { as: agent, body });
    expect((await put('inspection', { everyMonths: 2, nextDueDate: '2026-03-10' })).json()).toEqual({
      kind: 'inspection',
      everyMonths: 2,
      nextDueDate: '2026-03-10',
      isDefault: false,
    });
    expect((await due('2026-03-09', c.id)).map((i) => i.kind)).toEqual(['phone']);
    expect((await due('2026-03-10', c.id)).map((i) => i.kind).sort()).toEqual(['inspection', 'phone']);
    for (const [kind, body] of [
      ['inspection', { everyMonths: 0, nextDueDate: '2026-03-10' }],
      ['inspection', { everyMonths: 25, nextDueDate: '2026-03-10' }],
      ['inspection', { everyMonths: 1, nextDueDate: '2026-02-30' }],
      ['weekly', { everyMonths: 1, nextDueDate: '2026-03-10' }],
    ] as const) {
      const before = await ctx.snapshot();
      expect((await put(kind, body)).statusCode).toBe(400);
      expect(await ctx.snapshot()).toEqual(before);
    }
  });

  test('hospital users and engineers: the call list is the service desk’s', async () => {
    const c = await customerWithContract('gold');
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    expect((await ctx.call('GET', '/api/v1/return-visits/due', { as: hospitalUser })).statusCode).toBe(403);
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/return-visits`, { as: hospitalUser })).statusCode).toBe(403);
    const before = await ctx.snapshot();
    expect(
      (await ctx.call('POST', `/api/v1/customers/${c.id}/return-visits`, { as: hospitalUser, body: { kind: 'phone', outcome: 'reached' } }))
        .statusCode,
    ).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);
  });
});

describe('user meetings', () => {
  test('date, attendees, minutes and actions; an empty attendee list is refused', async () => {
    const c = await ctx.customer();
    const meeting = {
      meetingDate: '2026-02-26',
      title: '2026 年第一季度用户座谈会',
      attendees: ['张主任', '王科长', '李工'],
      minutes: '回顾一季度服务情况，讨论医保接口升级安排。',
      actions: [{ text: '提交医保接口升级方案', owner: '李工', dueDate: '2026-03-15' }, { text: '安排科室用户培训' }],
    };
    const before = await ctx.snapshot();
    expect(
      (await ctx.call('POST', `/api/v1/customers/${c.id}/user-meetings`, { as: agent, body: { ...meeting, attendees: [] } })).statusCode,
    ).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
    const res = await ctx.call('POST', `/api/v1/customers/${c.id}/user-meetings`, { as: agent, body: meeting });
    expect(res.statusCode).toBe(201);
    const list = (await ctx.call('GET', `/api/v1/customers/${c.id}/user-meetings`, { as: agent })).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        title: meeting.title,
        attendees: meeting.attendees,
        actions: [meeting.actions[0], { text: '安排科室用户培训', owner: null, dueDate: null }],
      }),
    ]);
  });
});

describe('user meetings are the service desk’s record', () => {
  test('a hospital user neither writes nor reads them; a bad date or an unknown field changes nothing', async () => {
    const c = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const url = `/api/v1/customers/${c.id}/user-meetings`;
    const meeting = { meetingDate: '2026-02-26', title: '座谈会', attendees: ['张主任'], minutes: '纪要' };
    for (const [as, body, status] of [
      [hospitalUser, meeting, 403],
      [agent, { ...meeting, meetingDate: '2026-02-30' }, 400],
      [agent, { ...meeting, minutes: '   ' }, 400],
      [agent, { ...meeting, actions: [{ text: 'x', dueDate: 'tomorrow' }] }, 400],
      [agent, { ...meeting, extra: true }, 400],
    ] as const) {
      const before = await ctx.snapshot();
      expect((await ctx.call('POST', url, { as, body })).statusCode).toBe(status);
      expect(await ctx.snapshot()).toEqual(before);
    }
    expect((await ctx.call('GET', url, { as: hospitalUser })).statusCode).toBe(403);
    expect(
      (await ctx.call('POST', `/api/v1/customers/${crypto.randomUUID()}/user-meetings`, { as: agent, body: meeting })).statusCode,
    ).toBe(404);
  });
});

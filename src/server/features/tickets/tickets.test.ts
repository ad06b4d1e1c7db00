import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let engineer: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer', { name: '李工程师' });
});
afterAll(() => ctx.close());

describe('a service request through its whole life', () => {
  test('phone intake → assign → work → resolve → customer confirms → close, every step on the timeline', async () => {
    const hospital = await ctx.customer();
    const created = await ctx.call('POST', '/api/v1/tickets', {
      as: agent,
      body: {
        customerId: hospital.id,
        contactId: hospital.contact.id,
        title: '门诊收费系统全部瘫痪',
        description: '早上8点起全院门诊收费窗口无法登录',
        severity: 'critical',
        channel: 'phone',
        kind: 'request',
        contentCategory: 'software_service',
        module: 'HIS',
      },
    });
    expect(created.statusCode).toBe(201);
    const ticket = created.json();
    expect(ticket).toMatchObject({
      status: 'new',
      severity: 'critical',
      customerName: hospital.name,
      contactName: '张主任',
      stage: 'after_sale',
    });
    expect(ticket.number).toMatch(/^SR-2026-\d{6}$/);

    const assign = await ctx.call('PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: agent,
      body: { assigneeId: engineer.user.id, team: 'technical_center', version: ticket.version },
    });
    expect(assign.statusCode).toBe(200);
    expect(assign.json().assignee).toEqual({ id: engineer.user.id, name: '李工程师' });

    ctx.clock.advance(5 * 60_000);
    const reply = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/comments`, {
      as: engineer,
      body: { body: '已远程登录排查，数据库连接池耗尽' },
    });
    expect(reply.statusCode).toBe(201);
    const note = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/comments`, {
      as: engineer,
      body: { body: '怀疑是昨晚升级脚本', internal: true },
    });
    expect(note.json()).toMatchObject({ type: 'note', isInternal: true });

    for (const to of ['acknowledged', 'in_progress']) {
      const res = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/transitions`, { as: engineer, body: { to } });
      expect(res.statusCode).toBe(200);
    }
    const resolved = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/transitions`, {
      as: engineer,
      body: { to: 'resolved', resolution: '重启数据库服务并调整连接池上限' },
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolutionSummary: '重启数据库服务并调整连接池上限' });

    const hospitalUser = await ctx.user('customer', { customerId: hospital.id, name: '王科长' });
    const confirm = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/transitions`, { as: hospitalUser, body: { to: 'confirmed' } });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ status: 'confirmed', confirmedByName: '王科长' });
    expect(confirm.json().confirmedAt).toBeTruthy();

    const closed = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/transitions`, { as: agent, body: { to: 'closed' } });
    expect(closed.json().status).toBe('closed');

    const detail = (await ctx.call('GET', `/api/v1/tickets/${ticket.id}`, { as: agent })).json();
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'manager_alerted',
      'assigned',
      'reply',
      'note',
      'status_changed',
      'status_changed',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
    expect(detail.firstRespondedAt).toBe('2026-03-02T01:05:00.000Z');
    expect(detail.allowedTransitions).toEqual(['in_progress']);

    // The hospital sees the public story, never the internal note.
    const seenByCustomer = (await ctx.call('GET', `/api/v1/tickets/${ticket.id}`, { as: hospitalUser })).json();
    expect(seenByCustomer.events.some((e: { type: string }) => e.type === 'note')).toBe(false);
    expect(seenByCustomer.events.every((e: { isInternal: boolean }) => !e.isInternal)).toBe(true);
  });

  test('numbers run in sequence per year, in the service centre zone', async () => {
    const hospital = await ctx.customer();
    ctx.clock.set('2026-12-31T15:59:00Z');
    const yearEndAgent = await ctx.user('agent');
    const late = await ctx.ticket(yearEndAgent, hospital.id);
    ctx.clock.set('2026-12-31T16:01:00Z'); // 00:01 on 1 January 2027 in Beijing
    const nextYear = await ctx.ticket(yearEndAgent, hospital.id);
    ctx.clock.set('2026-03-02T01:00:00Z');
    expect(late.number.startsWith('SR-2026-')).toBe(true);
    expect(nextYear.number).toBe('SR-2027-000001');
  });

  test('resolving without a summary, confirming for the customer without a name, and reopening without a reason are refused', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const noSummary = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'resolved' } });
    expect(noSummary.statusCode).toBe(400);
    expect(noSummary.json().error).toMatchObject({ code: 'validation_failed', fields: { resolution: 'required' } });

    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'resolved', resolution: '电话指导处理' } });
    const noName = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'confirmed' } });
    expect(noName.json().error.fields).toEqual({ confirmedByName: 'required' });
    const byFax = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, {
      as: agent,
      body: { to: 'confirmed', confirmedByName: '张主任（传真签字）' },
    });
    expect(byFax.json()).toMatchObject({ status: 'confirmed', confirmedByName: '张主任（传真签字）' });

    const noReason = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'in_progress' } });
    expect(noReason.json().error.fields).toEqual({ comment: 'required' });
    const reopened = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, {
      as: agent,
      body: { to: 'in_progress', comment: '客户反映问题复现' },
    });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', confirmedAt: null, resolvedAt: null });
  });

  test('an invalid transition is a 409 and changes nothing', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const before = await ctx.snapshot();
    const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'closed' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('invalid_transition');
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('a customer reply to a request waiting on the customer puts it back in progress', async () => {
    const hospital = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: hospital.id });
    const t = await ctx.ticket(agent, hospital.id);
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'acknowledged' } });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, {
      as: agent,
      body: { to: 'waiting_on_customer', comment: '请提供错误截图' },
    });
    const reply = await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, { as: hospitalUser, body: { body: '截图已上传' } });
    expect(reply.statusCode).toBe(201);
    const after = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect(after.status).toBe('in_progress');
    expect(after.events.at(-1)).toMatchObject({
      type: 'status_changed',
      data: { from: 'waiting_on_customer', to: 'in_progress', isAutomatic: true },
    });
  });
});

describe('two agents on one request', () => {
  test('a stale version is refused with 409 and the first change stands', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const other = await ctx.user('agent');
    const first = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'urgent', version: t.version } });
    expect(first.statusCode).toBe(200);
    const second = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: other, body: { severity: 'normal', version: t.version } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json().severity).toBe('urgent');
  });

  test('simultaneous transitions: exactly one resolves, the other is told the request moved', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const other = await ctx.user('engineer');
    const results = await Promise.all([
      ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'resolved', resolution: 'A 的方案' } }),
      ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: other, body: { to: 'resolved', resolution: 'B 的方案' } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect(detail.events.filter((e: { type: string }) => e.type === 'status_changed')).toHaveLength(1);
  });

  test('simultaneous intakes get distinct numbers', async () => {
    const hospital = await ctx.customer();
    const made = await Promise.all(Array.from({ length: 8 }, () => ctx.ticket(agent, hospital.id)));
    expect(new Set(made.map((t) => t.number)).size).toBe(8);
  });
});

describe('queue', () => {
  test('filters, counts and cursor pagination walk every matching request exactly once', async () => {
    const hospital = await ctx.customer();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ctx.clock.advance(60_000);
      ids.push((await ctx.ticket(agent, hospital.id, { severity: i % 2 ? 'urgent' : 'normal', title: `打印机故障 ${i}` })).id);
    }
    for (const sort of ['created_desc', 'created_asc', 'updated_desc', 'severity']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/api/v1/tickets?customerId=${hospital.id}&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await ctx.call('GET', q, { as: agent })).json();
        seen.push(...page.items.map((t: { id: string }) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);
    }
    const urgent = (await ctx.call('GET', `/api/v1/tickets?customerId=${hospital.id}&severity=urgent`, { as: agent })).json();
    expect(urgent.items).toHaveLength(3);
    const text = (
      await ctx.call('GET', `/api/v1/tickets?customerId=${hospital.id}&text=${encodeURIComponent('打印')}`, { as: agent })
    ).json();
    expect(text.items).toHaveLength(7);
    const unassigned = (
      await ctx.call('GET', `/api/v1/tickets?customerId=${hospital.id}&assigneeId=none&status=new`, { as: agent })
    ).json();
    expect(unassigned.items).toHaveLength(7);

    await ctx.call('PATCH', `/api/v1/tickets/${ids[0]}`, { as: agent, body: { assigneeId: agent.user.id } });
    const counts = (await ctx.call('GET', '/api/v1/tickets/counts', { as: agent })).json();
    expect(counts.myOpen).toBe(1);
    expect(counts.byStatus.new).toBeGreaterThanOrEqual(7);
  });

  test('a bad cursor or unknown filter value is a 400', async () => {
    const bad = await ctx.call('GET', '/api/v1/tickets?cursor=not-a-cursor', { as: agent });
    expect(bad.statusCode).toBe(400);
    const badStatus = await ctx.call('GET', '/api/v1/tickets?status=open,weird', { as: agent });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.code).toBe('validation_failed');
  });
});

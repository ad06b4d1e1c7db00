import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let otherAgent: Session;
let admin: Session;
let engineer: Session;
let otherEngineer: Session;
let bronzeId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  otherAgent = await ctx.user('agent');
  admin = await ctx.user('admin');
  engineer = await ctx.user('engineer', { name: '王工程师' });
  otherEngineer = await ctx.user('engineer', { name: '李工程师' });
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

const board = (query: string, as: Session = agent) => ctx.call('GET', `/api/v1/dispatch-board${query}`, { as });
const assign = (id: string, body: object, as: Session = agent) => ctx.call('POST', `/api/v1/work-orders/${id}/assign`, { as, body });
type BoardOrder = { id: string; engineerIds: string[]; date: string; version: number; onSiteDueAt: string | null };

async function unassignedOrder(type = 'emergency') {
  const c = await bronzeCustomer();
  const t = await ctx.ticket(agent, c.id);
  const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/work-orders`, {
    as: agent,
    body: { type, plannedAt: '2026-03-03T01:30:00Z', engineerIds: [] },
  });
  expect(res.statusCode).toBe(201);
  return { order: res.json(), ticket: t };
}

describe('dispatch board', () => {
  test('engineers × a week; an unassigned order sits in the side list with its on-site due time; dragging it assigns and re-plans it', async () => {
    const { order, ticket } = await unassignedOrder();
    expect(order).toMatchObject({ engineers: [], version: 1, status: 'planned' });

    const res = await board('?from=2026-03-02&days=7');
    expect(res.statusCode).toBe(200);
    const week = res.json();
    expect(week.dates).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(week.timeZone).toBe('Asia/Shanghai');
    expect(week.engineers.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([engineer.user.id, otherEngineer.user.id]));
    const side = week.unassigned.find((o: BoardOrder) => o.id === order.id);
    // A covered emergency visit started the on-site clock at dispatch (same city: 2 h).
    expect(side).toMatchObject({ engineerIds: [], date: '2026-03-03', version: 1, onSiteState: 'running' });
    expect(side.onSiteDueAt).not.toBeNull();
    expect(week.orders.find((o: BoardOrder) => o.id === order.id)).toMatchObject({ engineerIds: [] });

    // Dropped on 王工程师 × Wednesday at the same wall time (09:30 Shanghai).
    const moved = await assign(order.id, { engineerIds: [engineer.user.id], plannedAt: '2026-03-04T01:30:00Z', version: 1 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ version: 2, plannedAt: '2026-03-04T01:30:00.000Z', engineers: [{ id: engineer.user.id }] });
    const after = (await board('?from=2026-03-02')).json();
    expect(after.unassigned.map((o: BoardOrder) => o.id)).not.toContain(order.id);
    expect(after.orders.find((o: BoardOrder) => o.id === order.id)).toMatchObject({ engineerIds: [engineer.user.id], date: '2026-03-04' });

    // Re-planned to another engineer; the timeline says so; the next week does not show it.
    expect((await assign(order.id, { engineerIds: [otherEngineer.user.id], version: 2 })).json()).toMatchObject({
      version: 3,
      engineers: [{ id: otherEngineer.user.id }],
    });
    const detail = (await ctx.call('GET', `/api/v1/tickets/${ticket.id}`, { as: agent })).json();
    const steps = detail.events
      .filter((e: { type: string }) => e.type === 'work_order')
      .map((e: { data: { step: string } }) => e.data.step);
    expect(steps).toEqual(['created', 'assigned', 'assigned']);
    expect((await board('?from=2026-03-09')).json().orders.map((o: BoardOrder) => o.id)).not.toContain(order.id);
  });

  test('two dispatchers drag the same order: the second gets 409 and nothing changes', async () => {
    const { order } = await unassignedOrder('routine');
    const seenByBoth = (await board('?from=2026-03-02', agent)).json().unassigned.find((o: BoardOrder) => o.id === order.id).version;
    const first = await assign(order.id, { engineerIds: [engineer.user.id], version: seenByBoth }, agent);
    expect(first.statusCode).toBe(200);
    const before = await ctx.snapshot();
    const second = await assign(order.id, { engineerIds: [otherEngineer.user.id], version: seenByBoth }, otherAgent);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect(await ctx.snapshot()).toEqual(before);
    const now = (await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: agent })).json();
    expect(now).toMatchObject({ version: first.json().version, engineers: [{ id: engineer.user.id }] });
  });

  test('refusals: engineers and hospital users may not dispatch; bad dates, days, engineers, versions and orders already on site are 4xx and change nothing', async () => {
    const { order } = await unassignedOrder('routine');
    const c = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    expect((await board('', engineer)).statusCode).toBe(403);
    expect((await board('', hospitalUser)).statusCode).toBe(403);
    expect((await board('?from=2026-02-30')).statusCode).toBe(400);
    expect((await board('?days=30')).statusCode).toBe(400);
    expect((await board('?days=0')).statusCode).toBe(400);
    expect((await board('?from=2026-03-02&colour=red')).statusCode).toBe(400);

    const before = await ctx.snapshot();
    const cases: [object, number, Session?][] = [
      [{ engineerIds: [engineer.user.id], version: 1 }, 403, engineer],
      [{ engineerIds: [engineer.user.id], version: 1 }, 403, hospitalUser],
      [{ engineerIds: [], version: 1 }, 400],
      [{ engineerIds: [hospitalUser.user.id], version: 1 }, 400],
      [{ engineerIds: [randomUUID()], version: 1 }, 400],
      [{ engineerIds: [engineer.user.id] }, 400],
      [{ engineerIds: [engineer.user.id], version: 1, plannedAt: 'Wednesday' }, 400],
      [{ engineerIds: [engineer.user.id], version: 7 }, 409],
    ];
    for (const [body, status, as] of cases) {
      const res = await assign(order.id, body, as);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
    }
    expect((await assign(randomUUID(), { engineerIds: [engineer.user.id], version: 1 })).statusCode).toBe(404);
    expect(await ctx.snapshot()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: agent })).json()).toMatchObject({ version: 1, engineers: [] });

    // On site: no longer re-planned from the board.
    const placed = (await assign(order.id, { engineerIds: [engineer.user.id], version: 1 })).json();
    const checkedIn = await ctx.call('POST', `/api/v1/work-orders/${order.id}/check-in`, { as: engineer, body: {} });
    expect(checkedIn.statusCode).toBe(200);
    const onSite = await assign(order.id, { engineerIds: [otherEngineer.user.id], version: checkedIn.json().version });
    expect(onSite.statusCode).toBe(409);
    expect(onSite.json().error.code).toBe('invalid_transition');
    expect(placed.version).toBeLessThan(checkedIn.json().version);
  });
});

describe('default on-site checklist (admins)', () => {
  test('admins replace the list; new orders copy it, earlier ones keep theirs; others are refused and nothing changes', async () => {
    const { order: earlier } = await unassignedOrder('routine');
    const initial = (await ctx.call('GET', '/api/v1/field-settings/checklist', { as: agent })).json();
    expect(initial.items.map((i: { key: string }) => i.key)).toEqual([
      'install_software',
      'set_parameters',
      'install_supporting',
      'initial_data',
    ]);
    const items = [
      { key: 'install_software', label: '安装软件' },
      { key: 'backup', label: '核对数据库备份' },
    ];
    const before = await ctx.snapshot();
    expect((await ctx.call('PUT', '/api/v1/field-settings/checklist', { as: agent, body: { items } })).statusCode).toBe(403);
    const duplicate = await ctx.call('PUT', '/api/v1/field-settings/checklist', { as: admin, body: { items: [items[0], items[0]] } });
    expect(duplicate.statusCode).toBe(400);
    const blank = await ctx.call('PUT', '/api/v1/field-settings/checklist', { as: admin, body: { items: [{ key: 'x', label: ' ' }] } });
    expect(blank.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);

    const saved = await ctx.call('PUT', '/api/v1/field-settings/checklist', { as: admin, body: { items } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items).toEqual(items);
    const { order: later } = await unassignedOrder('routine');
    expect(later.checklist).toEqual(items.map((i) => ({ ...i, isDone: false })));
    const kept = (await ctx.call('GET', `/api/v1/work-orders/${earlier.id}`, { as: agent })).json();
    expect(kept.checklist).toHaveLength(4);
  });
});

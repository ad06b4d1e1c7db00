import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
});
afterAll(() => ctx.close());

const hospital = (name: string) => ({ name, province: '湖北省', city: '武汉市', grade: '三级甲等' });

describe('customers', () => {
  test('a hospital is registered once, even when two agents register it at the same moment', async () => {
    const other = await ctx.user('agent');
    const results = await Promise.all([
      ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital('武汉市第五医院') }),
      ctx.call('POST', '/api/v1/customers', { as: other, body: hospital('武汉市第五医院') }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const conflict = results.find((r) => r.statusCode === 409);
    expect(conflict?.json().error).toMatchObject({ code: 'conflict', fields: { name: 'taken' } });
    expect(results.find((r) => r.statusCode === 201)?.json()).toMatchObject({ ...hospital('武汉市第五医院'), kind: 'hospital' });
  });

  test('contacts: the new primary contact replaces the old one, and the detail lists it first', async () => {
    const c = (await ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital('荆州市中心医院') })).json();
    const add = (body: object) => ctx.call('POST', `/api/v1/customers/${c.id}/contacts`, { as: agent, body });
    expect((await add({ name: '刘院长', role: 'leadership', phone: '0716-8123456', isPrimary: true })).statusCode).toBe(201);
    expect(
      (await add({ name: '陈主任', role: 'it_director', phone: '13800001111', email: 'chen@jzzx.example.com', isPrimary: true }))
        .statusCode,
    ).toBe(201);
    const bad = await add({ name: '坏号码', phone: 'call me maybe' });
    expect(bad.statusCode).toBe(400);
    const detail = (await ctx.call('GET', `/api/v1/customers/${c.id}`, { as: agent })).json();
    expect(detail.contacts.map((x: { name: string; isPrimary: boolean }) => [x.name, x.isPrimary])).toEqual([
      ['陈主任', true],
      ['刘院长', false],
    ]);
    expect(detail.openTicketCount).toBe(0);
  });

  test('search-as-you-type finds Chinese names by any part, and pages by cursor', async () => {
    for (const n of ['襄阳市第一人民医院', '襄阳市中医医院', '襄阳市妇幼保健院'])
      await ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital(n) });
    const found = (await ctx.call('GET', `/api/v1/customers?q=${encodeURIComponent('襄阳')}&limit=2`, { as: agent })).json();
    expect(found.items).toHaveLength(2);
    expect(found.nextCursor).toBeTruthy();
    const rest = (
      await ctx.call('GET', `/api/v1/customers?q=${encodeURIComponent('襄阳')}&limit=2&cursor=${found.nextCursor}`, { as: agent })
    ).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const middle = (await ctx.call('GET', `/api/v1/customers?q=${encodeURIComponent('中医')}`, { as: agent })).json();
    expect(middle.items.map((c: { name: string }) => c.name)).toEqual(['襄阳市中医医院']);
  });

  test('open request counts follow the requests', async () => {
    const c = (await ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital('宜昌市中心人民医院') })).json();
    await ctx.ticket(agent, c.id);
    const t = await ctx.ticket(agent, c.id);
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'cancelled' } });
    const detail = (await ctx.call('GET', `/api/v1/customers/${c.id}`, { as: agent })).json();
    expect(detail.openTicketCount).toBe(1);
  });

  test('renaming onto an existing name is a conflict; engineers cannot register customers', async () => {
    const a = (await ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital('十堰市人民医院') })).json();
    await ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital('十堰市太和医院') });
    const rename = await ctx.call('PATCH', `/api/v1/customers/${a.id}`, { as: agent, body: { name: '十堰市太和医院' } });
    expect(rename.statusCode).toBe(409);
    const ok = await ctx.call('PATCH', `/api/v1/customers/${a.id}`, { as: agent, body: { grade: '三级乙等' } });
    expect(ok.json().grade).toBe('三级乙等');
    const engineer = await ctx.user('engineer');
    expect((await ctx.call('POST', '/api/v1/customers', { as: engineer, body: hospital('不该创建') })).statusCode).toBe(403);
  });
});

test('a partial update changes only what it names', async () => {
  const agency = (
    await ctx.call('POST', '/api/v1/customers', {
      as: agent,
      body: { ...hospital('武汉市医疗保障局'), kind: 'agency', distanceClass: 'same_city' },
    })
  ).json();
  const patched = (await ctx.call('PATCH', `/api/v1/customers/${agency.id}`, { as: agent, body: { grade: null } })).json();
  expect(patched).toMatchObject({ kind: 'agency', distanceClass: 'same_city', grade: null, name: '武汉市医疗保障局' });
});

test('the responsible engineer can be named and cleared again (issue 14)', async () => {
  const c = (await ctx.call('POST', '/api/v1/customers', { as: agent, body: hospital('襄阳市中心医院') })).json();
  const engineer = await ctx.user('engineer');
  const named = await ctx.call('PATCH', `/api/v1/customers/${c.id}`, { as: agent, body: { responsibleEngineerId: engineer.user.id } });
  expect(named.json().responsibleEngineerId).toBe(engineer.user.id);
  const cleared = await ctx.call('PATCH', `/api/v1/customers/${c.id}`, { as: agent, body: { responsibleEngineerId: null } });
  expect(cleared.statusCode).toBe(200);
  expect(cleared.json().responsibleEngineerId).toBeNull();
  expect((await ctx.call('GET', `/api/v1/customers/${c.id}`, { as: agent })).json().responsibleEngineerId).toBeNull();
  // A hospital user cannot be the responsible engineer; the refusal changes nothing.
  const hospitalUser = await ctx.user('customer', { customerId: c.id });
  const before = await ctx.snapshot();
  const refused = await ctx.call('PATCH', `/api/v1/customers/${c.id}`, {
    as: agent,
    body: { responsibleEngineerId: hospitalUser.user.id },
  });
  expect(refused.statusCode).toBe(400);
  expect(await ctx.snapshot()).toEqual(before);
});

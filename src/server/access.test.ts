import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from './testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let userA: Session;
let hospitalA: string;
let hospitalB: string;
let ticketA: { id: string; number: string };
let ticketB: { id: string; number: string };

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  hospitalA = (await ctx.customer('甲医院')).id;
  hospitalB = (await ctx.customer('乙医院')).id;
  userA = await ctx.user('customer', { customerId: hospitalA });
  ticketA = await ctx.ticket(agent, hospitalA, { title: '甲医院 门诊挂号缓慢' });
  ticketB = await ctx.ticket(agent, hospitalB, { title: '乙医院 机密 住院结算异常' });
});
afterAll(() => ctx.close());

describe('a customer user never sees another organisation’s data', () => {
  test('reading another hospital’s request is a 404, as if it did not exist', async () => {
    const res = await ctx.call('GET', `/api/v1/tickets/${ticketB.id}`, { as: userA });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('乙医院');
    expect((await ctx.call('GET', `/api/v1/tickets/${ticketA.id}`, { as: userA })).statusCode).toBe(200);
  });

  test('lists, searches and counts only cover its own hospital, whatever the filters say', async () => {
    const all = (await ctx.call('GET', '/api/v1/tickets', { as: userA })).json();
    expect(all.items.map((t: { id: string }) => t.id)).toEqual([ticketA.id]);
    const filtered = (await ctx.call('GET', `/api/v1/tickets?customerId=${hospitalB}`, { as: userA })).json();
    expect(filtered.items).toEqual([]);
    for (const text of ['机密', '乙医院', ticketB.number]) {
      const found = (await ctx.call('GET', `/api/v1/tickets?text=${encodeURIComponent(text)}`, { as: userA })).json();
      expect(found.items).toEqual([]);
    }
    const counts = (await ctx.call('GET', '/api/v1/tickets/counts', { as: userA })).json();
    expect(counts.open).toBe(1);
  });

  test('customers: sees its own organisation only', async () => {
    const list = (await ctx.call('GET', '/api/v1/customers', { as: userA })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([hospitalA]);
    expect((await ctx.call('GET', `/api/v1/customers/${hospitalB}`, { as: userA })).statusCode).toBe(404);
    expect((await ctx.call('GET', `/api/v1/customers/${hospitalB}/contacts`, { as: userA })).statusCode).toBe(404);
  });

  test('writing to another hospital’s request is refused and changes nothing', async () => {
    const before = await ctx.snapshot();
    const attempts = [
      ctx.call('POST', `/api/v1/tickets/${ticketB.id}/comments`, { as: userA, body: { body: '看看' } }),
      ctx.call('POST', `/api/v1/tickets/${ticketB.id}/transitions`, { as: userA, body: { to: 'cancelled' } }),
      ctx.call('PATCH', `/api/v1/tickets/${ticketB.id}`, { as: userA, body: { title: '改' } }),
      ctx.call('POST', '/api/v1/tickets', {
        as: userA,
        body: { customerId: hospitalB, title: '冒名', description: '冒名提交', severity: 'normal', channel: 'web', kind: 'request' },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(404);
    }
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('a customer user cannot post internal notes, edit fields, or reach staff-only lists', async () => {
    const before = await ctx.snapshot();
    expect(
      (await ctx.call('POST', `/api/v1/tickets/${ticketA.id}/comments`, { as: userA, body: { body: 'x', internal: true } })).statusCode,
    ).toBe(403);
    expect((await ctx.call('PATCH', `/api/v1/tickets/${ticketA.id}`, { as: userA, body: { severity: 'critical' } })).statusCode).toBe(403);
    expect((await ctx.call('GET', '/api/v1/users?isStaff=true', { as: userA })).statusCode).toBe(403);
    expect((await ctx.call('GET', '/api/v1/audit', { as: userA })).statusCode).toBe(403);
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('a customer user opens requests for its own hospital through the portal', async () => {
    const res = await ctx.call('POST', '/api/v1/tickets', {
      as: userA,
      body: {
        customerId: hospitalA,
        title: '申请新增科室',
        description: '新增康复医学科',
        severity: 'normal',
        channel: 'web',
        kind: 'request',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ customerId: hospitalA, channel: 'web', status: 'new' });
  });
});

describe('anonymous callers', () => {
  test('every data route needs sign-in; health and the API description do not', async () => {
    for (const url of [
      '/api/v1/tickets',
      '/api/v1/customers',
      '/api/v1/users',
      `/api/v1/tickets/${ticketA.id}`,
      '/api/v1/audit',
      '/api/v1/auth/me',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
    const openapi = await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/tickets', '/api/v1/tickets/{id}/transitions', '/api/v1/auth/login']),
    );
  });
});

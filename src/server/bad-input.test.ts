import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from './testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let admin: Session;
let hospitalId: string;
let ticketId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  admin = await ctx.user('admin');
  hospitalId = (await ctx.customer()).id;
  ticketId = (await ctx.ticket(agent, hospitalId)).id;
});
afterAll(() => ctx.close());

const validTicket = () => ({
  customerId: hospitalId,
  title: '医保结算接口超时',
  description: '门诊医保结算平均耗时 30 秒',
  severity: 'urgent',
  channel: 'phone',
  kind: 'request',
});

type Case = {
  name: string;
  method: string;
  url: () => string;
  body?: () => unknown;
  raw?: string;
  status: number;
  code: string;
  field?: string;
};

const cases: Case[] = [
  { name: 'malformed JSON', method: 'POST', url: () => '/api/v1/tickets', raw: '{"title": "门诊', status: 400, code: 'validation_failed' },
  {
    name: 'wrong type',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), title: 42 }),
    status: 400,
    code: 'validation_failed',
    field: 'title',
  },
  {
    name: 'unknown severity',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), severity: 'blocker' }),
    status: 400,
    code: 'validation_failed',
    field: 'severity',
  },
  {
    name: 'unknown channel',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), channel: 'pigeon' }),
    status: 400,
    code: 'validation_failed',
    field: 'channel',
  },
  {
    name: 'unknown field',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), status: 'closed' }),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'missing title',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), title: undefined }),
    status: 400,
    code: 'validation_failed',
    field: 'title',
  },
  {
    name: 'blank title',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), title: '   ' }),
    status: 400,
    code: 'validation_failed',
    field: 'title',
  },
  {
    name: 'overlong title',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), title: '长'.repeat(201) }),
    status: 400,
    code: 'validation_failed',
    field: 'title',
  },
  {
    name: 'oversized body',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), description: 'x'.repeat(1_100_000) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'customer that does not exist',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), customerId: '00000000-0000-4000-8000-000000000000' }),
    status: 400,
    code: 'validation_failed',
    field: 'customerId',
  },
  { name: 'not a uuid in the path', method: 'GET', url: () => '/api/v1/tickets/SR-1', status: 400, code: 'validation_failed' },
  {
    name: 'request that does not exist',
    method: 'GET',
    url: () => '/api/v1/tickets/00000000-0000-4000-8000-000000000000',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'unknown transition target',
    method: 'POST',
    url: () => `/api/v1/tickets/${ticketId}/transitions`,
    body: () => ({ to: 'done' }),
    status: 400,
    code: 'validation_failed',
    field: 'to',
  },
  {
    name: 'invalid transition',
    method: 'POST',
    url: () => `/api/v1/tickets/${ticketId}/transitions`,
    body: () => ({ to: 'confirmed', confirmedByName: 'x' }),
    status: 409,
    code: 'invalid_transition',
  },
  {
    name: 'empty comment',
    method: 'POST',
    url: () => `/api/v1/tickets/${ticketId}/comments`,
    body: () => ({ body: '' }),
    status: 400,
    code: 'validation_failed',
    field: 'body',
  },
  {
    name: 'comment internal as a string',
    method: 'POST',
    url: () => `/api/v1/tickets/${ticketId}/comments`,
    body: () => ({ body: 'x', internal: 'yes' }),
    status: 400,
    code: 'validation_failed',
    field: 'internal',
  },
  {
    name: 'assignee who is not staff',
    method: 'PATCH',
    url: () => `/api/v1/tickets/${ticketId}`,
    body: () => ({ assigneeId: '00000000-0000-4000-8000-000000000000' }),
    status: 400,
    code: 'validation_failed',
    field: 'assigneeId',
  },
  { name: 'unknown route', method: 'GET', url: () => '/api/v1/nothing-here', status: 404, code: 'not_found' },
  {
    name: 'customer with an overlong name',
    method: 'POST',
    url: () => '/api/v1/customers',
    body: () => ({ name: '医'.repeat(201), province: '湖北省', city: '武汉市' }),
    status: 400,
    code: 'validation_failed',
    field: 'name',
  },
  {
    name: 'user with a short password',
    method: 'POST',
    url: () => '/api/v1/users',
    body: () => ({ email: 'a@b.cn', name: 'A', password: 'short', role: 'agent' }),
    status: 400,
    code: 'validation_failed',
    field: 'password',
  },
  {
    name: 'user with an unknown role',
    method: 'POST',
    url: () => '/api/v1/users',
    body: () => ({ email: 'a@b.cn', name: 'A', password: 'long-enough-1', role: 'root' }),
    status: 400,
    code: 'validation_failed',
    field: 'role',
  },
  {
    name: 'customer user without an organisation',
    method: 'POST',
    url: () => '/api/v1/users',
    body: () => ({ email: 'c@b.cn', name: 'C', password: 'long-enough-1', role: 'customer' }),
    status: 400,
    code: 'validation_failed',
    field: 'customerId',
  },
  {
    name: 'bad email',
    method: 'POST',
    url: () => '/api/v1/users',
    body: () => ({ email: 'not-an-email', name: 'A', password: 'long-enough-1', role: 'agent' }),
    status: 400,
    code: 'validation_failed',
    field: 'email',
  },
  {
    name: 'limit out of range',
    method: 'GET',
    url: () => '/api/v1/tickets?limit=100000',
    status: 400,
    code: 'validation_failed',
    field: 'limit',
  },
];

// Crafted input that used to reach PostgreSQL and come back as 500.
const crafted = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
cases.push(
  {
    name: 'NUL byte in a body text',
    method: 'POST',
    url: () => '/api/v1/tickets',
    body: () => ({ ...validTicket(), title: '门诊\u0000收费' }),
    status: 400,
    code: 'validation_failed',
    field: 'title',
  },
  {
    name: 'NUL byte in a nested body text',
    method: 'PATCH',
    url: () => `/api/v1/customers/${hospitalId}/profile`,
    body: () => ({ economicNotes: 'a\u0000b' }),
    status: 400,
    code: 'validation_failed',
    field: 'economicNotes',
  },
  {
    name: 'NUL byte in a filter',
    method: 'GET',
    url: () => '/api/v1/tickets?text=%E6%89%93%00%E5%8D%B0',
    status: 400,
    code: 'validation_failed',
    field: 'text',
  },
  {
    name: 'NUL byte in a customer search',
    method: 'GET',
    url: () => '/api/v1/customers?q=%00',
    status: 400,
    code: 'validation_failed',
    field: 'q',
  },
  {
    name: 'crafted cursor with values of the wrong kind',
    method: 'GET',
    url: () => `/api/v1/customers?cursor=${crafted(['医院', 'not-a-uuid'])}`,
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'crafted cursor that is not JSON',
    method: 'GET',
    url: () => `/api/v1/customers?cursor=${Buffer.from('{{{').toString('base64url')}`,
    status: 400,
    code: 'validation_failed',
    field: 'cursor',
  },
  {
    name: 'malformed JSON names the body',
    method: 'POST',
    url: () => '/api/v1/customers',
    raw: '{"name": ',
    status: 400,
    code: 'validation_failed',
    field: 'body',
  },
);

describe('bad input gets a clear 4xx and changes nothing', () => {
  test('an SLA policy naming a customer that does not exist is 400, not 500', async () => {
    const before = await ctx.snapshot();
    const [policy] = (await ctx.call('GET', '/api/v1/sla/policies', { as: admin })).json().items;
    const res = await ctx.call('POST', '/api/v1/sla/policies', {
      as: admin,
      body: { name: '不存在的客户', customerId: '00000000-0000-4000-8000-000000000001', targets: policy.targets },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields).toBeTruthy();
    expect(await ctx.snapshot()).toEqual(before);
  });

  test.each(cases)('$name → $status $code', async (c) => {
    const before = await ctx.snapshot();
    const headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    let payload: string | undefined;
    if (c.raw !== undefined) payload = c.raw;
    else if (c.body) payload = JSON.stringify(c.body());
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await ctx.app.inject({ method: c.method as 'GET', url: c.url(), headers, payload });
    expect(res.statusCode).toBe(c.status);
    const body = res.json();
    expect(body.error.code).toBe(c.code);
    expect(typeof body.error.message).toBe('string');
    if (c.field) expect(Object.keys(body.error.fields ?? {})).toContain(c.field);
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('a wrong content type is 415 and changes nothing', async () => {
    const before = await ctx.snapshot();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/xml' },
      payload: '<ticket/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    expect(await ctx.snapshot()).toEqual(before);
  });

  // The HTTP parser refuses these before any route runs; only a real socket reaches it (inject does not).
  test.each([
    {
      name: 'an oversized header',
      request: (big: string) => `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${big}\r\n\r\n`,
      status: 431,
      code: 'headers_too_large',
    },
    {
      name: 'an oversized URL',
      request: (big: string) => `GET /api/v1/tickets?text=${big} HTTP/1.1\r\nHost: x\r\n\r\n`,
      status: 431,
      code: 'headers_too_large',
    },
    { name: 'a request line that is not HTTP', request: () => 'HELLO\r\n\r\n', status: 400, code: 'validation_failed' },
  ])('$name → $status $code in the one error shape', async (c) => {
    const address = ctx.app.server.listening ? ctx.app.server.address() : null;
    const port =
      typeof address === 'object' && address ? address.port : Number(new URL(await ctx.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.write(c.request('a'.repeat(64 * 1024)));
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${c.status} `));
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(JSON.parse(body)).toEqual({ error: { code: c.code, message: expect.any(String) } });
  });
});

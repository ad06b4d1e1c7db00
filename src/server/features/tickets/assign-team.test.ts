import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, SAMPLE_TICKET, type Session, TEST_PASSWORD, type TestContext } from '../../testing/test-context.ts';

// Assigning an engineer puts an unteamed request in the engineer's team (issue 9, item 8).
let ctx: TestContext;
let admin: Session;
let agent: Session;
let engineerId: string;
let customerId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin');
  agent = await ctx.user('agent');
  const engineer = await ctx.call('POST', '/api/v1/users', {
    as: admin,
    body: {
      email: `${ctx.unique('eng')}@example.com`,
      name: '工程师老陈',
      password: TEST_PASSWORD,
      role: 'engineer',
      team: 'technical_center',
    },
  });
  expect(engineer.statusCode).toBe(201);
  engineerId = engineer.json().id;
  customerId = (await ctx.customer()).id;
});

afterAll(async () => {
  await ctx.close();
});

describe('the team follows the assignee when none is set', () => {
  it('on assignment of an unteamed request', async () => {
    const created = await ctx.call('POST', '/api/v1/tickets', { as: agent, body: { ...SAMPLE_TICKET, customerId } });
    expect(created.statusCode).toBe(201);
    expect(created.json().team).toBeNull();
    const res = await ctx.call('PATCH', `/api/v1/tickets/${created.json().id}`, { as: agent, body: { assigneeId: engineerId } });
    expect(res.statusCode).toBe(200);
    expect(res.json().assignee.id).toBe(engineerId);
    expect(res.json().team).toBe('technical_center');
  });

  it('at intake, when created with an assignee', async () => {
    const created = await ctx.call('POST', '/api/v1/tickets', {
      as: agent,
      body: { ...SAMPLE_TICKET, customerId, assigneeId: engineerId },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().assignee.id).toBe(engineerId);
    expect(created.json().team).toBe('technical_center');
  });

  it('but a team already chosen stays', async () => {
    const created = await ctx.call('POST', '/api/v1/tickets', {
      as: agent,
      body: { ...SAMPLE_TICKET, customerId, team: 'service_center' },
    });
    const res = await ctx.call('PATCH', `/api/v1/tickets/${created.json().id}`, { as: agent, body: { assigneeId: engineerId } });
    expect(res.statusCode).toBe(200);
    expect(res.json().team).toBe('service_center');
  });

  it('hospital users still cannot assign at creation', async () => {
    const hospital = await ctx.user('customer', { customerId });
    const res = await ctx.call('POST', '/api/v1/tickets', {
      as: hospital,
      body: { ...SAMPLE_TICKET, channel: 'web', customerId, assigneeId: engineerId },
    });
    expect(res.statusCode).toBe(403);
  });
});

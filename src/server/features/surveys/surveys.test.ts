import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
const KEY = 'survey-test-key-0123456789-abcdefghijklmnop';
beforeAll(async () => {
  ctx = await createTestContext({ env: { AFTERSALES_SECRET_KEY: KEY } });
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer', { name: '李工' });
});
afterAll(() => ctx.close());

/** Every table's rows, less the rate limiter's own counts (the public link is rate limited per address). */
async function rowsNow() {
  const { rate_limit_hits: _hits, ...rest } = await ctx.snapshot();
  return rest;
}

/** A request of a fresh hospital, assigned, resolved and confirmed by the hospital's own user. */
async function confirmedRequest() {
  const c = await ctx.customer();
  const hospitalUser = await ctx.user('customer', { customerId: c.id });
  const t = await ctx.ticket(agent, c.id, { assigneeId: engineer.user.id });
  for (const to of ['acknowledged', 'in_progress'])
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: engineer, body: { to } });
  await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: engineer, body: { to: 'resolved', resolution: '重启服务' } });
  const confirmed = await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: hospitalUser, body: { to: 'confirmed' } });
  expect(confirmed.statusCode).toBe(200);
  return { c, hospitalUser, t };
}

describe('satisfaction surveys in the portal', () => {
  test('one answer per request, by its own organisation; a second answer, another org or bad scores change nothing', async () => {
    const { c, hospitalUser, t } = await confirmedRequest();
    const other = await ctx.customer();
    const otherUser = await ctx.user('customer', { customerId: other.id });
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser })).json()).toEqual({ isOpen: true, survey: null });

    for (const [as, body, status] of [
      [otherUser, { score: 5 }, 404],
      [agent, { score: 5 }, 403],
      [hospitalUser, { score: 6 }, 400],
      [hospitalUser, { score: 0 }, 400],
      [hospitalUser, { score: 4.5 }, 400],
    ] as const) {
      const before = await rowsNow();
      const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as, body });
      expect(res.statusCode).toBe(status);
      expect(await rowsNow()).toEqual(before);
    }

    const ok = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 4, comment: '响应及时' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ score: 4, comment: '响应及时', channel: 'portal', customerId: c.id });

    const before = await rowsNow();
    const twice = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 1 } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('conflict');
    expect(await rowsNow()).toEqual(before);
  });

  test('a request not yet confirmed has no survey to answer', async () => {
    const c = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    const t = await ctx.ticket(agent, c.id);
    const before = await rowsNow();
    const res = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 5 } });
    expect(res.statusCode).toBe(409);
    expect(await rowsNow()).toEqual(before);
  });
});

describe('the signed no-login link', () => {
  test('a valid link shows the request and takes one answer; bad, tampered and expired links are refused', async () => {
    const { t } = await confirmedRequest();
    const link = await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent });
    expect(link.statusCode).toBe(201);
    const { token, path } = link.json();
    expect(path).toBe(`/survey/${token}`);

    const shown = await ctx.call('GET', `/api/v1/surveys/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ ticketNumber: t.number, isAnswered: false });

    const [id, exp, sig] = token.split('.');
    const tampered = [
      `${id}.${Number(exp) + 86_400}.${sig}`,
      `${id}.${exp}.${sig.slice(0, -2)}AA`,
      'not-a-token-at-all',
      `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${exp}.${sig}`,
    ];
    for (const bad of tampered) {
      const before = await rowsNow();
      const res = await ctx.call('POST', `/api/v1/surveys/${bad}`, { body: { score: 5 } });
      expect(res.statusCode).toBe(404);
      expect(await rowsNow()).toEqual(before);
    }

    const answered = await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 2, comment: '等待太久' } });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ score: 2, channel: 'link' });
    expect((await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 5 } })).statusCode).toBe(409);
    expect((await ctx.call('GET', `/api/v1/surveys/${token}`)).json()).toMatchObject({ isAnswered: true, score: 2 });
    // A link for an answered survey is not issued again.
    expect((await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent })).statusCode).toBe(409);
  });

  test('an expired link is refused and changes nothing', async () => {
    const { t } = await confirmedRequest();
    const { token } = (await ctx.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: agent })).json();
    const now = ctx.clock();
    ctx.clock.advance(31 * 86_400_000);
    try {
      const before = await rowsNow();
      const res = await ctx.call('POST', `/api/v1/surveys/${token}`, { body: { score: 5 } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.fields).toEqual({ token: 'expired' });
      expect(await rowsNow()).toEqual(before);
    } finally {
      ctx.clock.set(now);
    }
  });

  test('without AFTERSALES_SECRET_KEY no link is issued', async () => {
    const bare = await createTestContext();
    try {
      const a = await bare.user('agent');
      const c = await bare.customer();
      const t = await bare.ticket(a, c.id);
      const res = await bare.call('POST', `/api/v1/tickets/${t.id}/survey-link`, { as: a });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('secret_key_missing');
    } finally {
      await bare.close();
    }
  });
});

describe('results', () => {
  test('by customer, engineer and month; staff only', async () => {
    const from = '2026-03-01';
    const to = '2026-03-31';
    const base = (await ctx.call('GET', `/api/v1/surveys/summary?from=${from}&to=${to}`, { as: agent })).json();
    const { c, hospitalUser, t } = await confirmedRequest();
    await ctx.call('POST', `/api/v1/tickets/${t.id}/survey`, { as: hospitalUser, body: { score: 5 } });
    const res = await ctx.call('GET', `/api/v1/surveys/summary?from=${from}&to=${to}`, { as: agent });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.count).toBe(base.count + 1);
    expect(s.byCustomer.find((g: { key: string }) => g.key === c.id)).toMatchObject({ label: c.name, count: 1, average: 5 });
    expect(s.byEngineer.find((g: { key: string }) => g.key === engineer.user.id)).toMatchObject({ label: '李工' });
    expect(s.byMonth.map((g: { key: string }) => g.key)).toEqual(['2026-03']);
    expect(s.distribution[4]).toBe(base.distribution[4] + 1);
    expect((await ctx.call('GET', `/api/v1/surveys/summary?from=${from}&to=${to}`, { as: hospitalUser })).statusCode).toBe(403);
    expect((await ctx.call('GET', `/api/v1/surveys/summary?from=${to}&to=${from}`, { as: agent })).statusCode).toBe(400);
    expect((await ctx.call('GET', '/api/v1/surveys/summary?from=2026-04-01&to=2026-04-30', { as: agent })).json().count).toBe(0);
  });
});

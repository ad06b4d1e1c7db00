import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { createSignedQuote } from './visits.testing.ts';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
let bronzeId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer');
  bronzeId = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent }))
    .json()
    .items.find((t: { code: string }) => t.code === 'bronze').id;
});
afterAll(() => ctx.close());

async function counts() {
  const out: Record<string, number> = {};
  for (const t of ['visits', 'quotes', 'customer_documents', 'audit_log']) {
    out[t] = (await ctx.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`)))[0].n;
  }
  return out;
}

const quoteBody = {
  people: 2,
  travelPerPersonFen: 80_000,
  lodgingPerPersonDayFen: 30_000,
  arrivalDate: '2026-03-02',
  departureDate: '2026-03-04',
};

const signedQuote = (customerId: string, body: object = quoteBody) => createSignedQuote({ ctx, as: agent, customerId, body });

describe('per-visit quotes', () => {
  test('the fee formula, days inclusive, default 1,000 CNY per person per day; draft → sent → signed allows dispatch', async () => {
    const c = await ctx.customer();
    const draft = await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: quoteBody });
    expect(draft.statusCode).toBe(201);
    // 2 × (800 + (300 + 1000) × 3) CNY = 9,400 CNY
    expect(draft.json()).toMatchObject({
      days: 3,
      dailyFeePerPersonDayFen: 100_000,
      totalFen: 940_000,
      state: 'draft',
      isDispatchAllowed: false,
    });
    const signed = await signedQuote(c.id);
    expect(signed).toMatchObject({ state: 'signed', signedBy: '李院长', isDispatchAllowed: true });
    const print = await ctx.call('GET', `/api/v1/quotes/${signed.id}/print`, { as: agent });
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.body).toContain('¥9,400.00');
    expect(print.body).toContain(c.name);
    // Signing twice or signing a draft is not a valid move.
    expect(
      (
        await ctx.call('POST', `/api/v1/quotes/${draft.json().id}/sign`, {
          as: agent,
          body: { signedBy: 'x', signedAt: '2026-03-02T01:00:00Z', scanDocumentId: signed.signedScanDocumentId },
        })
      ).statusCode,
    ).toBe(409);
  });

  test.each([
    ['negative money', { travelPerPersonFen: -1 }],
    ['fractional money', { lodgingPerPersonDayFen: 0.5 }],
    ['departure before arrival', { departureDate: '2026-03-01' }],
    ['nobody', { people: 0 }],
  ])('bad quote: %s → 400, nothing written', async (_name, patch) => {
    const c = await ctx.customer();
    const before = await counts();
    const res = await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, { as: agent, body: { ...quoteBody, ...patch } });
    expect(res.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('the visit register', () => {
  test('visits count against the contract; beyond the quota a signed quote is required, then the visit is flagged', async () => {
    const c = await ctx.customer();
    await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: { customerId: c.id, tierId: bronzeId, startDate: '2026-01-01', endDate: '2026-12-31', visitQuota: 1 },
    });
    const visit = (body: object) =>
      ctx.call('POST', `/api/v1/customers/${c.id}/visits`, { as: engineer, body: { engineerIds: [engineer.user.id], ...body } });
    expect((await visit({ visitDate: '2026-02-10' })).json()).toMatchObject({ isOverQuota: false });
    const before = await counts();
    const refused = await visit({ visitDate: '2026-03-03' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'quote_required', fields: { quoteId: 'required' } });
    expect(await counts()).toEqual(before);
    const q = await signedQuote(c.id);
    const flagged = await visit({ visitDate: '2026-03-03', quoteId: q.id });
    expect(flagged.statusCode).toBe(201);
    expect(flagged.json()).toMatchObject({ isOverQuota: true, quoteId: q.id });
    expect((await visit({ visitDate: '2026-03-03', quoteId: q.id })).statusCode).toBe(409);
    const list = (await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: agent })).json();
    expect(list.current).toMatchObject({ quota: 1, used: 1, left: 0 });
    expect(list.items).toHaveLength(2);
  });

  test('without any contract or free maintenance the visit needs a signed quote; a customer user reads only its own register', async () => {
    const c = await ctx.customer();
    const other = await ctx.customer();
    const res = await ctx.call('POST', `/api/v1/customers/${c.id}/visits`, {
      as: engineer,
      body: { visitDate: '2026-03-02', engineerIds: [engineer.user.id] },
    });
    expect(res.json().error.code).toBe('quote_required');
    const hospitalUser = await ctx.user('customer', { customerId: c.id });
    expect((await ctx.call('GET', `/api/v1/customers/${c.id}/visits`, { as: hospitalUser })).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/customers/${other.id}/visits`, { as: hospitalUser })).statusCode).toBe(404);
    expect(
      (
        await ctx.call('POST', `/api/v1/customers/${c.id}/visits`, {
          as: hospitalUser,
          body: { visitDate: '2026-03-02', engineerIds: [engineer.user.id] },
        })
      ).statusCode,
    ).toBe(403);
  });
});

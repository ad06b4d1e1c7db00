import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_DAILY_FEE_FEN } from '../../../domain/contracts/money.ts';
import { DEFAULT_EXPERT_DAILY_FEE_FEN } from '../../../domain/contracts/parts.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

// The spare-parts price list (000: at or below the contract price) and the after-warranty expert rate (003).
let ctx: TestContext;
let agent: Session;
let manager: Session;
let engineer: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00Z');
  agent = await ctx.user('agent');
  manager = await ctx.user('manager');
  engineer = await ctx.user('engineer');
});
afterAll(() => ctx.close());

const part = { name: '硬盘', model: 'ST2000NM 2TB SAS', unitPriceFen: 180_000, contractPriceFen: 200_000, validFrom: '2026-01-01' };

describe('the spare-parts price list', () => {
  test('a manager keeps it; the unit price never goes above the contract price; staff read it', async () => {
    const created = await ctx.call('POST', '/api/v1/spare-parts', { as: manager, body: part });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...part, isActive: true });
    const id = created.json().id;

    const before = await ctx.snapshot();
    const above = await ctx.call('PATCH', `/api/v1/spare-parts/${id}`, { as: manager, body: { unitPriceFen: 200_001 } });
    expect(above.statusCode).toBe(400);
    expect(above.json().error).toMatchObject({ code: 'validation_failed', fields: { unitPriceFen: 'above contract price' } });
    const capBelow = await ctx.call('PATCH', `/api/v1/spare-parts/${id}`, { as: manager, body: { contractPriceFen: 179_999 } });
    expect(capBelow.statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);

    const atCap = await ctx.call('PATCH', `/api/v1/spare-parts/${id}`, { as: manager, body: { unitPriceFen: 200_000 } });
    expect(atCap.statusCode).toBe(200);
    expect(atCap.json().unitPriceFen).toBe(200_000);

    const list = await ctx.call('GET', '/api/v1/spare-parts', { as: engineer });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id, unitPriceFen: 200_000, contractPriceFen: 200_000 })]);
    const audit = await ctx.rows<{ action: string }>(sql`select action from audit_log where entity_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['spare_part.create', 'spare_part.update']);
  });

  test.each([
    ['above the cap', { ...part, model: 'A', unitPriceFen: 200_001 }, manager, 400],
    ['fractional fen', { ...part, model: 'B', unitPriceFen: 1.5 }, manager, 400],
    ['negative', { ...part, model: 'C', unitPriceFen: -1 }, manager, 400],
    ['not a date', { ...part, model: 'D', validFrom: '2026-02-30' }, manager, 400],
    ['an unknown field', { ...part, model: 'E', discount: 1 }, manager, 400],
    ['an agent', { ...part, model: 'F' }, 'agent', 403],
    ['an engineer', { ...part, model: 'G' }, 'engineer', 403],
    ['a duplicate name and model', part, manager, 409],
  ] as const)('bad input (%s) is refused and changes nothing', async (_case, body, who, status) => {
    const as = who === 'agent' ? agent : who === 'engineer' ? engineer : manager;
    if (status === 409) await ctx.call('POST', '/api/v1/spare-parts', { as: manager, body });
    const before = await ctx.snapshot();
    expect((await ctx.call('POST', '/api/v1/spare-parts', { as, body })).statusCode).toBe(status);
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('a hospital user sees neither the price list nor the settings', async () => {
    const hospitalUser = await ctx.user('customer', { customerId: (await ctx.customer()).id });
    expect((await ctx.call('GET', '/api/v1/spare-parts', { as: hospitalUser })).statusCode).toBe(403);
    expect((await ctx.call('GET', '/api/v1/price-settings', { as: hospitalUser })).statusCode).toBe(403);
  });
});

describe('the after-warranty expert rate (003) as a quote default', () => {
  const quoteBody = { people: 1, travelPerPersonFen: 0, lodgingPerPersonDayFen: 0, arrivalDate: '2026-03-10', departureDate: '2026-03-10' };

  async function customerAccepted(finalAcceptanceDate: string | null) {
    const c = await ctx.customer();
    if (finalAcceptanceDate !== null) {
      const res = await ctx.call('POST', `/api/v1/customers/${c.id}/system-contracts`, {
        as: agent,
        body: { title: 'HIS', totalPriceFen: 100_000_000, acceptanceDate: finalAcceptanceDate, finalAcceptanceDate },
      });
      expect(res.statusCode).toBe(201);
    }
    return c;
  }

  test('the setting: the product default until a manager sets it; bad input changes nothing', async () => {
    const read = await ctx.call('GET', '/api/v1/price-settings', { as: engineer });
    expect(read.json()).toEqual({
      expertDailyFeeFen: DEFAULT_EXPERT_DAILY_FEE_FEN,
      defaultExpertDailyFeeFen: DEFAULT_EXPERT_DAILY_FEE_FEN,
      perVisitStandardFen: DEFAULT_DAILY_FEE_FEN,
      isDefault: true,
    });
    const before = await ctx.snapshot();
    expect((await ctx.call('PATCH', '/api/v1/price-settings', { as: agent, body: { expertDailyFeeFen: 1 } })).statusCode).toBe(403);
    expect((await ctx.call('PATCH', '/api/v1/price-settings', { as: manager, body: { expertDailyFeeFen: -5 } })).statusCode).toBe(400);
    expect((await ctx.call('PATCH', '/api/v1/price-settings', { as: manager, body: {} })).statusCode).toBe(400);
    expect(await ctx.snapshot()).toEqual(before);
  });

  test.each([
    // final acceptance, daily fee sent, expected daily fee
    ['warranty over (终验 2022-01-05, warranty to 2025-01-04): the expert rate', '2022-01-05', undefined, 'expert'],
    ['within the warranty: the per-visit standard', '2024-06-01', undefined, DEFAULT_DAILY_FEE_FEN],
    ['no acceptance on file: the per-visit standard', null, undefined, DEFAULT_DAILY_FEE_FEN],
    ['a fee given always wins', '2022-01-05', 50_000, 50_000],
  ] as const)('%s', async (_case, accepted, sent, expected) => {
    const rate = 75_000;
    expect((await ctx.call('PATCH', '/api/v1/price-settings', { as: manager, body: { expertDailyFeeFen: rate } })).json()).toMatchObject({
      expertDailyFeeFen: rate,
      isDefault: false,
    });
    const c = await customerAccepted(accepted);
    const res = await ctx.call('POST', `/api/v1/customers/${c.id}/quotes`, {
      as: agent,
      body: { ...quoteBody, ...(sent === undefined ? {} : { dailyFeePerPersonDayFen: sent }) },
    });
    expect(res.statusCode).toBe(201);
    const fee = expected === 'expert' ? rate : expected;
    expect(res.json()).toMatchObject({ dailyFeePerPersonDayFen: fee, totalFen: fee });
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

// The queue's default order (issue 14, 002: Diamond's priority on major issues): most severe first; within a
// severity the open critical/urgent requests of a tier with priority; then newest first. Keyset pages.
let ctx: TestContext;
let agent: Session;
const tierIds: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00Z');
  agent = await ctx.user('agent');
  for (const t of (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items) tierIds[t.code] = t.id;
});
afterAll(() => ctx.close());

async function customerOn(tier: string | null) {
  const c = await ctx.customer();
  if (tier) {
    const res = await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: { customerId: c.id, tierId: tierIds[tier], startDate: '2026-01-01', endDate: '2026-12-31' },
    });
    expect(res.statusCode).toBe(201);
  }
  return c;
}

async function pages(query: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/api/v1/tickets?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await ctx.call('GET', q, { as: agent });
    expect(res.statusCode).toBe(200);
    ids.push(...res.json().items.map((t: { id: string }) => t.id));
    cursor = res.json().nextCursor;
  } while (cursor);
  return ids;
}

describe("the queue's default order", () => {
  test('Diamond’s open critical/urgent requests come first within their severity, across keyset pages', async () => {
    const diamond = await customerOn('diamond');
    const gold = await customerOn('gold');
    const plain = await customerOn(null);
    const made: Record<string, string> = {};
    const open = async (name: string, customerId: string, severity: string) => {
      ctx.clock.advance(60_000);
      made[name] = (await ctx.ticket(agent, customerId, { severity })).id;
    };
    await open('plainCritical', plain.id, 'critical');
    await open('diamondCritical', diamond.id, 'critical');
    await open('goldCritical', gold.id, 'critical');
    await open('diamondUrgent', diamond.id, 'urgent');
    await open('plainUrgent', plain.id, 'urgent');
    await open('diamondNormal', diamond.id, 'normal');
    await open('plainNormal', plain.id, 'normal');
    await open('diamondCriticalCancelled', diamond.id, 'critical');
    const cancel = await ctx.call('POST', `/api/v1/tickets/${made.diamondCriticalCancelled}/transitions`, {
      as: agent,
      body: { to: 'cancelled' },
    });
    expect(cancel.statusCode).toBe(200);

    const expected = [
      'diamondCritical', // open, Diamond: first among critical
      'diamondCriticalCancelled', // no longer open: back among the others, newest first
      'goldCritical', // Gold has no priority on major issues
      'plainCritical',
      'diamondUrgent',
      'plainUrgent',
      'plainNormal', // a normal request has no priority, Diamond or not
      'diamondNormal',
    ].map((n) => made[n]);
    for (const limit of [1, 3, 8, 50]) expect(await pages('', limit)).toEqual(expected);
    expect(await pages('&sort=priority', 3)).toEqual(expected);

    // The other sorts keep their answers: newest first is still newest first.
    const newest = Object.values(made).reverse();
    expect(await pages('&sort=created_desc', 3)).toEqual(newest);
  });

  test('a cursor of another sort, or an unknown sort, is a 400', async () => {
    const first = (await ctx.call('GET', '/api/v1/tickets?limit=1&sort=created_desc', { as: agent })).json();
    expect(first.nextCursor).toBeTruthy();
    const mixed = await ctx.call('GET', `/api/v1/tickets?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { as: agent });
    expect(mixed.statusCode).toBe(400);
    expect((await ctx.call('GET', '/api/v1/tickets?sort=diamond', { as: agent })).statusCode).toBe(400);
  });
});

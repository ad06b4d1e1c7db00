import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openLiveStream } from './testing/live-stream.ts';
import { createTestContext, type Session, type TestContext } from './testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let engineer: Session;
let hospitalUser: Session;
let hospital: Awaited<ReturnType<TestContext['customer']>>;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer');
  hospital = await ctx.customer();
  hospitalUser = await ctx.user('customer', { customerId: hospital.id });
}, 120_000);
afterAll(() => ctx.close());

const NOTE = '内部备注：该院信息科主任难沟通';

describe('what the hospital sees of its own archive', () => {
  test('staff notes on modules, configuration items, contracts and visits never reach a customer user', async () => {
    const base = `/api/v1/customers/${hospital.id}`;
    expect(
      (await ctx.call('POST', `${base}/modules`, { as: agent, body: { system: 'HIS', module: '门诊收费', notes: NOTE } })).statusCode,
    ).toBe(201);
    expect(
      (await ctx.call('POST', `${base}/configuration-items`, { as: agent, body: { kind: 'server', name: '数据库服务器', notes: NOTE } }))
        .statusCode,
    ).toBe(201);
    const tier = (await ctx.call('GET', '/api/v1/service-tiers', { as: agent })).json().items[0];
    const contract = await ctx.call('POST', '/api/v1/service-contracts', {
      as: agent,
      body: { customerId: hospital.id, tierId: tier.id, startDate: '2026-01-01', endDate: '2026-12-31', notes: NOTE },
    });
    expect(contract.statusCode).toBe(201);
    const visit = await ctx.call('POST', `${base}/visits`, {
      as: engineer,
      body: { visitDate: '2026-03-01', engineerIds: [engineer.user.id], note: NOTE },
    });
    expect(visit.statusCode).toBe(201);

    const reads = [
      `${base}/modules`,
      `${base}/configuration-items`,
      `${base}/visits`,
      `/api/v1/service-contracts?customerId=${hospital.id}`,
      `/api/v1/service-contracts/${contract.json().id}`,
    ];
    for (const url of reads) {
      const staff = await ctx.call('GET', url, { as: agent });
      expect(staff.body, url).toContain(NOTE);
      const mine = await ctx.call('GET', url, { as: hospitalUser });
      expect(mine.statusCode, url).toBe(200);
      expect(mine.body, url).not.toContain(NOTE);
    }
  });

  test('a quote reaches the hospital once it is sent: a draft is 404 and absent from lists and the timeline', async () => {
    const base = `/api/v1/customers/${hospital.id}`;
    const body = {
      people: 2,
      travelPerPersonFen: 80_000,
      lodgingPerPersonDayFen: 30_000,
      arrivalDate: '2026-03-02',
      departureDate: '2026-03-04',
    };
    const draft = (await ctx.call('POST', `${base}/quotes`, { as: agent, body })).json();
    expect((await ctx.call('GET', `/api/v1/quotes/${draft.id}`, { as: agent })).statusCode).toBe(200);
    for (const url of [`/api/v1/quotes/${draft.id}`, `/api/v1/quotes/${draft.id}/print`]) {
      const res = await ctx.call('GET', url, { as: hospitalUser });
      expect(res.statusCode, url).toBe(404);
    }
    const ids = async (url: string, as: Session) =>
      ((await ctx.call('GET', url, { as })).json().items as { id: string }[]).map((item) => item.id);
    expect(await ids(`${base}/quotes`, hospitalUser)).not.toContain(draft.id);
    expect(await ids(`${base}/timeline`, hospitalUser)).not.toContain(draft.id);
    expect(await ids(`${base}/quotes`, agent)).toContain(draft.id);

    expect((await ctx.call('POST', `/api/v1/quotes/${draft.id}/send`, { as: agent })).statusCode).toBe(200);
    expect((await ctx.call('GET', `/api/v1/quotes/${draft.id}`, { as: hospitalUser })).statusCode).toBe(200);
    expect(await ids(`${base}/quotes`, hospitalUser)).toContain(draft.id);
  });
});

describe('an internal note stays internal', () => {
  test('no live event for the hospital, and nothing it can see changes (updatedAt, version)', async () => {
    const ticket = await ctx.ticket(agent, hospital.id);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (ctx.app.server.address() as AddressInfo).port;
    const hospitalStream = await openLiveStream({ port, cookie: hospitalUser.cookie });
    const staffStream = await openLiveStream({ port, cookie: agent.cookie });
    try {
      const before = (await ctx.call('GET', `/api/v1/tickets/${ticket.id}`, { as: hospitalUser })).json();
      ctx.clock.advance(60_000);
      const note = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/comments`, { as: agent, body: { body: NOTE, internal: true } });
      expect(note.statusCode).toBe(201);
      await staffStream.next((e) => e.data.ticketId === ticket.id && e.data.type === 'ticket.updated');
      const after = (await ctx.call('GET', `/api/v1/tickets/${ticket.id}`, { as: hospitalUser })).json();
      expect(after.updatedAt).toBe(before.updatedAt);
      expect(after.version).toBe(before.version);
      expect(JSON.stringify(after)).not.toContain(NOTE);
      // A public reply afterwards does reach the hospital: the stream works, and only the note was held back.
      await ctx.call('POST', `/api/v1/tickets/${ticket.id}/comments`, { as: agent, body: { body: '已远程处理' } });
      await hospitalStream.next((e) => e.data.ticketId === ticket.id);
      expect(hospitalStream.received.filter((e) => e.data.ticketId === ticket.id)).toHaveLength(1);
    } finally {
      hospitalStream.close();
      staffStream.close();
    }
  }, 60_000);
});

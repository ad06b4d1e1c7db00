import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../app.ts';
import { openLiveBus } from '../../db/live-notify.ts';
import { CSRF_HEADER } from '../../http/authenticate.ts';
import { forTicket, type LiveStream, openLiveStream } from '../../testing/live-stream.ts';
import { createTestContext, openSecondConnection, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
let port: number;
const openStreams = new Set<LiveStream>();

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  // inject() cannot stream: the live endpoint is read over a real loopback connection.
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = (ctx.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const stream of openStreams) stream.close();
  await ctx.close();
});

/** Opens a live stream that afterAll closes if its test did not get to. */
async function openLive(targetPort: number, session?: Session): Promise<LiveStream> {
  const stream = await openLiveStream({ port: targetPort, cookie: session?.cookie });
  openStreams.add(stream);
  return stream;
}

describe('live updates', () => {
  test('a signed-in agent hears about a request when it is created and when it changes', async () => {
    const stream = await openLive(port, agent);
    expect(stream.status).toBe(200);
    const hospital = await ctx.customer();

    const t = await ctx.ticket(agent, hospital.id);
    const created = await stream.next(forTicket(t.id, 'ticket.created'));
    // Enough to refetch, never the request's content.
    expect(created).toEqual({
      event: 'ticket',
      data: { type: 'ticket.created', ticketId: t.id, number: t.number, customerId: hospital.id, actorId: agent.user.id },
    });

    const patched = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'urgent', version: t.version } });
    expect(patched.statusCode).toBe(200);
    const updated = await stream.next(forTicket(t.id, 'ticket.updated'));
    expect(updated).toEqual({
      event: 'ticket',
      data: { type: 'ticket.updated', ticketId: t.id, number: t.number, customerId: hospital.id, actorId: agent.user.id },
    });
    expect(stream.received.filter((e) => e.data.ticketId === t.id).map((e) => e.data.type)).toEqual(['ticket.created', 'ticket.updated']);
    stream.close();
  });

  test('a hospital user hears about its own requests and never about another hospital’s', async () => {
    const hospitalA = await ctx.customer();
    const hospitalB = await ctx.customer();
    const userA = await ctx.user('customer', { customerId: hospitalA.id });
    const streamA = await openLive(port, userA);
    const staffStream = await openLive(port, agent);

    // B's request first, then A's: events arrive in order, so once A's is in, B's would have been too.
    const ticketB = await ctx.ticket(agent, hospitalB.id);
    const ticketA = await ctx.ticket(userA, hospitalA.id);
    await streamA.next(forTicket(ticketA.id, 'ticket.created'));
    for (const t of [ticketB, ticketA]) {
      const patched = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'urgent', version: t.version } });
      expect(patched.statusCode).toBe(200);
    }
    await streamA.next(forTicket(ticketA.id, 'ticket.updated'));

    // The staff stream proves B's events were really published, before A's.
    await staffStream.next(forTicket(ticketA.id, 'ticket.updated'));
    const staffSaw = staffStream.received.filter((e) => [ticketA.id, ticketB.id].includes(e.data.ticketId));
    expect(staffSaw.map((e) => [e.data.number, e.data.type])).toEqual([
      [ticketB.number, 'ticket.created'],
      [ticketA.number, 'ticket.created'],
      [ticketB.number, 'ticket.updated'],
      [ticketA.number, 'ticket.updated'],
    ]);

    expect(streamA.received.map((e) => [e.data.ticketId, e.data.type])).toEqual([
      [ticketA.id, 'ticket.created'],
      [ticketA.id, 'ticket.updated'],
    ]);
    expect(streamA.received.every((e) => e.data.customerId === hospitalA.id)).toBe(true);
    expect(streamA.body()).not.toContain(ticketB.id);
    streamA.close();
    staffStream.close();
  });

  test('an agent connected to another server process hears about requests made through this one, within what each user may see', async () => {
    // On PostgreSQL app B has its own pool and its own NOTIFY listener, as a second server process
    // would. The embedded database admits one process only, so there both apps share this process's
    // bus: the single-process path, checked with the same assertions.
    const second = await openSecondConnection(ctx.database);
    const busErrors: unknown[] = [];
    const liveB = second ? await openLiveBus({ database: second, onError: (e) => busErrors.push(e) }) : ctx.deps.live;
    const appB = await build({ deps: { ...ctx.deps, db: second?.db ?? ctx.deps.db, live: liveB } });
    try {
      await appB.listen({ port: 0, host: '127.0.0.1' });
      const portB = (appB.server.address() as AddressInfo).port;
      const hospitalA = await ctx.customer();
      const hospitalB = await ctx.customer();
      const userA = await ctx.user('customer', { customerId: hospitalA.id });
      // Sessions live in the database: signed in through app A, these work on app B.
      const agentOnB = await openLive(portB, agent);
      const userAOnB = await openLive(portB, userA);
      expect([agentOnB.status, userAOnB.status]).toEqual([200, 200]);

      // Through app A: hospital B's request first, then hospital A's.
      const ticketB = await ctx.ticket(agent, hospitalB.id);
      const ticketA = await ctx.ticket(userA, hospitalA.id);
      expect(await agentOnB.next(forTicket(ticketB.id, 'ticket.created'))).toEqual({
        event: 'ticket',
        data: { type: 'ticket.created', ticketId: ticketB.id, number: ticketB.number, customerId: hospitalB.id, actorId: agent.user.id },
      });
      await agentOnB.next(forTicket(ticketA.id, 'ticket.created'));
      await userAOnB.next(forTicket(ticketA.id, 'ticket.created'));
      // One process's events keep their order, so once A's is in, B's would have been too.
      const agentSaw = agentOnB.received.filter((e) => [ticketA.id, ticketB.id].includes(e.data.ticketId));
      expect(agentSaw.map((e) => e.data.ticketId)).toEqual([ticketB.id, ticketA.id]);
      expect(userAOnB.received.map((e) => [e.data.ticketId, e.data.type])).toEqual([[ticketA.id, 'ticket.created']]);
      expect(userAOnB.body()).not.toContain(ticketB.id);

      // And the other way: a change made through app B reaches a stream on app A.
      const agentOnA = await openLive(port, agent);
      const patched = await appB.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${ticketA.id}`,
        headers: { cookie: agent.cookie, [CSRF_HEADER]: agent.csrf },
        payload: { severity: 'urgent', version: ticketA.version },
      });
      expect(patched.statusCode).toBe(200);
      expect(await agentOnA.next(forTicket(ticketA.id, 'ticket.updated'))).toEqual({
        event: 'ticket',
        data: { type: 'ticket.updated', ticketId: ticketA.id, number: ticketA.number, customerId: hospitalA.id, actorId: agent.user.id },
      });
      await userAOnB.next(forTicket(ticketA.id, 'ticket.updated'));
      for (const stream of [agentOnB, userAOnB, agentOnA]) stream.close();
      expect(busErrors).toEqual([]);
    } finally {
      await appB.close();
      if (second) {
        await liveB.close();
        await second.close();
      }
    }
  });

  test('the stream is refused without signing in', async () => {
    const stream = await openLive(port);
    expect(stream.status).toBe(401);
    expect(JSON.parse(stream.body()).error.code).toBe('unauthenticated');
    expect(stream.received).toEqual([]);
  });

  test('when the bus may have missed events, open streams end so browsers reconnect and refetch', async () => {
    const stream = await openLive(port, agent);
    expect(stream.status).toBe(200);
    // What the PostgreSQL bus says once its listener is back after a lost connection.
    ctx.deps.live.publish({ type: 'live.resync' });
    await stream.ended;
    expect(stream.received).toEqual([]);
    stream.close();
  });

  test('shutting the server down ends open streams instead of waiting for them', async () => {
    const other = await createTestContext();
    const user = await other.user('agent');
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openLive((other.app.server.address() as AddressInfo).port, user);
    expect(stream.status).toBe(200);
    await other.close();
    await stream.ended;
    stream.close();
  }, 15_000);
});

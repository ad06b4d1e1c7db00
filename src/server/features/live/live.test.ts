import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LiveEvent } from '../../lib/live-bus.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

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

type TicketLiveEvent = Extract<LiveEvent, { ticketId: string }>;
type Received = { event: string; data: TicketLiveEvent };

type LiveStream = {
  status: number;
  received: Received[];
  /** Resolves with the first event (already received or still to come) that matches. */
  next(match: (e: Received) => boolean): Promise<Received>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
};

/** Opens GET /api/v1/live and parses the server-sent events as they arrive. */
function openLiveStream(targetPort: number, session?: Session): Promise<LiveStream & { body: () => string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port: targetPort,
        path: '/api/v1/live',
        agent: false,
        headers: { accept: 'text/event-stream', ...(session ? { cookie: session.cookie } : {}) },
      },
      (res) => {
        res.setEncoding('utf8');
        const received: Received[] = [];
        const waiters: { match: (e: Received) => boolean; resolve: (e: Received) => void }[] = [];
        let raw = '';
        let pending = '';
        let isConnected = false;
        let markEnded = () => {};
        const ended = new Promise<void>((done) => {
          markEnded = done;
        });
        const stream = {
          status: res.statusCode ?? 0,
          received,
          ended,
          body: () => raw,
          next(match: (e: Received) => boolean) {
            const seen = received.find(match);
            return seen ? Promise.resolve(seen) : new Promise<Received>((done) => waiters.push({ match, resolve: done }));
          },
          close() {
            openStreams.delete(stream);
            req.destroy();
          },
        };
        res.on('end', markEnded);
        res.on('close', markEnded);
        if (stream.status !== 200) {
          res.on('data', (chunk: string) => {
            raw += chunk;
          });
          res.on('end', () => resolve(stream));
          return;
        }
        openStreams.add(stream);
        res.on('data', (chunk: string) => {
          raw += chunk;
          pending += chunk;
          let cut = pending.indexOf('\n\n');
          while (cut >= 0) {
            const block = pending.slice(0, cut);
            pending = pending.slice(cut + 2);
            cut = pending.indexOf('\n\n');
            if (block.includes(': connected') && !isConnected) {
              // The server subscribes before it says so: events from here on reach this stream.
              isConnected = true;
              resolve(stream);
            }
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length);
            const data = lines.find((l) => l.startsWith('data: '))?.slice('data: '.length);
            if (!event || data === undefined) continue;
            const item = { event, data: JSON.parse(data) as TicketLiveEvent };
            received.push(item);
            for (const w of waiters.filter((w) => w.match(item))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(item);
            }
          }
        });
      },
    );
    req.on('error', reject);
  });
}

const forTicket = (ticketId: string, type: TicketLiveEvent['type']) => (e: Received) =>
  e.data.ticketId === ticketId && e.data.type === type;

describe('live updates', () => {
  test('a signed-in agent hears about a request when it is created and when it changes', async () => {
    const stream = await openLiveStream(port, agent);
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
    const streamA = await openLiveStream(port, userA);
    const staffStream = await openLiveStream(port, agent);

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

  test('the stream is refused without signing in', async () => {
    const stream = await openLiveStream(port);
    expect(stream.status).toBe(401);
    expect(JSON.parse(stream.body()).error.code).toBe('unauthenticated');
    expect(stream.received).toEqual([]);
  });

  test('shutting the server down ends open streams instead of waiting for them', async () => {
    const other = await createTestContext();
    const user = await other.user('agent');
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openLiveStream((other.app.server.address() as AddressInfo).port, user);
    expect(stream.status).toBe(200);
    await other.close();
    await stream.ended;
    stream.close();
  }, 15_000);
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LiveBus, LiveEvent } from '../lib/live-bus.ts';
import { openSecondConnection, openTestDatabase } from '../testing/test-context.ts';
import type { Database } from './client.ts';
import { createNotifyBus, LIVE_CHANNEL, LIVE_LISTENER_NAME, openLiveBus } from './live-notify.ts';

// PostgreSQL only (see vitest.config.ts): the embedded database has one process and a local bus.

let database: Database;
let other: Database;
const toClose: LiveBus[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  // A second pool on the same database, as a second server process would have.
  const second = await openSecondConnection(database);
  if (!second) throw new Error('this file runs on PostgreSQL only');
  other = second;
});
afterAll(async () => {
  for (const bus of toClose) await bus.close();
  await other?.close();
  await database?.close();
});

type Bus = { bus: LiveBus; errors: unknown[]; nextError: () => Promise<unknown> };

async function openBus(on: Database): Promise<Bus> {
  const errors: unknown[] = [];
  let reportError = (_error: unknown) => {};
  const bus = await openLiveBus({
    database: on,
    onError: (error) => {
      errors.push(error);
      reportError(error);
    },
  });
  toClose.push(bus);
  const nextError = () =>
    new Promise<unknown>((resolve) => {
      reportError = resolve;
    });
  return { bus, errors, nextError };
}

/** Collects what a bus hears; `next` waits (bounded) for a matching event. */
function listenTo(bus: LiveBus) {
  const heard: LiveEvent[] = [];
  const waiters: { match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  const unsubscribe = bus.subscribe((event) => {
    heard.push(event);
    for (const w of waiters.filter((w) => w.match(event))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
  });
  const next = (match: (e: LiveEvent) => boolean, timeoutMs = 10_000) => {
    const seen = heard.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LiveEvent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`event not heard within ${timeoutMs} ms; heard ${JSON.stringify(heard)}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  };
  return { heard, next, unsubscribe };
}

const notification = (notificationId = randomUUID()): LiveEvent => ({ type: 'notification.created', userId: randomUUID(), notificationId });
const isNotification = (id: string) => (e: LiveEvent) => e.type === 'notification.created' && e.notificationId === id;
const idOf = (e: LiveEvent) => (e.type === 'notification.created' ? e.notificationId : e.type === 'live.resync' ? e.type : e.ticketId);

/** Polls (bounded) until the query's first row satisfies `isDone`; returns that row. */
async function waitForRow<T>(
  on: Database,
  sql: string,
  params: unknown[],
  isDone: (row: T | undefined) => boolean,
): Promise<T | undefined> {
  const pool = on.pool;
  if (!pool) throw new Error('PostgreSQL only');
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await pool.query(sql, params);
    const row = rows[0] as T | undefined;
    if (isDone(row)) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for: ${sql}`);
}

/** The listener's backend once LISTEN has completed: idle, its last statement the LISTEN. */
const LISTENER_SQL = `select pid, state, query from pg_stat_activity
  where application_name = $1 and datname = current_database() order by backend_start desc limit 1`;
type ListenerRow = { pid: number; state: string; query: string };
const isListening = (row: ListenerRow | undefined) => row?.state === 'idle' && row.query === `listen ${LIVE_CHANNEL}`;

describe('live updates across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  test('what one process publishes every process hears, itself included, in the order it was published', async () => {
    const a = await openBus(database);
    const b = await openBus(other);
    const onA = listenTo(a.bus);
    const onB = listenTo(b.bus);
    const events = Array.from({ length: 40 }, () => notification());
    for (const e of events) a.bus.publish(e);
    const last = idOf(events[events.length - 1]);
    await onA.next(isNotification(last));
    await onB.next(isNotification(last));
    expect(onA.heard).toEqual(events);
    expect(onB.heard).toEqual(events);
    expect([...a.errors, ...b.errors]).toEqual([]);
    onA.unsubscribe();
    onB.unsubscribe();
  });

  test('another database’s events are not heard: the channel is per database', async () => {
    const elsewhere = await openTestDatabase();
    try {
      const here = await openBus(database);
      const there = await openBus(elsewhere);
      const onHere = listenTo(here.bus);
      const onThere = listenTo(there.bus);
      const foreign = notification();
      there.bus.publish(foreign);
      await onThere.next(isNotification(idOf(foreign)));
      // Published after the foreign event was delivered: had it crossed over, it would be in first.
      const marker = notification();
      here.bus.publish(marker);
      await onHere.next(isNotification(idOf(marker)));
      expect(onHere.heard).toEqual([marker]);
      onHere.unsubscribe();
      onThere.unsubscribe();
    } finally {
      await elsewhere.close();
    }
  });

  test('a lost listener connection is reported, comes back on its own, and tells its subscribers to resynchronise', async () => {
    // A database of its own, so only this bus's listener shows up in pg_stat_activity.
    const lonely = await openTestDatabase();
    try {
      const { bus, nextError } = await openBus(lonely);
      const heard = listenTo(bus);
      const before = await waitForRow<ListenerRow>(lonely, LISTENER_SQL, [LIVE_LISTENER_NAME], isListening);
      const reported = nextError();
      await lonely.pool?.query('select pg_terminate_backend($1)', [before?.pid]);
      expect(String(await reported)).toMatch(/terminat|connection/i);

      // Sent once listening again: whatever was published in the gap is lost, so subscribers refetch.
      await heard.next((e) => e.type === 'live.resync');
      const again = await waitForRow<ListenerRow>(lonely, LISTENER_SQL, [LIVE_LISTENER_NAME], isListening);
      expect(again?.pid).not.toBe(before?.pid);
      const after = notification();
      bus.publish(after);
      await heard.next(isNotification(idOf(after)));
      expect(heard.heard).toEqual([{ type: 'live.resync' }, after]);
      heard.unsubscribe();

      await bus.close();
      const gone = await waitForRow<{ n: number }>(
        lonely,
        'select count(*)::int as n from pg_stat_activity where application_name = $1 and datname = current_database()',
        [LIVE_LISTENER_NAME],
        (row) => row?.n === 0,
      );
      expect(gone).toEqual({ n: 0 });
    } finally {
      await lonely.close();
    }
  });

  test('an event that cannot be sent is reported, never thrown, and the others still go out', async () => {
    const { bus, errors } = await openBus(database);
    const heard = listenTo(bus);
    const before = notification();
    // Over PostgreSQL's 8000-byte NOTIFY limit: refused on its own instead of failing its batch.
    const tooBig: LiveEvent = { type: 'notification.created', userId: randomUUID(), notificationId: 'x'.repeat(8000) };
    const after = notification();
    bus.publish(before);
    expect(() => bus.publish(tooBig)).not.toThrow();
    bus.publish(after);
    await heard.next(isNotification(idOf(after)));
    expect(heard.heard).toEqual([before, after]);
    expect(errors.map(String)).toEqual([expect.stringMatching(/over the NOTIFY limit/)]);
    heard.unsubscribe();
  });

  test('a publish whose database is gone is reported to onError', async () => {
    const doomed = await openTestDatabase();
    const pool = doomed.pool;
    const url = doomed.url;
    if (!pool || !url) throw new Error('PostgreSQL only');
    const errors: unknown[] = [];
    let reportError = (_error: unknown) => {};
    const reported = new Promise((resolve) => {
      reportError = resolve;
    });
    const bus = await createNotifyBus({
      url,
      pool,
      onError: (error) => {
        errors.push(error);
        reportError(error);
      },
    });
    await doomed.close(); // the pool ends: the next publish cannot get a connection
    expect(() => bus.publish(notification())).not.toThrow();
    expect(String(await reported)).toMatch(/pool/i);
    await bus.close();
    expect(errors).toHaveLength(1);
  });
});

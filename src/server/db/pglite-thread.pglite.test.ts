// The embedded database's thread (`*.pglite.test.ts`: the PostgreSQL run leaves these out).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase } from '../testing/test-context.ts';
import type { Database } from './client.ts';

let database: Database;
beforeAll(async () => {
  // An instance of its own: these tests create tables and hold the one connection.
  database = await openTestDatabase({ fresh: true });
}, 180_000);
afterAll(() => database?.close());

test('the event loop keeps turning while the database works (PGlite runs in a thread of its own)', async () => {
  const pool = database.pool;
  if (!pool) throw new Error('no pool');
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
  }, 10);
  try {
    // One second of database work: on the main thread this stopped every timer and request for its length.
    await pool.query('select pg_sleep(1)');
  } finally {
    clearInterval(timer);
  }
  expect(ticks).toBeGreaterThanOrEqual(10);
});

test('a transaction holds the one connection: other queries wait for its commit, then see it', async () => {
  const pool = database.pool;
  if (!pool) throw new Error('no pool');
  await pool.query('create table thread_probe (n int)');
  const client = await pool.connect();
  await client.query('begin');
  await client.query('insert into thread_probe values (1)');
  let outsideDone = false;
  const outside = pool.query('select count(*)::int as n from thread_probe').then((r) => {
    outsideDone = true;
    return r.rows[0].n as number;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(outsideDone).toBe(false);
  await client.query('commit');
  client.release();
  expect(await outside).toBe(1);
});

test('a connection dropped inside a transaction is rolled back, and its prepared statements go with it', async () => {
  const pool = database.pool;
  if (!pool) throw new Error('no pool');
  await pool.query('create table drop_probe (n int)');
  const client = await pool.connect();
  await client.query({ name: 'probe-count', text: 'select count(*)::int as n from drop_probe' });
  await client.query('begin');
  await client.query('insert into drop_probe values (1)');
  // As node-postgres does after an error it cannot recover from: the connection is destroyed.
  client.release(new Error('gone'));
  const next = await pool.connect();
  try {
    expect((await next.query({ name: 'probe-count', text: 'select count(*)::int as n from drop_probe' })).rows[0].n).toBe(0);
    expect((await next.query('select current_setting($1) as tz', ['TimeZone'])).rows[0].tz).toBe('UTC');
  } finally {
    next.release();
  }
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Deps } from '../deps.ts';
import { createLocalBus } from '../lib/live-bus.ts';
import { createTestContext, openSecondConnection, type Session, type TestContext } from '../testing/test-context.ts';
import { finishRun } from './jobs.repo.ts';
import { enqueueJob, ensureRecurringJobs, type JobHandler, type JobRegistry, runJobs } from './jobs.service.ts';
import { ensureSystemJobs, runDueJobs } from './runner.ts';

let ctx: TestContext;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin');
});
afterAll(() => ctx.close());

/** A registry with test handlers only: the system jobs of this database are left alone. */
function registryOf(handlers: Record<string, JobHandler>): JobRegistry {
  return new Map(Object.entries(handlers));
}

async function jobRow(id: string) {
  const [row] = await ctx.rows<{
    state: string;
    attempts: number;
    run_at: Date;
    last_error: string | null;
    last_run_at: Date | null;
    failed_at: Date | null;
  }>(sql`select state, attempts, run_at, last_error, last_run_at, failed_at from jobs where id = ${id}`);
  return { ...row, run_at: new Date(row.run_at).toISOString() };
}

const enqueue = (input: Omit<Parameters<typeof enqueueJob>[0], 'tx'>) => ctx.deps.db.transaction((tx) => enqueueJob({ tx, ...input }));

describe('GET /api/v1/jobs', () => {
  test('administrators see the recurring system jobs (ensured once, even by two processes at once); others are refused', async () => {
    await Promise.all([ensureSystemJobs({ deps: ctx.deps }), ensureSystemJobs({ deps: ctx.deps })]);
    await ensureSystemJobs({ deps: ctx.deps });
    const res = await ctx.call('GET', '/api/v1/jobs', { as: admin });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; kind: string; state: string; nextRunAt: string | null }[];
    const recurring = items.filter((j) => j.kind === 'recurring').map((j) => j.name);
    expect(recurring.sort()).toEqual([
      'contracts.renewal-reminders',
      'emergency.continuity-tick',
      'emergency.reminders',
      'emergency.training-reminders',
      'maintenance.daily',
      'remote-access.maintain',
      'sla.tick',
      'surveys.periodic',
    ]);
    expect(items.find((j) => j.name === 'sla.tick')).toMatchObject({
      state: 'scheduled',
      nextRunAt: ctx.clock().toISOString(),
      lastRunAt: null,
      lastError: null,
      attempts: 0,
      schedule: { kind: 'interval', everyMs: ctx.deps.config.schedulerIntervalMs },
    });
    // 08:00 in Shanghai after 09:00 on Monday 2 March: Tuesday's.
    expect(items.find((j) => j.name === 'contracts.renewal-reminders')?.nextRunAt).toBe('2026-03-03T00:00:00.000Z');

    for (const role of ['manager', 'agent', 'engineer'] as const) {
      expect((await ctx.call('GET', '/api/v1/jobs', { as: await ctx.user(role) })).statusCode).toBe(403);
    }
    const hospital = await ctx.customer();
    expect((await ctx.call('GET', '/api/v1/jobs', { as: await ctx.user('customer', { customerId: hospital.id }) })).statusCode).toBe(403);
    expect((await ctx.call('GET', '/api/v1/jobs')).statusCode).toBe(401);
    expect((await ctx.call('GET', '/api/v1/jobs?state=bogus', { as: admin })).statusCode).toBe(400);
  });

  test('the SLA tick runs as a job: last run recorded, next one an interval later', async () => {
    ctx.clock.set('2026-03-02T02:00:00Z');
    await ensureSystemJobs({ deps: ctx.deps });
    const summary = await runDueJobs({ deps: ctx.deps });
    expect(summary).toMatchObject({ failed: 0, retrying: 0 });
    const items = (await ctx.call('GET', '/api/v1/jobs', { as: admin })).json().items;
    const tick = items.find((j: { name: string }) => j.name === 'sla.tick');
    expect(tick.lastRunAt).toBe('2026-03-02T02:00:00.000Z');
    expect(new Date(tick.nextRunAt).getTime()).toBeGreaterThan(Date.parse('2026-03-02T02:00:00Z'));
    expect(new Date(tick.nextRunAt).getTime()).toBeLessThanOrEqual(
      Date.parse('2026-03-02T02:00:00Z') + ctx.deps.config.schedulerIntervalMs,
    );
    // Nothing is due any more at the same instant.
    expect((await runDueJobs({ deps: ctx.deps })).ran).toBe(0);
  });
});

describe('one-off jobs', () => {
  test('run once at their instant, not before', async () => {
    const seen: unknown[] = [];
    const registry = registryOf({ 'test.once': { run: async ({ payload, now }) => void seen.push([payload, now.toISOString()]) } });
    ctx.clock.set('2026-04-01T00:00:00Z');
    const { id } = await enqueue({ name: 'test.once', runAt: new Date('2026-04-01T01:00:00Z'), payload: { n: 1 } });
    expect((await runJobs({ deps: ctx.deps, registry })).ran).toBe(0);
    await runJobs({ deps: ctx.deps, registry, now: new Date('2026-04-01T01:00:00Z') });
    await runJobs({ deps: ctx.deps, registry, now: new Date('2026-04-01T02:00:00Z') });
    expect(seen).toEqual([[{ n: 1 }, '2026-04-01T01:00:00.000Z']]);
    expect(await jobRow(id)).toMatchObject({ state: 'succeeded', attempts: 1, last_error: null });
  });

  test('once per period: enqueueing the same key twice creates one job', async () => {
    const key = 'monthly-report:customer-1:2026-11';
    const first = await enqueue({ name: 'test.report', runAt: new Date('2026-12-01T00:00:00Z'), key });
    const second = await enqueue({ name: 'test.report', runAt: new Date('2026-12-01T00:00:00Z'), key });
    expect(first.isNew).toBe(true);
    expect(second).toEqual({ id: first.id, isNew: false });
    const [{ n }] = await ctx.rows<{ n: number }>(sql`select count(*)::int as n from jobs where key = ${key}`);
    expect(n).toBe(1);
  });

  test('a failing job retries with exponential backoff, then stays failed and visible to administrators', async () => {
    ctx.clock.set('2026-05-01T00:00:00Z');
    let calls = 0;
    const registry = registryOf({
      'test.flaky': {
        run: async () => {
          calls++;
          throw new Error(`remote refused (${calls})`);
        },
        retry: { baseMs: 60_000, maxMs: 3_600_000 },
      },
    });
    const { id } = await enqueue({ name: 'test.flaky', runAt: ctx.clock(), maxAttempts: 3 });
    expect(await runJobs({ deps: ctx.deps, registry })).toMatchObject({ ran: 1, retrying: 1 });
    expect(await jobRow(id)).toMatchObject({
      state: 'scheduled',
      attempts: 1,
      run_at: '2026-05-01T00:01:00.000Z',
      last_error: 'remote refused (1)',
    });
    ctx.clock.advance(59_000);
    expect((await runJobs({ deps: ctx.deps, registry })).ran).toBe(0);
    ctx.clock.advance(1_000);
    await runJobs({ deps: ctx.deps, registry });
    expect(await jobRow(id)).toMatchObject({ state: 'scheduled', attempts: 2, run_at: '2026-05-01T00:03:00.000Z' });
    ctx.clock.set('2026-05-01T00:03:00Z');
    expect(await runJobs({ deps: ctx.deps, registry })).toMatchObject({ failed: 1 });
    expect(await jobRow(id)).toMatchObject({ state: 'failed', attempts: 3, last_error: 'remote refused (3)' });
    ctx.clock.advance(24 * 3_600_000);
    expect((await runJobs({ deps: ctx.deps, registry })).ran).toBe(0);
    expect(calls).toBe(3);

    // Signed in again: the clock moved past the first session's lifetime.
    const adminNow = await ctx.signIn(admin.user.email);
    const failedRes = await ctx.call('GET', '/api/v1/jobs?state=failed', { as: adminNow });
    expect(failedRes.statusCode, failedRes.body).toBe(200);
    const failed = failedRes.json().items;
    expect(failed).toContainEqual(
      expect.objectContaining({
        id,
        name: 'test.flaky',
        kind: 'once',
        state: 'failed',
        attempts: 3,
        maxAttempts: 3,
        lastError: 'remote refused (3)',
        nextRunAt: null,
        failedAt: '2026-05-01T00:03:00.000Z',
      }),
    );
    // Failures are also in the default list.
    const all = (await ctx.call('GET', '/api/v1/jobs', { as: adminNow })).json().items;
    expect(all.some((j: { id: string }) => j.id === id)).toBe(true);
  });

  test("a claim whose process stopped expires with its lease; the stale process's outcome is ignored", async () => {
    ctx.clock.set('2026-06-01T00:00:00Z');
    let calls = 0;
    const registry = registryOf({ 'test.lease': { run: async () => void calls++, leaseMs: 60_000 } });
    const { id } = await enqueue({ name: 'test.lease', runAt: ctx.clock() });
    // A process claimed it (attempt 1) and died: running, with a lease until 00:01.
    const staleToken = '11111111-1111-4111-8111-111111111111';
    await ctx.rows(
      sql`update jobs set state = 'running', attempts = 1, locked_by = ${staleToken}, locked_until = '2026-06-01T00:01:00Z' where id = ${id}`,
    );
    expect((await runJobs({ deps: ctx.deps, registry })).ran).toBe(0);
    ctx.clock.set('2026-06-01T00:01:00Z');
    expect(await runJobs({ deps: ctx.deps, registry })).toMatchObject({ ran: 1, succeeded: 1 });
    expect(calls).toBe(1);
    expect(await jobRow(id)).toMatchObject({ state: 'succeeded', attempts: 2 });
    const late = await finishRun(ctx.deps.db, id, staleToken, {
      state: 'failed',
      runAt: ctx.clock(),
      lastError: 'late',
      updatedAt: ctx.clock(),
    });
    expect(late).toBe(false);
    expect(await jobRow(id)).toMatchObject({ state: 'succeeded', last_error: null });
  });

  test('two processes running due jobs together run each exactly once', async () => {
    ctx.clock.set('2026-07-01T00:00:00Z');
    const runs = new Map<string, number>();
    const handler: JobHandler = {
      run: async ({ job }) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      },
    };
    const registry = registryOf({ 'test.parallel': handler });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await enqueue({ name: 'test.parallel', runAt: ctx.clock(), payload: { i } })).id);
    // On PostgreSQL the second runner has its own connection pool, like a second server process.
    const second = await openSecondConnection(ctx.database);
    const otherDeps: Deps = { ...ctx.deps, db: second?.db ?? ctx.deps.db, live: createLocalBus() };
    try {
      const results = await Promise.all([
        runJobs({ deps: ctx.deps, registry }),
        runJobs({ deps: otherDeps, registry }),
        runJobs({ deps: ctx.deps, registry }),
        runJobs({ deps: otherDeps, registry }),
      ]);
      expect(results.reduce((n, r) => n + r.succeeded, 0)).toBe(20);
    } finally {
      await second?.close();
    }
    expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
  });
});

describe('recurring jobs', () => {
  test('daily on the working-hours service calendar: skips the National Day holidays, runs on the 调休 Saturday', async () => {
    const [calendar] = await ctx.rows<{ id: string }>(
      sql`select id from calendars where is_builtin and definition->>'statutory' = 'CN' order by name limit 1`,
    );
    const days: string[] = [];
    const registry = registryOf({ 'test.morning': { run: async ({ now }) => void days.push(now.toISOString()) } });
    ctx.clock.set('2026-09-30T02:00:00Z'); // Wednesday 30 September, 10:00 in Beijing
    await ensureRecurringJobs({
      deps: ctx.deps,
      jobs: [{ name: 'test.morning', schedule: { kind: 'daily', at: '09:00', calendarId: calendar.id } }],
    });
    const next = async () => (await ctx.rows<{ run_at: Date }>(sql`select run_at from jobs where key = 'test.morning'`))[0].run_at;
    expect(new Date(await next()).toISOString()).toBe('2026-10-08T01:00:00.000Z');
    for (const at of [
      '2026-10-05T01:00:00Z',
      '2026-10-08T01:00:00Z',
      '2026-10-09T01:00:00Z',
      '2026-10-10T01:00:00Z',
      '2026-10-11T01:00:00Z',
    ]) {
      ctx.clock.set(at);
      await runJobs({ deps: ctx.deps, registry });
    }
    // Thursday, Friday, and Saturday 10 October (a make-up working day); not the holiday nor Sunday.
    expect(days).toEqual(['2026-10-08T01:00:00.000Z', '2026-10-09T01:00:00.000Z', '2026-10-10T01:00:00.000Z']);
    expect(new Date(await next()).toISOString()).toBe('2026-10-12T01:00:00.000Z');
    // Ensuring it again (a restart) with the same rule keeps its place.
    await ensureRecurringJobs({
      deps: ctx.deps,
      jobs: [{ name: 'test.morning', schedule: { kind: 'daily', at: '09:00', calendarId: calendar.id } }],
    });
    expect(new Date(await next()).toISOString()).toBe('2026-10-12T01:00:00.000Z');
  });

  test('a recurring job that keeps failing gives the run up, keeps the failure visible and runs again at its next time', async () => {
    ctx.clock.set('2026-08-01T00:00:00Z');
    const registry = registryOf({
      'test.hourly': {
        run: async () => {
          throw new Error('report source unavailable');
        },
        maxAttempts: 2,
        retry: { baseMs: 60_000, maxMs: 60_000 },
      },
    });
    await ensureRecurringJobs({
      deps: ctx.deps,
      registry,
      jobs: [{ name: 'test.hourly', schedule: { kind: 'interval', everyMs: 3_600_000 } }],
    });
    const [{ id }] = await ctx.rows<{ id: string }>(sql`select id from jobs where key = 'test.hourly'`);
    await runJobs({ deps: ctx.deps, registry });
    expect(await jobRow(id)).toMatchObject({ state: 'scheduled', attempts: 1, run_at: '2026-08-01T00:01:00.000Z' });
    ctx.clock.set('2026-08-01T00:01:00Z');
    await runJobs({ deps: ctx.deps, registry });
    expect(await jobRow(id)).toMatchObject({
      state: 'scheduled',
      attempts: 0,
      run_at: '2026-08-01T01:00:00.000Z',
      last_error: 'report source unavailable',
    });
    expect((await jobRow(id)).failed_at).not.toBeNull();
  });
});

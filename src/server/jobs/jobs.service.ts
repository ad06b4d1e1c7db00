import { randomUUID } from 'node:crypto';
import type { CompiledCalendar } from '../../domain/calendar/index.ts';
import { type JobSchedule, JobScheduleSchema, nextRunAfter, retryDelayMs } from '../../domain/jobs/schedule.ts';
import type { Tx } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { loadCompiledCalendar } from '../features/calendars/calendar-cache.ts';
import { type Actor, authorize } from '../policy.ts';
import { claimDueJob, finishRun, insertJob, type JobRow, markRunning, selectJobs, upsertRecurringJob } from './jobs.repo.ts';
import type { ListJobsQuery } from './jobs.schema.ts';

/** What a handler gets: the job's row (payload, attempts) and deps whose clock reads the run's instant. */
export type JobContext = { deps: Deps; job: JobRow; payload: Record<string, unknown>; now: Date };

export type JobHandler = {
  run(context: JobContext): Promise<unknown>;
  /** Attempts before a one-off is kept `failed` (a recurring job moves on to its next run). Default 5. */
  maxAttempts?: number;
  /** How long a claim holds the job; a process that stops mid-run loses it after this. Default 5 minutes. */
  leaseMs?: number;
  /** Exponential backoff between attempts. Default 30 s doubling, at most 1 h. */
  retry?: { baseMs: number; maxMs: number };
};

/** Handlers by job name: the one registry is built in `jobs/registry.ts` and wired at boot. */
export type JobRegistry = ReadonlyMap<string, JobHandler>;

export type RecurringJob = { name: string; schedule: JobSchedule; key?: string };

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/**
 * Schedules a one-off job inside the caller's transaction (so it exists exactly when the caller's change
 * commits). With a `key`, enqueueing again is a no-op: `{isNew: false}` and the existing job's id.
 */
export async function enqueueJob({
  tx,
  name,
  runAt,
  payload = {},
  key,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
}: {
  tx: Tx;
  name: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  key?: string;
  maxAttempts?: number;
}): Promise<{ id: string; isNew: boolean }> {
  return insertJob(tx, { name, key: key ?? null, kind: 'once', payload, runAt, maxAttempts, createdAt: runAt, updatedAt: runAt });
}

/** Creates or updates recurring jobs (idempotent; several processes may call it at once at boot). */
export async function ensureRecurringJobs({ deps, jobs, registry }: { deps: Deps; jobs: RecurringJob[]; registry?: JobRegistry }) {
  const now = deps.clock();
  for (const job of jobs) {
    const schedule = JobScheduleSchema.parse(job.schedule);
    // An interval job runs at once (catching up after downtime); a daily or monthly one at its next time.
    const runAt = schedule.kind === 'interval' ? now : await nextRun({ deps, schedule, after: now });
    await upsertRecurringJob(deps.db, {
      name: job.name,
      key: job.key ?? job.name,
      schedule,
      runAt,
      maxAttempts: registry?.get(job.name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      now,
    });
  }
}

async function nextRun({ deps, schedule, after, previous }: { deps: Deps; schedule: JobSchedule; after: Date; previous?: Date }) {
  let calendar: CompiledCalendar | undefined;
  if (schedule.kind !== 'interval' && schedule.calendarId) calendar = await loadCompiledCalendar(deps.db, schedule.calendarId);
  return nextRunAfter(schedule, { after, previous, timeZone: deps.config.timeZone, calendar });
}

export type RunSummary = { ran: number; succeeded: number; retrying: number; failed: number };

/**
 * Runs due jobs one at a time until none is due (or `limit` ran). Each is claimed in a short transaction
 * (FOR UPDATE SKIP LOCKED, then `running` with a lease), run outside it, and its outcome recorded only if the
 * claim still holds. So across processes each due run is taken by one of them; a process that stops mid-run
 * loses its claim when the lease runs out and the job runs again (handlers are written to be safe to repeat).
 * `now` (default: the deps' clock) is also the clock the handlers see.
 */
export async function runJobs({
  deps: baseDeps,
  registry,
  now: fixedNow,
  limit = 100,
  onAttemptFailed,
}: {
  deps: Deps;
  registry: JobRegistry;
  now?: Date;
  limit?: number;
  /** Told of every failed attempt (the server logs them); the failure is recorded on the job either way. */
  onAttemptFailed?: (job: JobRow, error: unknown) => void;
}): Promise<RunSummary> {
  const deps: Deps = fixedNow ? { ...baseDeps, clock: () => fixedNow } : baseDeps;
  const names = [...registry.keys()];
  const summary: RunSummary = { ran: 0, succeeded: 0, retrying: 0, failed: 0 };
  if (names.length === 0) return summary;
  while (summary.ran < limit) {
    const token = randomUUID();
    const claimed = await deps.db.transaction(async (tx) => {
      const now = deps.clock();
      const row = await claimDueJob(tx, names, now);
      if (!row) return null;
      const handler = registry.get(row.name) as JobHandler;
      const attempts = row.attempts + 1;
      await markRunning(tx, row.id, { token, lockedUntil: new Date(now.getTime() + (handler.leaseMs ?? DEFAULT_LEASE_MS)), attempts, now });
      return { job: { ...row, attempts }, handler, wasAbandoned: row.state === 'running' };
    });
    if (!claimed) break;
    summary.ran++;
    const { job, handler } = claimed;
    let error: unknown = null;
    if (claimed.wasAbandoned && job.attempts > job.maxAttempts) {
      error = new Error('the process running the last attempt stopped (lease expired)');
    } else {
      try {
        await handler.run({ deps, job, payload: job.payload, now: deps.clock() });
      } catch (caught) {
        error = caught;
      }
    }
    if (error !== null) onAttemptFailed?.(job, error);
    const outcome = await recordOutcome({ deps, job, handler, token, error });
    summary[outcome]++;
  }
  return summary;
}

async function recordOutcome({
  deps,
  job,
  handler,
  token,
  error,
}: {
  deps: Deps;
  job: JobRow;
  handler: JobHandler;
  token: string;
  error: unknown;
}): Promise<'succeeded' | 'retrying' | 'failed'> {
  const now = deps.clock();
  let next: Date | null = null;
  let scheduleError: string | null = null;
  if (job.kind === 'recurring' && job.schedule) {
    try {
      // Interval beats are counted from the job's creation, so retries do not shift the cadence.
      next = await nextRun({ deps, schedule: job.schedule, after: now, previous: job.createdAt });
    } catch (caught) {
      scheduleError = `cannot compute the next run: ${messageOf(caught)}`;
    }
  }
  const common = { lastRunAt: now, updatedAt: now };
  if (error === null && scheduleError === null) {
    const done = next === null;
    await finishRun(deps.db, job.id, token, {
      ...common,
      state: done ? 'succeeded' : 'scheduled',
      runAt: next ?? job.runAt,
      attempts: done ? job.attempts : 0,
      lastError: null,
    });
    return 'succeeded';
  }
  const lastError = (scheduleError ?? messageOf(error)).slice(0, MAX_ERROR_LENGTH);
  if (scheduleError === null && job.attempts < job.maxAttempts) {
    const retryAt = new Date(now.getTime() + retryDelayMs(job.attempts, handler.retry));
    // A recurring job retries no later than its next regular run.
    const runAt = next && next < retryAt ? next : retryAt;
    await finishRun(deps.db, job.id, token, { ...common, state: 'scheduled', runAt, attempts: job.attempts, lastError });
    return 'retrying';
  }
  if (next) {
    // A recurring job gives this run up and keeps its rule; the failure stays visible (lastError, failedAt).
    await finishRun(deps.db, job.id, token, { ...common, state: 'scheduled', runAt: next, attempts: 0, lastError, failedAt: now });
  } else {
    await finishRun(deps.db, job.id, token, {
      ...common,
      state: 'failed',
      runAt: job.runAt,
      attempts: job.attempts,
      lastError,
      failedAt: now,
    });
  }
  return 'failed';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The scheduled work, for administrators: recurring jobs, work still to do and failures (newest state first). */
export async function listJobs({ deps, actor, query }: { deps: Deps; actor: Actor; query: ListJobsQuery }) {
  authorize(actor, 'jobs.read');
  const rows = await selectJobs(deps.db, { state: query.state, limit: query.limit });
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      key: row.key,
      kind: row.kind,
      schedule: row.schedule,
      state: row.state,
      nextRunAt: row.state === 'scheduled' || row.state === 'running' ? row.runAt : null,
      lastRunAt: row.lastRunAt,
      lastError: row.lastError,
      failedAt: row.failedAt,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      lockedUntil: row.lockedUntil,
      createdAt: row.createdAt,
    })),
  };
}

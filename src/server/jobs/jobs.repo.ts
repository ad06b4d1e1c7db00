import { and, asc, desc, eq, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { JobSchedule } from '../../domain/jobs/schedule.ts';
import type { Tx } from '../db/client.ts';
import { jobs } from '../db/schema.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobState = JobRow['state'];

/** Inserts a job; with a key already taken, nothing is inserted and the existing job's id is returned. */
export async function insertJob(tx: Tx, values: typeof jobs.$inferInsert): Promise<{ id: string; isNew: boolean }> {
  const [row] = await tx.insert(jobs).values(values).onConflictDoNothing({ target: jobs.key }).returning({ id: jobs.id });
  if (row) return { id: row.id, isNew: true };
  const [existing] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(eq(jobs.key, values.key ?? ''));
  return { id: existing.id, isNew: false };
}

/**
 * A recurring job by its key: created once, its rule updated when it changed (then it runs at `runAt`);
 * otherwise left alone. Safe with several processes starting together (the unique key decides).
 */
export async function upsertRecurringJob(
  tx: Tx,
  values: { name: string; key: string; schedule: JobSchedule; runAt: Date; maxAttempts: number; now: Date },
) {
  await tx
    .insert(jobs)
    .values({
      name: values.name,
      key: values.key,
      kind: 'recurring',
      schedule: values.schedule,
      runAt: values.runAt,
      maxAttempts: values.maxAttempts,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoUpdate({
      target: jobs.key,
      set: {
        name: sql`excluded.name`,
        schedule: sql`excluded.schedule`,
        maxAttempts: sql`excluded.max_attempts`,
        runAt: sql`case when ${jobs.state} = 'running' then ${jobs.runAt} else excluded.run_at end`,
        state: sql`case when ${jobs.state} = 'failed' then 'scheduled' else ${jobs.state} end`,
        updatedAt: values.now,
      },
      setWhere: sql`${jobs.schedule} is distinct from excluded.schedule or ${jobs.name} <> excluded.name or ${jobs.maxAttempts} <> excluded.max_attempts or ${jobs.state} = 'failed'`,
    });
}

/**
 * The next due job among `names`, locked for this transaction: scheduled and due, or running with a lease that
 * ran out (its process stopped). SKIP LOCKED: another process claiming at the same moment takes another row.
 */
export async function claimDueJob(tx: Tx, names: string[], now: Date) {
  const [row] = await tx
    .select()
    .from(jobs)
    .where(
      and(
        inArray(jobs.name, names),
        or(and(eq(jobs.state, 'scheduled'), lte(jobs.runAt, now)), and(eq(jobs.state, 'running'), lte(jobs.lockedUntil, now))),
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function markRunning(tx: Tx, id: string, values: { token: string; lockedUntil: Date; attempts: number; now: Date }) {
  await tx
    .update(jobs)
    .set({ state: 'running', lockedBy: values.token, lockedUntil: values.lockedUntil, attempts: values.attempts, updatedAt: values.now })
    .where(eq(jobs.id, id));
}

/**
 * Records a run's outcome, only if this claim still holds the job: a process whose lease ran out and was
 * claimed again by another one writes nothing.
 */
export async function finishRun(
  tx: Tx,
  id: string,
  token: string,
  values: Pick<typeof jobs.$inferInsert, 'state' | 'runAt' | 'attempts' | 'lastRunAt' | 'lastError' | 'failedAt' | 'updatedAt'>,
): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ ...values, lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, token), eq(jobs.state, 'running')))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

export async function selectJobs(tx: Tx, filter: { state?: JobState; limit: number }) {
  return tx
    .select()
    .from(jobs)
    .where(
      filter.state
        ? eq(jobs.state, filter.state)
        : // Work still to do, failures, and every recurring job; finished one-offs only when asked for.
          or(eq(jobs.kind, 'recurring'), ne(jobs.state, 'succeeded')),
    )
    .orderBy(desc(jobs.kind), desc(sql`${jobs.state} = 'failed'`), asc(jobs.runAt), asc(jobs.id))
    .limit(filter.limit);
}

export async function findJobByKey(tx: Tx, key: string) {
  const [row] = await tx.select().from(jobs).where(eq(jobs.key, key));
  return row;
}

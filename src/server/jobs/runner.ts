import type { Deps } from '../deps.ts';
import type { JobRow } from './jobs.repo.ts';
import { ensureRecurringJobs, type JobRegistry, runJobs } from './jobs.service.ts';
import { systemJobRegistry, systemRecurringJobs } from './registry.ts';

/**
 * Runs every due job with the system registry (tests: `await runDueJobs({ deps: ctx.deps })` after moving
 * the test clock; `now` overrides the clock for the run and its handlers).
 */
export function runDueJobs({
  deps,
  now,
  registry,
  limit,
  onAttemptFailed,
}: {
  deps: Deps;
  now?: Date;
  registry?: JobRegistry;
  limit?: number;
  onAttemptFailed?: (job: JobRow, error: unknown) => void;
}) {
  return runJobs({ deps, now, limit, onAttemptFailed, registry: registry ?? systemJobRegistry(deps.config) });
}

/** Creates or updates the recurring system jobs (SLA tick, renewal reminders). Idempotent. */
export function ensureSystemJobs({ deps }: { deps: Deps }) {
  return ensureRecurringJobs({ deps, jobs: systemRecurringJobs(deps.config), registry: systemJobRegistry(deps.config) });
}

export type JobRunner = { stop(): Promise<void>; runNow(): Promise<void> };

/**
 * The server's one timer: every `config.schedulerIntervalMs` it runs the due jobs. A pass never overlaps the
 * previous one; the first runs at start so anything missed while the server was down runs straight away.
 */
export function startJobRunner({
  deps,
  registry,
  onError,
  onAttemptFailed,
}: {
  deps: Deps;
  registry?: JobRegistry;
  onError: (error: unknown) => void;
  onAttemptFailed?: (job: JobRow, error: unknown) => void;
}): JobRunner {
  let running: Promise<void> | null = null;
  let isStopped = false;
  const pass = async () => {
    if (running || isStopped) return running ?? undefined;
    running = (async () => {
      try {
        await runDueJobs({ deps, registry, onAttemptFailed });
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void pass(), deps.config.schedulerIntervalMs);
  void pass();
  return {
    runNow: pass,
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

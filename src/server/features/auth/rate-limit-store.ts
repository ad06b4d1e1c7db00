import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Deps } from '../../deps.ts';
import { countRateLimitHit, deleteEndedRateLimitWindows } from './auth.repo.ts';

// Ended windows are swept at most this often per process (each key's row is reused for its next window).
const SWEEP_EVERY_MS = 60_000;

type Result = { current: number; ttl: number };

/**
 * The login rate limit's counts in the database, so every app process behind a balancer counts the same
 * attempts (the plugin's default store keeps them in each process's memory: N processes, N × the limit).
 * The plugin constructs its store with `new`, hence the class; the work is in auth.repo.ts.
 */
export function databaseRateLimitStore(deps: Pick<Deps, 'db' | 'clock'>): FastifyRateLimitStoreCtor {
  let sweptAt = 0;
  const sweepEndedWindows = async (now: Date) => {
    if (now.getTime() - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now.getTime();
    await deleteEndedRateLimitWindows(deps.db, now);
  };
  const countHit = async (key: string, windowMs: number): Promise<Result> => {
    const now = deps.clock();
    const [hit] = await Promise.all([countRateLimitHit(deps.db, key, windowMs, now), sweepEndedWindows(now)]);
    return { current: hit.count, ttl: Math.max(0, hit.windowEndsAt.getTime() - now.getTime()) };
  };
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: Result) => void, timeWindow: number) {
      countHit(key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child() {
      return this;
    }
  };
}

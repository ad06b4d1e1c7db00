import type { CompiledCalendar } from '../calendar/index.ts';
import { pauseClock, resumeClock, type SlaMetric, type TargetClock, type TargetState } from '../sla.ts';
import { isReopen } from '../ticket-workflow.ts';
import type { Status } from '../vocabulary.ts';

/**
 * What each event on a request does to its SLA clocks, decided without I/O: the services load the
 * clocks, ask here, and write back what comes out. `at` instants are UTC; business time is measured on
 * each clock's own calendar.
 */

/** One promise's clock as the decisions see it. */
export type ClockSnapshot = {
  metric: SlaMetric;
  state: TargetState;
  clock: TargetClock;
  metAt: Date | null;
  /** Set when the clock stopped without being kept: not needed any more, or the request was cancelled. */
  stoppedAt: Date | null;
  breachedAt: Date | null;
};

/** Statuses in which a request owes nothing: every clock is stopped. */
export const FINISHED_STATUSES = ['resolved', 'confirmed', 'closed', 'cancelled'] as const satisfies readonly Status[];

export function isFinishedStatus(status: Status): boolean {
  return (FINISHED_STATUSES as readonly Status[]).includes(status);
}

/** Still owed: neither kept nor stopped (a breached clock keeps running until it is met or stopped). */
export function isOwed(s: Pick<ClockSnapshot, 'metAt' | 'stoppedAt' | 'state'>): boolean {
  return s.metAt === null && s.stoppedAt === null && (s.state === 'running' || s.state === 'paused' || s.state === 'breached');
}

/** What happened to the request, as far as its clocks are concerned. */
export type ClockEvent =
  | { kind: 'responded'; how: 'reply' | 'phone_call' | 'solution' }
  | { kind: 'arrived' }
  | { kind: 'status_changed'; from: Status; to: Status };

export type ClockAction =
  | { action: 'meet' }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'stop'; reason: 'not_needed' | 'cancelled' }
  /** Reopened: owed again from now, keeping the business time already run and any breach. */
  | { action: 'reopen' };

export type ClockDecision = { metric: SlaMetric } & ClockAction;

const MET_BY_RESPONSE: Record<'reply' | 'phone_call' | 'solution', SlaMetric[]> = {
  phone_call: ['first_response'],
  reply: ['first_response', 'reply'],
  solution: ['first_response', 'reply', 'solution'],
};

/** Resolving keeps these promises (the answer, the fix); anything else still open is no longer needed. */
const MET_BY_RESOLVING: SlaMetric[] = ['first_response', 'reply', 'solution', 'resolution'];

/**
 * The decisions one event makes, at most one per clock. `pausedMetrics` are the policy's clocks that
 * stop while the request waits on the customer.
 */
export function decideClockActions({
  clocks,
  event,
  pausedMetrics,
}: {
  clocks: readonly ClockSnapshot[];
  event: ClockEvent;
  pausedMetrics: readonly SlaMetric[];
}): ClockDecision[] {
  const owed = clocks.filter(isOwed);
  const meet = (metrics: readonly SlaMetric[]) =>
    owed.filter((c) => metrics.includes(c.metric)).map((c): ClockDecision => ({ metric: c.metric, action: 'meet' }));

  switch (event.kind) {
    case 'responded':
      return meet(MET_BY_RESPONSE[event.how]);
    case 'arrived':
      return meet(['on_site']);
    case 'status_changed': {
      const { from, to } = event;
      if (to === 'cancelled') return owed.map((c) => ({ metric: c.metric, action: 'stop', reason: 'cancelled' }));
      if (to === 'resolved') {
        return owed.map((c) =>
          MET_BY_RESOLVING.includes(c.metric)
            ? { metric: c.metric, action: 'meet' }
            : { metric: c.metric, action: 'stop', reason: 'not_needed' },
        );
      }
      if (isFinishedStatus(to)) return owed.map((c) => ({ metric: c.metric, action: 'stop', reason: 'not_needed' }));
      if (isReopen(from, to)) {
        // The fix did not hold: the resolution is owed again. Promises already kept or no longer needed stay so.
        const resolution = clocks.find((c) => c.metric === 'resolution');
        return resolution && !isOwed(resolution) && resolution.state !== 'cancelled' ? [{ metric: 'resolution', action: 'reopen' }] : [];
      }
      const decisions: ClockDecision[] = [];
      if (from === 'waiting_on_customer' && to !== 'waiting_on_customer') {
        for (const c of owed) if (c.clock.runningSince === null) decisions.push({ metric: c.metric, action: 'resume' });
      }
      if (to === 'waiting_on_customer' && from !== 'waiting_on_customer') {
        for (const c of owed)
          if (c.clock.runningSince !== null && pausedMetrics.includes(c.metric)) decisions.push({ metric: c.metric, action: 'pause' });
      }
      return decisions;
    }
  }
}

/** The clock after one decision at `now` (on its own calendar). */
export function applyClockAction(snapshot: ClockSnapshot, action: ClockAction, calendar: CompiledCalendar, now: Date): ClockSnapshot {
  const wasBreached = snapshot.state === 'breached' || snapshot.breachedAt !== null;
  switch (action.action) {
    case 'meet':
      return {
        ...snapshot,
        clock: pauseClock(snapshot.clock, calendar, now),
        metAt: now,
        state: wasBreached ? 'breached' : 'met',
      };
    case 'stop':
      return {
        ...snapshot,
        clock: pauseClock(snapshot.clock, calendar, now),
        stoppedAt: now,
        state: wasBreached ? 'breached' : action.reason,
      };
    case 'pause':
      return {
        ...snapshot,
        clock: pauseClock(snapshot.clock, calendar, now),
        state: snapshot.state === 'breached' ? 'breached' : 'paused',
      };
    case 'resume':
      return { ...snapshot, clock: resumeClock(snapshot.clock, now), state: snapshot.state === 'paused' ? 'running' : snapshot.state };
    case 'reopen':
      return {
        ...snapshot,
        clock: resumeClock({ ...snapshot.clock, runningSince: null }, now),
        metAt: null,
        stoppedAt: null,
        state: snapshot.breachedAt ? 'breached' : 'running',
      };
  }
}

/** Whether a new on-site clock starts when the request goes to the field team: only while it is still open. */
export function shouldStartOnSiteClock({ status, hasOnSiteClock }: { status: Status; hasOnSiteClock: boolean }): boolean {
  return !hasOnSiteClock && !isFinishedStatus(status);
}

// ——— the scheduler's timers ———

export type TimerSnapshot = { state: TargetState; warnAt: Date | null; warnedAt: Date | null; dueAt: Date | null };

/**
 * What a running clock's timers owe at `now`: its breach (at its due instant), else its early warning (at
 * its warning instant). A warning whose breach is also past is never sent: the breach says it all.
 */
export type TimerDecision = { fire: 'breach'; at: Date } | { fire: 'warning'; at: Date } | null;

export function decideTimer(t: TimerSnapshot, now: Date): TimerDecision {
  if (t.state !== 'running') return null;
  if (t.dueAt && t.dueAt <= now) return { fire: 'breach', at: t.dueAt };
  if (t.warnedAt === null && t.warnAt && t.warnAt <= now) return { fire: 'warning', at: t.warnAt };
  return null;
}

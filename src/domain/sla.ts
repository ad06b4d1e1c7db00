// Not the calendar barrel: it would bring the Zod schema (and the built-in calendars) into the browser's first screen.
import { addBusinessMillis, businessMillisBetween } from './calendar/business-time.ts';
import type { CompiledCalendar } from './calendar/compiled-calendar.ts';
import type { Severity } from './vocabulary.ts';

/** The promises a request's tracking card carries (DOMAIN.md §3). */
export const SLA_METRICS = ['first_response', 'reply', 'solution', 'resolution', 'on_site'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/**
 * A target's state. `not_needed`: the request finished (resolved, confirmed, closed) before this promise was
 * kept and it is owed no more (an on-site arrival after a remote fix); `cancelled`: the request was withdrawn.
 * A breach that already happened stays `breached` when its clock stops (`stopped_at` says it is owed no more).
 */
export const TARGET_STATES = ['running', 'paused', 'met', 'breached', 'cancelled', 'not_needed'] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export const DISTANCE_CLASSES = ['same_city', 'same_province', 'elsewhere'] as const;
export type DistanceClass = (typeof DISTANCE_CLASSES)[number];

export const ESCALATION_LEVELS = ['engineer', 'senior_engineer', 'product_manager', 'rnd'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** One target of a policy: how many business minutes, on which calendar. */
export type TargetRule = { minutes: number; calendarId: string };

/** On-site arrival depends on where the customer is relative to the service base (000). */
export type OnSiteRule = { calendarId: string; minutes: Record<DistanceClass, number> };

export type SeverityTargets = {
  first_response: TargetRule;
  reply: TargetRule;
  solution: TargetRule;
  resolution: TargetRule;
  on_site: OnSiteRule;
};

export type PolicyTargets = Record<Severity, SeverityTargets>;

/** Minutes a target runs for, given the customer's distance class for on-site arrival. */
export function targetRule(targets: PolicyTargets, severity: Severity, metric: SlaMetric, distance: DistanceClass): TargetRule {
  const rules = targets[severity];
  if (metric === 'on_site') return { minutes: rules.on_site.minutes[distance], calendarId: rules.on_site.calendarId };
  return rules[metric];
}

/**
 * A target's clock. Business time already run is `elapsedMs`; while running, more accrues from
 * `runningSince`. Pausing folds the running segment into `elapsedMs`; changing the target keeps it.
 */
export type TargetClock = { targetMs: number; elapsedMs: number; runningSince: Date | null };

export function elapsedAt(clock: TargetClock, cal: CompiledCalendar, now: Date): number {
  if (!clock.runningSince) return clock.elapsedMs;
  return clock.elapsedMs + businessMillisBetween(cal, clock.runningSince, now);
}

/** Business time left (negative once overdue: by how much business time it is late). */
export function remainingAt(clock: TargetClock, cal: CompiledCalendar, now: Date): number {
  return clock.targetMs - elapsedAt(clock, cal, now);
}

/** The earliest instant at which the running clock has run the full target; null while paused. */
export function dueAt(clock: TargetClock, cal: CompiledCalendar): Date | null {
  if (!clock.runningSince) return null;
  return addBusinessMillis(cal, clock.runningSince, Math.max(0, clock.targetMs - clock.elapsedMs));
}

/** The instant the clock reaches `ratio` of its target (the early warning); null while paused or if already past. */
export function warnAt(clock: TargetClock, cal: CompiledCalendar, ratio: number): Date | null {
  if (!clock.runningSince) return null;
  const warnMs = Math.floor(clock.targetMs * ratio);
  if (clock.elapsedMs >= warnMs) return clock.runningSince;
  return addBusinessMillis(cal, clock.runningSince, warnMs - clock.elapsedMs);
}

export function pauseClock(clock: TargetClock, cal: CompiledCalendar, now: Date): TargetClock {
  if (!clock.runningSince) return clock;
  return { ...clock, elapsedMs: elapsedAt(clock, cal, now), runningSince: null };
}

export function resumeClock(clock: TargetClock, now: Date): TargetClock {
  if (clock.runningSince) return clock;
  return { ...clock, runningSince: now };
}

/** A new target length (severity or policy changed) keeps the business time already run. */
export function retargetClock(clock: TargetClock, cal: CompiledCalendar, now: Date, targetMs: number): TargetClock {
  return { targetMs, elapsedMs: elapsedAt(clock, cal, now), runningSince: clock.runningSince ? now : null };
}

export { DEFAULT_ESCALATION_LADDER, type EscalationLadder } from './sla/ladder.ts';

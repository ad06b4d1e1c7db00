import { addBusinessMillis } from '../calendar/business-time.ts';
import type { CompiledCalendar } from '../calendar/compiled-calendar.ts';

/**
 * The escalation ladder as a schedule (DOMAIN.md §4: engineer → senior engineer → product technical
 * manager → R&D). Each rung names the business hours after the previous step at which it is owed while
 * the request stays unresolved: the senior engineer `senior_engineer` hours after the first breach, the
 * product technical manager `product_manager` hours after that, R&D `rnd` hours after that. Hours run on
 * the request's resolution calendar, so a working-hours request does not climb over a weekend.
 */
export type EscalationLadder = { senior_engineer: number; product_manager: number; rnd: number };

/** Defaults: senior engineer at the first breach, product technical manager 4 business hours later, R&D 8 after that. */
export const DEFAULT_ESCALATION_LADDER: EscalationLadder = { senior_engineer: 0, product_manager: 4, rnd: 8 };

/** The rungs above the engineer, in order: level 1, 2, 3. */
export const LADDER_RUNGS = ['senior_engineer', 'product_manager', 'rnd'] as const satisfies readonly (keyof EscalationLadder)[];
/** The top of the ladder (R&D). */
export const TOP_LEVEL = LADDER_RUNGS.length;

const HOUR_MS = 3_600_000;

/** Business time from the previous step to `level` (1 = senior engineer … 3 = R&D). */
export function rungDelayMs(ladder: EscalationLadder, level: number): number {
  const rung = LADDER_RUNGS[level - 1];
  if (!rung) throw new RangeError(`no rung ${level}`);
  return Math.round(ladder[rung] * HOUR_MS);
}

/**
 * When the next rung above `level` is owed, counted from `from` (the first breach, or the last climb);
 * null at the top. When catching up after downtime the real schedule may lie in the past: it is then
 * counted from `now`, so each rung still gets its full business hours and one tick never climbs two.
 */
export function nextRungDueAt({
  ladder,
  level,
  from,
  now,
  calendar,
}: {
  ladder: EscalationLadder;
  level: number;
  from: Date;
  now: Date;
  calendar: CompiledCalendar;
}): Date | null {
  if (level >= TOP_LEVEL) return null;
  const delay = rungDelayMs(ladder, level + 1);
  const due = addBusinessMillis(calendar, from, delay);
  // The first rung may be owed at the breach itself (delay 0): that one fires in the same tick.
  if (due > now || delay === 0) return due;
  return addBusinessMillis(calendar, now, delay);
}

export type LadderDecision = { climbTo: number; dueAt: Date; nextDueAt: Date | null } | null;

/**
 * What the ladder does at `now`: nothing, or climb exactly one rung (never more in one tick) and say
 * when the next one is owed. `dueAt` is the instant the climb was owed (null: no rung scheduled).
 */
export function decideLadder({
  ladder,
  level,
  dueAt,
  now,
  calendar,
}: {
  ladder: EscalationLadder;
  level: number;
  dueAt: Date | null;
  now: Date;
  calendar: CompiledCalendar;
}): LadderDecision {
  if (dueAt === null || dueAt > now || level >= TOP_LEVEL) return null;
  const climbTo = level + 1;
  // The next rung counts from when this one was owed, unless that is already past (catch-up): see nextRungDueAt.
  const nextFrom = climbTo >= TOP_LEVEL ? null : nextRungFrom({ ladder, climbTo, dueAt, now, calendar });
  return { climbTo, dueAt, nextDueAt: nextFrom };
}

function nextRungFrom({
  ladder,
  climbTo,
  dueAt,
  now,
  calendar,
}: {
  ladder: EscalationLadder;
  climbTo: number;
  dueAt: Date;
  now: Date;
  calendar: CompiledCalendar;
}): Date | null {
  const delay = rungDelayMs(ladder, climbTo + 1);
  const due = addBusinessMillis(calendar, dueAt, delay);
  // Strictly after now: the next rung is for a later tick, whatever the delay.
  if (due > now) return due;
  return addBusinessMillis(calendar, now, Math.max(delay, 1));
}

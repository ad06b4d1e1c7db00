// Reading a request's SLA clocks (the server's SlaTargetView): which one matters most, how it looks, how long is left.
import type { TFunction } from 'i18next';
import { businessMillisBetween } from '../../domain/calendar/business-time.ts';
import type { CompiledCalendar } from '../../domain/calendar/compiled-calendar.ts';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../domain/sla.ts';
import type { SlaTarget } from '../api/types.ts';

/** Still owed: neither met nor stopped (a breached target keeps running until it is met, or its request finishes). */
export function isOpenTarget(target: SlaTarget): boolean {
  return (
    target.metAt === null &&
    target.stoppedAt === null &&
    (target.state === 'running' || target.state === 'breached' || target.state === 'paused')
  );
}

/** Business time left under which a running clock turns orange: what is left once the policy's warning share has run. */
export function warnThresholdMs(target: SlaTarget): number {
  return (target.targetMinutes * 60_000 * (100 - target.warnPercent)) / 100;
}

/** Accruing business time right now: open, not paused (a paused clock has no due time). */
export function isTicking(target: SlaTarget): boolean {
  return isOpenTarget(target) && target.state !== 'paused' && target.dueAt !== null;
}

/** The target to show for a request: the open one with the least time left; a paused one only if nothing ticks. */
export function mostUrgentTarget(targets: readonly SlaTarget[]): SlaTarget | undefined {
  const byLeft = (a: SlaTarget, b: SlaTarget) => a.businessMsLeft - b.businessMsLeft;
  const ticking = targets.filter(isTicking).sort(byLeft);
  if (ticking.length > 0) return ticking[0];
  return targets.filter(isOpenTarget).sort(byLeft)[0];
}

/**
 * Business time left now, from the server's value at `asOf` (ms): while the clock ticks, less the business time
 * that has passed since on the target's calendar. Without the calendar, the server's value stands (refetches renew it).
 */
export function businessLeftNow(target: SlaTarget, asOf: number, now: number, calendar: CompiledCalendar | undefined): number {
  if (!isTicking(target) || !calendar || now <= asOf) return target.businessMsLeft;
  try {
    return target.businessMsLeft - businessMillisBetween(calendar, new Date(asOf), new Date(now));
  } catch {
    return target.businessMsLeft;
  }
}

export type SlaTone = 'ok' | 'warn' | 'breached' | 'paused' | 'met' | 'metLate' | 'cancelled' | 'notNeeded';

export function slaTone(target: SlaTarget, leftMs: number): SlaTone {
  if (target.state === 'cancelled') return 'cancelled';
  if (target.state === 'not_needed') return 'notNeeded';
  if (target.metAt) return target.state === 'breached' || target.breachedAt ? 'metLate' : 'met';
  // Breached and stopped (the request finished): it stays breached, frozen at the time it stopped.
  if (target.state === 'breached' || leftMs < 0) return 'breached';
  if (target.state === 'paused') return 'paused';
  if (leftMs <= warnThresholdMs(target)) return 'warn';
  return 'ok';
}

const wholeNumber = new Intl.NumberFormat('en-US');

/** Compact business duration: "7分" / "2小时15分" / "36小时" (en "7m" / "2h 15m" / "36h"). */
export function formatBusinessDuration(ms: number, t: TFunction): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  if (totalMinutes < 1) return t('sla.duration.lessThanMinute');
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return t('sla.duration.m', { m });
  if (h >= 10 || m === 0) return t('sla.duration.h', { h: wholeNumber.format(h) });
  return t('sla.duration.hm', { h, m });
}

export function escalationLevelName(level: number): EscalationLevel {
  return ESCALATION_LEVELS[Math.max(0, Math.min(level, ESCALATION_LEVELS.length - 1))];
}

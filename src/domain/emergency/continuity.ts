/**
 * Business-continuity clocks of 001 2.7 (2): from the instant the system failed, on a 7×24 clock, the
 * departments of the 15-minute stage go manual when the system is not back 15 minutes later, those of the
 * 3-hour stage 3 hours later. Pure functions; the caller passes `now`.
 */
import type { ContinuityStage } from './template.ts';

export const STAGE_OFFSET_MS: Record<ContinuityStage, number> = { '15m': 15 * 60_000, '3h': 3 * 60 * 60_000 };

/** When a stage falls due: failedAt + 15 min / + 3 h (7×24, no business calendar). */
export function stageDueAt(failedAt: Date, stage: ContinuityStage): Date {
  return new Date(failedAt.getTime() + STAGE_OFFSET_MS[stage]);
}

export type StageState = { stage: ContinuityStage; dueAt: Date; firedAt: Date | null };

/**
 * The stages that must fire now: due at or before `now`, not fired yet, and due before the recovery
 * (a system back at 14 minutes never sends anyone to paper). Fired in stage order; each with its real due time.
 */
export function stagesToFire(stages: readonly StageState[], { now, recoveredAt }: { now: Date; recoveredAt: Date | null }): StageState[] {
  return stages
    .filter(
      (s) =>
        s.firedAt === null && s.dueAt.getTime() <= now.getTime() && (recoveredAt === null || s.dueAt.getTime() < recoveredAt.getTime()),
    )
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The next stage still to come (for the war room's countdown), or null when none remains or the system is back. */
export function nextStage(stages: readonly StageState[], { now, recoveredAt }: { now: Date; recoveredAt: Date | null }) {
  if (recoveredAt) return null;
  const next = stages.filter((s) => s.firedAt === null).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (!next) return null;
  return { stage: next.stage, dueAt: next.dueAt, remainingMs: Math.max(0, next.dueAt.getTime() - now.getTime()) };
}

/** The measures of 1.4: 1.4.1 for a critical request, 1.4.2 otherwise. */
export function measureLevelOf(severity: string): 'critical' | 'urgent' {
  return severity === 'critical' ? 'critical' : 'urgent';
}

/** Minutes a department worked on paper (manual-from → back-at, or until `now` while still on paper). */
export function minutesOnPaper(manualFrom: Date | null, backAt: Date | null, now: Date): number {
  if (!manualFrom) return 0;
  return Math.max(0, Math.round(((backAt ?? now).getTime() - manualFrom.getTime()) / 60_000));
}

/** 补录 states: a department that went manual is pending until done or waived (with a reason). */
export const REENTRY_STATES = ['pending', 'started', 'done', 'waived'] as const;
export type ReentryState = (typeof REENTRY_STATES)[number];

export function reentryOutstanding(departments: readonly { manualFrom: Date | null; reentryState: ReentryState }[]): number {
  return departments.filter((d) => d.manualFrom !== null && d.reentryState !== 'done' && d.reentryState !== 'waived').length;
}

/** 2.8 (2): a drill at least every six months. */
/**
 * The emergency team trains every quarter (001 2.8 (1)): training is due when no emergency training
 * falls in the calendar quarter of `today` (both local dates, YYYY-MM-DD).
 */
export function isQuarterlyTrainingDue(lastTrainingOn: string | null, today: string): boolean {
  if (!lastTrainingOn) return true;
  const quarter = (date: string) => Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return quarter(lastTrainingOn) < quarter(today);
}

/** The calendar quarter of a local date (YYYY-MM-DD) as `YYYY-Qn`. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * The quarterly training reminder (001 2.8 (1)): the quarter to remind for when no emergency training falls in
 * today's quarter and no reminder was recorded for it yet (once per quarter, however often the job runs); else null.
 */
export function trainingReminderQuarter({
  lastTrainingOn,
  today,
  remindedQuarter,
}: {
  lastTrainingOn: string | null;
  today: string;
  remindedQuarter: string | null;
}): string | null {
  if (!isQuarterlyTrainingDue(lastTrainingOn, today)) return null;
  const quarter = quarterOf(today);
  return remindedQuarter === quarter ? null : quarter;
}

export function isDrillOverdue(lastDrillAt: Date | null, createdAt: Date, now: Date): boolean {
  const from = lastDrillAt ?? createdAt;
  const due = new Date(from);
  due.setUTCMonth(due.getUTCMonth() + 6);
  return due.getTime() <= now.getTime();
}

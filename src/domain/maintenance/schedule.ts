// Routine maintenance rounds (issue 13; DOMAIN.md §5–§6; 002's tier table; 003 6.2). Pure rules: which
// rounds a contract year owes, their windows, and the planned working day in each. No I/O; the caller
// passes the customer's compiled service calendar and "today".
import { parseDay } from '../calendar/civil.ts';
import type { CompiledCalendar } from '../calendar/compile.ts';
import { statutoryCN } from '../calendar/statutory-cn.ts';
import { zoneFor } from '../calendar/zone.ts';
import { addDays, addMonths, addYears, daysBetween, minDate } from '../contracts/local-date.ts';
import type { RoutineFrequency } from '../contracts/vocabulary.ts';

/** Stored statuses; `overdue` is derived on read (window ended, not done or skipped). */
export const ROUND_STATUSES = ['planned', 'in_progress', 'done', 'skipped'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_VIEW_STATUSES = [...ROUND_STATUSES, 'overdue'] as const;
export type RoundViewStatus = (typeof ROUND_VIEW_STATUSES)[number];

/**
 * Why a round was skipped: the customer declined it, the hospital was closed, or it was merged with another
 * visit (the note says which). `other` needs a note too. A skipped round is never overdue.
 */
export const SKIP_REASONS = ['customer_declined', 'hospital_closed', 'merged_with_visit', 'other'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Whether a skip reason needs a note (which visit it was merged with; what else happened). */
export function skipNeedsNote(reason: SkipReason): boolean {
  return reason === 'merged_with_visit' || reason === 'other';
}

/**
 * Months per round for a tier's routine frequency (002): Diamond's resident engineer does monthly rounds,
 * Gold quarterly, Silver half-yearly, Bronze yearly; `none` owes nothing. The free year (003 6.2: 每月提供至少
 * 一次定期现场服务) is monthly too.
 */
export function monthsPerRound(frequency: RoutineFrequency | 'free_year'): number | null {
  switch (frequency) {
    case 'resident':
    case 'monthly':
    case 'free_year':
      return 1;
    case 'quarterly':
      return 3;
    case 'half_yearly':
      return 6;
    case 'yearly':
      return 12;
    case 'none':
      return null;
  }
}

/**
 * A day a maintenance visit may be planned on: the calendar has working hours that day (a 调休 make-up
 * Saturday counts), and it is never a statutory holiday, even on a calendar that runs every day (7×24).
 */
export function isMaintenanceDay(calendar: CompiledCalendar, date: string): boolean {
  const day = parseDay(date);
  if (day === undefined) throw new RangeError(`not a calendar date: ${date}`);
  if (statutoryCN().holidayDays.has(day) && !calendar.workdayDays.has(day)) return false;
  return calendar.dayPattern(day).length > 0;
}

/** Whether a date is a statutory holiday (CN) or a day off of the customer's calendar. */
export function isHolidayFor(calendar: CompiledCalendar, date: string): boolean {
  return !isMaintenanceDay(calendar, date);
}

export interface RoundWindow {
  /** 1-based contract year (the free year is year 1). */
  contractYear: number;
  windowStart: string;
  windowEnd: string;
}

export interface PlannedRound extends RoundWindow {
  /** null when the window has no working day at all (then the round is planned by hand). */
  plannedDate: string | null;
}

/**
 * The windows of a period: each contract year [start + k years, start + (k+1) years − 1 day] is cut into
 * slices of `months` months from its own start (a contract starting 1 January has calendar quarters), the
 * last slice cut at the end date.
 */
export function roundWindows(period: { startDate: string; endDate: string }, months: number): RoundWindow[] {
  const windows: RoundWindow[] = [];
  for (let k = 0; addYears(period.startDate, k) <= period.endDate; k++) {
    const yearStart = addYears(period.startDate, k);
    const yearEnd = minDate([addDays(addYears(period.startDate, k + 1), -1), period.endDate]) ?? period.endDate;
    for (let i = 0; ; i++) {
      const windowStart = addMonths(yearStart, i * months);
      if (windowStart > yearEnd) break;
      const windowEnd = minDate([addDays(addMonths(yearStart, (i + 1) * months), -1), yearEnd]) ?? yearEnd;
      windows.push({ contractYear: k + 1, windowStart, windowEnd });
    }
  }
  return windows;
}

/**
 * The planned day in a window: the first maintenance day on or after the window's middle day (room to
 * re-plan either way before the window ends), else the last one before it; null if the window has none.
 */
export function plannedDateIn(calendar: CompiledCalendar, window: { windowStart: string; windowEnd: string }): string | null {
  const middle = addDays(window.windowStart, Math.floor(daysBetween(window.windowStart, window.windowEnd) / 2));
  for (let d = middle; d <= window.windowEnd; d = addDays(d, 1)) if (isMaintenanceDay(calendar, d)) return d;
  for (let d = addDays(middle, -1); d >= window.windowStart; d = addDays(d, -1)) if (isMaintenanceDay(calendar, d)) return d;
  return null;
}

/** Every round a period owes at its frequency, each with its planned working day. */
export function generateRounds({
  period,
  frequency,
  calendar,
}: {
  period: { startDate: string; endDate: string };
  frequency: RoutineFrequency | 'free_year';
  calendar: CompiledCalendar;
}): PlannedRound[] {
  const months = monthsPerRound(frequency);
  if (months === null || period.endDate < period.startDate) return [];
  return roundWindows(period, months).map((w) => ({ ...w, plannedDate: plannedDateIn(calendar, w) }));
}

/** What a round shows: `overdue` once its window has ended without being done or skipped. */
export function viewStatus(round: { status: RoundStatus; windowEnd: string }, today: string): RoundViewStatus {
  if ((round.status === 'planned' || round.status === 'in_progress') && round.windowEnd < today) return 'overdue';
  return round.status;
}

/** The free year (003 6.2): one year from the latest final acceptance (终验). */
export function freeYearOf(finalAcceptanceDates: (string | null)[]): { startDate: string; endDate: string } | null {
  const latest = finalAcceptanceDates
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  if (!latest) return null;
  return { startDate: latest, endDate: addDays(addYears(latest, 1), -1) };
}

export interface ExistingRound {
  id: string;
  sourceId: string;
  windowStart: string;
  windowEnd: string;
  status: RoundStatus;
  isPlannedByHand: boolean;
  plannedDate: string | null;
}

export interface ExpectedRound extends PlannedRound {
  sourceId: string;
}

/**
 * Regeneration after a contract is created, renewed, edited or changes tier: only rounds not started whose
 * window has not ended are replaced; past and started rounds stay as they are. A kept round keeps a date
 * planned by hand. A period that never had rounds gets all of them (a contract entered late shows its
 * missed rounds as overdue); otherwise only windows not yet ended and not overlapping a kept round are added.
 */
export function reconcileRounds({ existing, expected, today }: { existing: ExistingRound[]; expected: ExpectedRound[]; today: string }): {
  remove: string[];
  replan: { id: string; plannedDate: string | null }[];
  add: ExpectedRound[];
} {
  const key = (r: { sourceId: string; windowStart: string; windowEnd: string }) => `${r.sourceId}|${r.windowStart}|${r.windowEnd}`;
  const isFree = (r: ExistingRound) => r.status === 'planned' && r.windowEnd >= today;
  const expectedByKey = new Map(expected.map((r) => [key(r), r]));
  const existingKeys = new Set(existing.map(key));
  const sourcesWithRounds = new Set(existing.map((r) => r.sourceId));
  const remove: string[] = [];
  const replan: { id: string; plannedDate: string | null }[] = [];
  for (const r of existing) {
    if (!isFree(r)) continue;
    const want = expectedByKey.get(key(r));
    if (!want) remove.push(r.id);
    else if (!r.isPlannedByHand && want.plannedDate !== r.plannedDate) replan.push({ id: r.id, plannedDate: want.plannedDate });
  }
  // A kept round (past, started or still wanted) already covers its window: no second round overlapping it.
  const kept = existing.filter((r) => !remove.includes(r.id));
  const overlapsKept = (r: ExpectedRound) =>
    kept.some((k) => k.sourceId === r.sourceId && k.windowStart <= r.windowEnd && r.windowStart <= k.windowEnd);
  const add = expected.filter(
    (r) => !existingKeys.has(key(r)) && !overlapsKept(r) && (r.windowEnd >= today || !sourcesWithRounds.has(r.sourceId)),
  );
  return { remove, replan, add };
}

/** The one-off job a contract change enqueues (in its own transaction) to regenerate the customer's rounds. */
export const REGENERATE_ROUNDS_JOB = 'maintenance.regenerate';
/** The daily job: regenerate every planned customer's rounds, then warn account owners of overdue ones (once per round). */
export const MAINTENANCE_DAILY_JOB = 'maintenance.daily';

/** 09:00 on a planned date in a zone, as an ISO instant: when a started round's engineers are expected. */
export function morningOf(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(zoneFor(timeZone).wallToInstant(Date.UTC(y, m - 1, d, 9))).toISOString();
}

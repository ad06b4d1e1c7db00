/**
 * When recurring jobs run, and how long a failed job waits before its next attempt. Pure: the caller
 * passes the instant to start from and, for work that follows a service calendar, the compiled calendar.
 *
 * Rules (stored as JSON in `jobs.schedule`):
 * - `{kind: "interval", everyMs}`: every N ms (minutes, hours…), keeping the cadence of the first run; runs missed
 *   while no server was up are not repeated — the next one is the first beat after "now".
 * - `{kind: "daily", at: "HH:MM"}`: every day at a local wall-clock time.
 * - `{kind: "monthly", day: 1–31, at: "HH:MM"}`: once a month (day past the month's end → its last day).
 * Daily and monthly rules take the local time in `timeZone` (default: the service centre's). With a
 * `calendarId` they follow that service calendar instead, in its zone: a daily rule runs on its working days
 * only (holidays skipped, 调休 make-up working days included); a monthly rule moves to the first working day on
 * or after the chosen day.
 */
import { z } from 'zod';
import { DAY_MS, MINUTE_MS, parseTime } from '../calendar/civil.ts';
import { businessMillisBetween, type CompiledCalendar } from '../calendar/index.ts';
import { zoneFor } from '../calendar/zone.ts';
import { isValidTimeZone } from '../time-zone.ts';

const TimeOfDay = z.string().refine((s) => parseTime(s) !== undefined && s !== '24:00', 'time must be HH:MM (00:00–23:59)');
const CalendarRule = {
  at: TimeOfDay,
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').optional(),
  calendarId: z.uuid().optional(),
};

export const JobScheduleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('interval'),
      everyMs: z
        .number()
        .int()
        .min(1000)
        .max(366 * DAY_MS),
    })
    .strict(),
  z.object({ kind: z.literal('daily'), ...CalendarRule }).strict(),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31), ...CalendarRule }).strict(),
]);
export type JobSchedule = z.infer<typeof JobScheduleSchema>;

export const everyMinutes = (n: number): JobSchedule => ({ kind: 'interval', everyMs: n * MINUTE_MS });
export const everyHours = (n: number): JobSchedule => ({ kind: 'interval', everyMs: n * 60 * MINUTE_MS });

/** How far ahead a calendar rule looks for a working day before giving up (a calendar with no working day). */
const SEARCH_DAYS = 5 * 366;

export class ScheduleError extends Error {}

/**
 * The first run strictly after `after`. `previous` is the run that was due (interval rules keep its cadence).
 * `timeZone` is the service centre's zone, used when the rule names none and no calendar.
 */
export function nextRunAfter(
  schedule: JobSchedule,
  options: { after: Date; previous?: Date; timeZone: string; calendar?: CompiledCalendar },
): Date {
  const after = options.after.getTime();
  if (schedule.kind === 'interval') {
    const base = options.previous?.getTime() ?? after;
    if (base > after) return new Date(base);
    const beats = Math.floor((after - base) / schedule.everyMs) + 1;
    return new Date(base + beats * schedule.everyMs);
  }
  const zone = zoneFor(options.calendar?.timeZone ?? schedule.timeZone ?? options.timeZone);
  const minute = parseTime(schedule.at) ?? 0;
  const instantOf = (day: number) => zone.wallToInstant(day * DAY_MS + minute * MINUTE_MS);
  const isWorkingDay = (day: number) => {
    const cal = options.calendar;
    if (!cal) return true;
    const start = new Date(zone.wallToInstant(day * DAY_MS));
    const end = new Date(zone.wallToInstant((day + 1) * DAY_MS));
    return businessMillisBetween(cal, start, end) > 0;
  };
  const firstDay = Math.floor(zone.toWall(after) / DAY_MS);
  if (schedule.kind === 'daily') {
    for (let day = firstDay; day <= firstDay + SEARCH_DAYS; day++) {
      if (isWorkingDay(day) && instantOf(day) > after) return new Date(instantOf(day));
    }
    throw new ScheduleError(`no working day within ${SEARCH_DAYS} days`);
  }
  const first = new Date(firstDay * DAY_MS);
  // Start a month early: a day moved past its month's end by the calendar may still lie ahead.
  for (let m = -1; m <= 12 * 5; m++) {
    const year = first.getUTCFullYear();
    const month = first.getUTCMonth() + m;
    const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    let day = Date.UTC(year, month, Math.min(schedule.day, lastOfMonth)) / DAY_MS;
    for (let shift = 0; !isWorkingDay(day); shift++) {
      if (shift > SEARCH_DAYS) throw new ScheduleError(`no working day within ${SEARCH_DAYS} days`);
      day++;
    }
    if (instantOf(day) > after) return new Date(instantOf(day));
  }
  throw new ScheduleError('no monthly run within five years');
}

/** Exponential backoff: `baseMs` after the first failure, doubling each time, never more than `maxMs`. */
export function retryDelayMs(attempt: number, options: { baseMs?: number; maxMs?: number } = {}): number {
  const base = options.baseMs ?? 30_000;
  const max = options.maxMs ?? 3_600_000;
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

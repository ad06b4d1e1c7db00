/**
 * The business calendar as stored and exchanged (JSON), with its Zod 4 schema.
 *
 * ```json
 * {"timeZone":"Asia/Shanghai",
 *  "weekly":{"mon":[["08:30","12:00"],["13:30","17:30"]],"tue":[…],"wed":[…],"thu":[…],"fri":[…],"sat":[],"sun":[]},
 *  "holidays":["2026-10-01"],"workdays":["2026-10-10"],"statutory":"CN"}
 * ```
 * - Times are local wall-clock `HH:MM` in `timeZone`; `24:00` may end an interval. Intervals are half-open
 *   `[start, end)`, may be listed in any order, may touch but not overlap.
 * - A date in `holidays` has no working time; a date in `workdays` is a working day with **Monday's hours**
 *   (whatever weekday it falls on).
 * - `statutory: "CN"` adds China's published holidays and make-up days (see `statutory-cn.ts`); explicit
 *   `holidays`/`workdays` win over it.
 * - Omitted weekdays, `holidays` and `workdays` default to `[]`; unknown keys are rejected.
 */
import { z } from 'zod';
import { parseDay, parseTime } from './civil.ts';
import { WEEKDAYS } from './weekdays.ts';
import { isKnownTimeZone } from './zone.ts';

export { WEEKDAYS, type Weekday } from './weekdays.ts';

/** Supported calendar dates (holidays, workdays): years 1900–2199. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
const MAX_INTERVALS_PER_DAY = 48;
const MAX_DATES = 20_000;

const TimeSchema = z.string().refine((s) => parseTime(s) !== undefined, {
  message: 'time must be HH:MM between 00:00 and 23:59 (24:00 may end an interval)',
});

const IntervalSchema = z.tuple([TimeSchema, TimeSchema]).superRefine(([from, to], ctx) => {
  if (from === '24:00') {
    ctx.addIssue({ code: 'custom', path: [0], message: '24:00 may only end an interval' });
    return;
  }
  const start = parseTime(from);
  const end = parseTime(to);
  // Malformed times are reported by TimeSchema; Zod still runs this refinement, so stay quiet about them.
  if (start !== undefined && end !== undefined && end <= start) {
    ctx.addIssue({ code: 'custom', message: `interval must end after it starts (${from}–${to})` });
  }
});

const DaySchema = z
  .array(IntervalSchema)
  .max(MAX_INTERVALS_PER_DAY)
  .superRefine((intervals, ctx) => {
    const order = intervals
      .map((iv, index) => ({ index, from: parseTime(iv[0]) ?? Number.NaN, to: parseTime(iv[1]) ?? Number.NaN }))
      .filter((iv) => iv.from < iv.to);
    if (order.length === 0) return;
    order.sort((a, b) => a.from - b.from || a.index - b.index);
    // `prev` is the interval reaching furthest so far: a later start before its end is an overlap.
    for (let i = 1, prev = order[0]; i < order.length; i++) {
      const cur = order[i];
      if (cur.from < prev.to) {
        const [later, earlier] = cur.index > prev.index ? [cur, prev] : [prev, cur];
        const shown = intervals[earlier.index];
        ctx.addIssue({
          code: 'custom',
          path: [later.index],
          message: `interval overlaps interval ${earlier.index} (${shown[0]}–${shown[1]})`,
        });
      }
      if (cur.to > prev.to) prev = cur;
    }
  })
  .default([]);

const DateSchema = z.string().refine(
  (s) => {
    const day = parseDay(s);
    if (day === undefined) return false;
    const year = Number(s.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  },
  { message: `date must be a real calendar date YYYY-MM-DD in ${MIN_YEAR}–${MAX_YEAR}` },
);

const WeeklySchema = z.strictObject({
  mon: DaySchema,
  tue: DaySchema,
  wed: DaySchema,
  thu: DaySchema,
  fri: DaySchema,
  sat: DaySchema,
  sun: DaySchema,
});

export const CalendarSchema = z
  .strictObject({
    timeZone: z.string().refine(isKnownTimeZone, { message: 'unknown time zone (expected an IANA name such as Asia/Shanghai)' }),
    weekly: WeeklySchema,
    holidays: z.array(DateSchema).max(MAX_DATES).default([]),
    workdays: z.array(DateSchema).max(MAX_DATES).default([]),
    statutory: z.literal('CN').optional(),
  })
  .superRefine((cal, ctx) => {
    const holidays = new Map<string, number>();
    cal.holidays.forEach((d, i) => {
      if (!holidays.has(d)) holidays.set(d, i);
    });
    cal.workdays.forEach((d, i) => {
      const h = holidays.get(d);
      if (h !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is also listed in holidays (holidays.${h})` });
      }
    });
    const hasWeeklyTime = WEEKDAYS.some((w) => cal.weekly[w].length > 0);
    if (!hasWeeklyTime) {
      ctx.addIssue({
        code: 'custom',
        path: ['weekly'],
        message: 'calendar has no working time: every weekday is empty (workdays take Monday’s hours, so they add none)',
        params: { code: 'no_working_time' },
      });
    } else if (cal.weekly.mon.length === 0 && cal.workdays.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['workdays'],
        message: 'workdays take Monday’s hours, but weekly.mon is empty',
      });
    }
  });

/** A calendar as accepted (omitted lists may be missing). */
export type CalendarInput = z.input<typeof CalendarSchema>;
/** A validated calendar: every weekday and both lists present. */
export type CalendarDefinition = z.output<typeof CalendarSchema>;

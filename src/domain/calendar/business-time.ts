/**
 * Business-time arithmetic on a compiled calendar. Pure and deterministic: every answer depends only on the calendar
 * and the arguments (the caller passes "now"); exact to the millisecond.
 *
 * Working intervals are half-open `[open, close)`: a calendar is open at its opening instant and closed at its
 * closing instant. The walk goes interval by interval, a day at a time, and skips whole Monday–Sunday weeks
 * arithmetically when a week has no holiday/workday and no UTC-offset change (it then holds exactly the weekly total).
 *
 * Rules:
 * - `addBusinessMinutes(cal, t, n)` with n > 0 is the **earliest** instant at which n minutes of working time have
 *   elapsed since t: a target that runs out exactly at a closing time is due at that closing time, not at the next
 *   opening. With n = 0 it returns t itself, even when the calendar is closed at t (nothing has to elapse; use
 *   `nextOpenInstant` to find when work can start). Hence add(add(t, a), b) = add(t, a + b) for all a, b ≥ 0.
 * - Durations are whole minutes (or whole ms for `addBusinessMillis`) from 0 up to 10 years' worth
 *   (`MAX_BUSINESS_MINUTES`); anything else is a `CalendarError('invalid_duration')`.
 * - Searches give up with `CalendarError('no_working_time')` after `SEARCH_HORIZON_DAYS` (5 years) of days without
 *   any working time, so no input can make them loop.
 */
import { DAY_MS, MINUTE_MS, weekdayOf } from './civil.ts';
import { type CompiledCalendar, MAX_INSTANT_MS, MIN_INSTANT_MS } from './compiled-calendar.ts';
import { CalendarError } from './errors.ts';

/** 10 years (of 365.25 days) of minutes. */
export const MAX_BUSINESS_MINUTES = 5_259_600;
export const MAX_BUSINESS_MS = MAX_BUSINESS_MINUTES * MINUTE_MS;
/** A search that meets this many consecutive days without working time stops with `no_working_time`. */
export const SEARCH_HORIZON_DAYS = 5 * 366;

const WEEK_MS = 7 * DAY_MS;
const MAX_DAY = Math.ceil(MAX_INSTANT_MS / DAY_MS) + 1;

function instantMs(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new CalendarError('invalid_instant', `${name} is not a valid Date`);
  if (ms < MIN_INSTANT_MS || ms >= MAX_INSTANT_MS) {
    throw new CalendarError('invalid_instant', `${name} ${value.toISOString()} is outside the supported range 1900–2199`);
  }
  return ms;
}

function noWorkingTime(cal: CompiledCalendar, day: number): CalendarError {
  return new CalendarError(
    'no_working_time',
    `calendar (${cal.timeZone}) has no working time in the ${SEARCH_HORIZON_DAYS} days before ${new Date(day * DAY_MS).toISOString().slice(0, 10)}`,
  );
}

function outOfRange(): CalendarError {
  return new CalendarError('out_of_range', 'the result would lie beyond the supported range (before 2200)');
}

/** The instant at which `minutes` whole business minutes have elapsed since `start` (see the module rules). */
export function addBusinessMinutes(cal: CompiledCalendar, start: Date, minutes: number): Date {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_BUSINESS_MINUTES) {
    throw new CalendarError('invalid_duration', `minutes must be a whole number from 0 to ${MAX_BUSINESS_MINUTES}, got ${minutes}`);
  }
  return addBusinessMillis(cal, start, minutes * MINUTE_MS);
}

/** Like `addBusinessMinutes`, for a whole number of milliseconds. */
export function addBusinessMillis(cal: CompiledCalendar, start: Date, ms: number): Date {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_BUSINESS_MS) {
    throw new CalendarError('invalid_duration', `duration must be a whole number of ms from 0 to ${MAX_BUSINESS_MS}, got ${ms}`);
  }
  let t = instantMs(start, 'start');
  if (ms === 0) return new Date(t);
  let remaining = ms;
  const weeklyTotal = cal.weeklyTotalMs;
  let day = cal.localDay(t) - 1;
  let lastTimeDay = day;
  for (;;) {
    if (day > MAX_DAY) throw outOfRange();
    if (remaining > weeklyTotal && weekdayOf(day) === 0) {
      const offset = cal.regularWeekOffset(day);
      if (offset !== undefined) {
        const weekStart = day * DAY_MS - offset;
        if (weekStart >= t) {
          remaining -= weeklyTotal;
          t = weekStart + WEEK_MS;
          day += 7;
          lastTimeDay = day;
          continue;
        }
      }
    }
    const iv = cal.daySchedule(day);
    for (let i = 0; i < iv.length; i += 2) {
      const close = iv[i + 1];
      if (close <= t) continue;
      const from = Math.max(iv[i], t);
      const available = close - from;
      if (remaining <= available) {
        const due = from + remaining;
        if (due >= MAX_INSTANT_MS) throw outOfRange();
        return new Date(due);
      }
      remaining -= available;
      t = close;
      lastTimeDay = day;
    }
    day++;
    if (day - lastTimeDay > SEARCH_HORIZON_DAYS) throw noWorkingTime(cal, day);
  }
}

/** Working time in ms within `[from, to)`; 0 when `to <= from`. */
export function businessMillisBetween(cal: CompiledCalendar, from: Date, to: Date): number {
  const a = instantMs(from, 'from');
  const b = instantMs(to, 'to');
  if (b <= a) return 0;
  const weeklyTotal = cal.weeklyTotalMs;
  let total = 0;
  let day = cal.localDay(a) - 1;
  const endDay = cal.localDay(b) + 1;
  while (day <= endDay) {
    if (day + 7 <= endDay && weekdayOf(day) === 0) {
      const offset = cal.regularWeekOffset(day);
      if (offset !== undefined) {
        const weekStart = day * DAY_MS - offset;
        if (weekStart >= a && weekStart + WEEK_MS <= b) {
          total += weeklyTotal;
          day += 7;
          continue;
        }
      }
    }
    const iv = cal.daySchedule(day);
    for (let i = 0; i < iv.length; i += 2) {
      const lo = Math.max(iv[i], a);
      const hi = Math.min(iv[i + 1], b);
      if (hi > lo) total += hi - lo;
    }
    day++;
  }
  return total;
}

/** Whole business minutes within `[from, to)` (rounded down). */
export function businessMinutesBetween(cal: CompiledCalendar, from: Date, to: Date): number {
  return Math.floor(businessMillisBetween(cal, from, to) / MINUTE_MS);
}

/** Whether the calendar is open at an instant (opening instants are open, closing instants are not). */
export function isOpenAt(cal: CompiledCalendar, at: Date): boolean {
  const t = instantMs(at, 'at');
  const day = cal.localDay(t);
  for (let d = day - 1; d <= day + 1; d++) {
    const iv = cal.daySchedule(d);
    for (let i = 0; i < iv.length; i += 2) if (iv[i] <= t && t < iv[i + 1]) return true;
  }
  return false;
}

/** `at` itself when open, otherwise the next opening instant. */
export function nextOpenInstant(cal: CompiledCalendar, at: Date): Date {
  const t = instantMs(at, 'at');
  let day = cal.localDay(t) - 1;
  const firstDay = day;
  for (;;) {
    if (day > MAX_DAY) throw outOfRange();
    const iv = cal.daySchedule(day);
    for (let i = 0; i < iv.length; i += 2) {
      if (iv[i + 1] > t) {
        const open = Math.max(iv[i], t);
        if (open >= MAX_INSTANT_MS) throw outOfRange();
        return new Date(open);
      }
    }
    day++;
    if (day - firstDay > SEARCH_HORIZON_DAYS) throw noWorkingTime(cal, day);
  }
}

/**
 * Compiling a calendar definition into the structure the business-time operations walk:
 * per-weekday intervals in wall milliseconds (sorted, touching ones merged), holiday/workday sets as day numbers
 * with the statutory table folded in, the zone's cached offset data, and a bounded per-day cache of each day's
 * working intervals as absolute instants.
 */
import type { CalendarDefinition } from './calendar-schema.ts';
import { DAY_MS, MINUTE_MS, parseDay, parseTime, weekdayOf } from './civil.ts';
import { CalendarError } from './errors.ts';
import { statutoryCN } from './statutory-cn.ts';
import { WEEKDAYS } from './weekdays.ts';
import { OFFSET_MARGIN_MS, type Zone, zoneFor } from './zone.ts';

/** Supported instants: 1900-01-01T00:00Z (inclusive) to 2200-01-01T00:00Z (exclusive). */
export const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2200, 0, 1);

const EMPTY: readonly number[] = Object.freeze([]);
const DAY_CACHE_LIMIT = 50_000;

export class CompiledCalendar {
  /** The validated definition (every weekday and both lists present): store or return this. */
  readonly definition: CalendarDefinition;
  readonly timeZone: string;
  /** @internal The zone's offset data. */
  readonly zone: Zone;
  /** @internal Per ISO weekday (0 = Monday), flat `[from, to, …]` in ms after local midnight, sorted and merged. */
  readonly weekly: readonly (readonly number[])[];
  /** @internal Sum of the weekly intervals in ms (> 0). */
  readonly weeklyTotalMs: number;
  /** @internal Effective days off / make-up working days (explicit entries win over statutory ones). */
  readonly holidayDays: ReadonlySet<number>;
  readonly workdayDays: ReadonlySet<number>;
  /** @internal Holiday and workday day numbers, ascending: a week containing none follows the plain weekly hours. */
  private readonly specialDays: Int32Array;
  private readonly days = new Map<number, readonly number[]>();

  constructor(definition: CalendarDefinition) {
    this.definition = deepFreeze(definition);
    this.timeZone = definition.timeZone;
    this.zone = zoneFor(definition.timeZone);
    this.weekly = WEEKDAYS.map((w) => mergeIntervals(definition.weekly[w]));
    this.weeklyTotalMs = this.weekly.reduce((sum, iv) => {
      let s = sum;
      for (let i = 0; i < iv.length; i += 2) s += iv[i + 1] - iv[i];
      return s;
    }, 0);
    const explicitHolidays = new Set(definition.holidays.map(dayOf));
    const explicitWorkdays = new Set(definition.workdays.map(dayOf));
    const holidays = new Set<number>(explicitHolidays);
    const workdays = new Set<number>(explicitWorkdays);
    if (definition.statutory === 'CN') {
      const cn = statutoryCN();
      for (const d of cn.holidayDays) if (!explicitWorkdays.has(d)) holidays.add(d);
      for (const d of cn.workdayDays) if (!explicitHolidays.has(d)) workdays.add(d);
    }
    this.holidayDays = holidays;
    this.workdayDays = workdays;
    this.specialDays = Int32Array.from([...holidays, ...workdays]).sort();
  }

  /** @internal Local day number of an instant. */
  localDay(ms: number): number {
    return Math.floor(this.zone.toWall(ms) / DAY_MS);
  }

  /** @internal The wall-clock intervals (ms after midnight) that apply on a day. */
  dayPattern(day: number): readonly number[] {
    if (this.holidayDays.has(day)) return EMPTY;
    if (this.workdayDays.has(day)) return this.weekly[0];
    return this.weekly[weekdayOf(day)];
  }

  /** @internal A day's working intervals as instants, flat `[from, to, …]`, ascending, none empty. */
  daySchedule(day: number): readonly number[] {
    const cached = this.days.get(day);
    if (cached) return cached;
    const pattern = this.dayPattern(day);
    let out: readonly number[] = EMPTY;
    if (pattern.length > 0) {
      const wall0 = day * DAY_MS;
      const zone = this.zone;
      const abs: number[] = [];
      if (!zone.hasTransitionIn(wall0 - OFFSET_MARGIN_MS, wall0 + DAY_MS + OFFSET_MARGIN_MS)) {
        const o = zone.offsetAt(wall0 - OFFSET_MARGIN_MS);
        for (const p of pattern) abs.push(wall0 + p - o);
      } else {
        // Around a transition each boundary is placed on its own (gap → next valid instant, overlap → earlier one);
        // the running maximum keeps boundaries ordered, and intervals a gap swallows become empty and are dropped.
        let floor = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < pattern.length; i += 2) {
          const from = Math.max(floor, zone.wallToInstant(wall0 + pattern[i]));
          const to = Math.max(from, zone.wallToInstant(wall0 + pattern[i + 1]));
          floor = to;
          if (to > from) abs.push(from, to);
        }
      }
      out = abs;
    }
    if (this.days.size >= DAY_CACHE_LIMIT) this.days.clear();
    this.days.set(day, out);
    return out;
  }

  /**
   * @internal For the Monday `day`: the zone offset when that week follows the plain weekly hours exactly (no
   * holiday or workday in it, no offset change within reach), else `undefined`. Such a week holds exactly
   * `weeklyTotalMs` of working time between `day·DAY − offset` and `(day + 7)·DAY − offset`.
   */
  regularWeekOffset(day: number): number | undefined {
    const special = this.specialDays;
    let lo = 0;
    let hi = special.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (special[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    if (lo < special.length && special[lo] < day + 7) return undefined;
    const wall0 = day * DAY_MS;
    if (this.zone.hasTransitionIn(wall0 - OFFSET_MARGIN_MS, wall0 + 7 * DAY_MS + OFFSET_MARGIN_MS)) return undefined;
    return this.zone.offsetAt(wall0 - OFFSET_MARGIN_MS);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function dayOf(date: string): number {
  const day = parseDay(date);
  if (day === undefined) throw new CalendarError('invalid_calendar', `malformed date ${date}`);
  return day;
}

/** Validated `[from, to]` pairs → sorted flat ms offsets with touching intervals merged. */
function mergeIntervals(intervals: readonly (readonly [string, string])[]): readonly number[] {
  const pairs = intervals
    .map(([from, to]) => [(parseTime(from) ?? 0) * MINUTE_MS, (parseTime(to) ?? 0) * MINUTE_MS] as const)
    .sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [from, to] of pairs) {
    if (out.length > 0 && from <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], to);
    else out.push(from, to);
  }
  return Object.freeze(out);
}

/**
 * Compiles a definition that has already passed `CalendarSchema` (one the server validated when it was saved
 * and sends back). No Zod here: the browser's first screen compiles calendars without loading the schema
 * library; `compileCalendar` (compile.ts) validates first.
 */
export function compileValidatedCalendar(definition: CalendarDefinition): CompiledCalendar {
  return new CompiledCalendar(definition);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALENDAR_24X7 } from './builtin.ts';
import { addBusinessMinutes, businessMillisBetween, isOpenAt, nextOpenInstant } from './business-time.ts';
import { type CalendarDefinition, type CalendarInput, WEEKDAYS } from './calendar-schema.ts';
import { DAY_MS, formatDay, formatTime, parseTime } from './civil.ts';
import { type CompiledCalendar, compileCalendar } from './compile.ts';
import { statutoryCN } from './statutory-cn.ts';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2029, 0, 1);
const FIRST_DAY = FROM / DAY_MS;
const LAST_DAY = TO / DAY_MS - 1;

/** One day's intervals: an even number of distinct boundaries in 0…1440 minutes, paired in order. */
const dayArb = fc
  .oneof(
    { weight: 2, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }) },
    // Realistic office hours, and hours near the 01:00–03:00 DST changes.
    { weight: 1, arbitrary: fc.constantFrom([510, 720, 810, 1050], [540, 1020], [0, 1440], [60, 240], [90, 150], [0, 90]) },
  )
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([formatTime(sorted[i]), formatTime(sorted[i + 1])]);
    return out;
  });

const dateArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(formatDay);

const calendarArb: fc.Arbitrary<CalendarInput> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(dateArb, { maxLength: 40 }),
    workdays: fc.uniqueArray(dateArb, { maxLength: 10 }),
    statutory: fc.boolean(),
  })
  .filter((c) => c.days.some((d) => d.length > 0))
  .map((c) => {
    const weekly = Object.fromEntries(WEEKDAYS.map((w, i) => [w, c.days[i]])) as CalendarDefinition['weekly'];
    const holidays = new Set(c.holidays);
    const workdays = weekly.mon.length > 0 ? c.workdays.filter((d) => !holidays.has(d)) : [];
    return { timeZone: c.timeZone, weekly, holidays: c.holidays, workdays, ...(c.statutory ? { statutory: 'CN' as const } : {}) };
  });

const compiledArb: fc.Arbitrary<CompiledCalendar> = calendarArb.map(compileCalendar);
const instantArb = fc.integer({ min: FROM, max: TO - 1 });
/** Minutes: mostly up to a few days, sometimes up to ~4 months. */
const minutesArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 * 1440 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 * 1440 }) },
);

const RUNS = { numRuns: 300 };
const add = (cal: CompiledCalendar, t: number, n: number) => addBusinessMinutes(cal, new Date(t), n).getTime();
const between = (cal: CompiledCalendar, a: number, b: number) => businessMillisBetween(cal, new Date(a), new Date(b));

describe('business time properties over random calendars', () => {
  it('add(add(t, a), b) = add(t, a + b) for all a, b ≥ 0', () => {
    fc.assert(
      fc.property(compiledArb, instantArb, minutesArb, minutesArb, (cal, t, a, b) => {
        expect(add(cal, add(cal, t, a), b)).toBe(add(cal, t, a + b));
      }),
      RUNS,
    );
  });

  it('between(t, add(t, n)) = n·60000', () => {
    fc.assert(
      fc.property(compiledArb, instantArb, minutesArb, (cal, t, n) => {
        expect(between(cal, t, add(cal, t, n))).toBe(n * 60_000);
      }),
      RUNS,
    );
  });

  it('add(t, n) for n > 0 is the earliest instant: open just before it (it is open or a closing boundary)', () => {
    fc.assert(
      fc.property(compiledArb, instantArb, fc.integer({ min: 1, max: 3 * 1440 }), (cal, t, n) => {
        const r = add(cal, t, n);
        expect(r).toBeGreaterThan(t);
        expect(isOpenAt(cal, new Date(r - 1))).toBe(true);
        expect(between(cal, t, r - 1)).toBe(n * 60_000 - 1);
        expect(add(cal, t, 0)).toBe(t);
      }),
      RUNS,
    );
  });

  it('add(t, between(t, u)) ≤ u: a target is due as soon as its time has run, not at the next opening', () => {
    const minuteArb = instantArb.map((ms) => ms - (ms % 60_000));
    fc.assert(
      fc.property(compiledArb, minuteArb, minuteArb, (cal, x, y) => {
        const [t, u] = x < y ? [x, y] : [y, x];
        const worked = between(cal, t, u);
        // Interval boundaries and the zones' offsets are whole minutes, so is the time worked.
        expect(worked % 60_000).toBe(0);
        const due = add(cal, t, worked / 60_000);
        expect(due).toBeLessThanOrEqual(u);
        expect(between(cal, due, u)).toBe(0);
      }),
      RUNS,
    );
  });

  it('add is strictly monotonic in n', () => {
    fc.assert(
      fc.property(compiledArb, instantArb, minutesArb, minutesArb, (cal, t, x, y) => {
        fc.pre(x !== y);
        const [lo, hi] = x < y ? [x, y] : [y, x];
        expect(add(cal, t, lo)).toBeLessThan(add(cal, t, hi));
      }),
      RUNS,
    );
  });

  it('between is additive: between(a, b) + between(b, c) = between(a, c) for a ≤ b ≤ c', () => {
    fc.assert(
      fc.property(compiledArb, fc.array(instantArb, { minLength: 3, maxLength: 3 }), (cal, xs) => {
        const [a, b, c] = [...xs].sort((p, q) => p - q);
        expect(between(cal, a, b) + between(cal, b, c)).toBe(between(cal, a, c));
        expect(between(cal, c, a)).toBe(0);
        expect(between(cal, a, c)).toBeLessThanOrEqual(c - a);
      }),
      RUNS,
    );
  });

  it('nextOpenInstant is the first open instant at or after t, and add(t, n) = add(nextOpen(t), n)', () => {
    fc.assert(
      fc.property(compiledArb, instantArb, fc.integer({ min: 1, max: 3 * 1440 }), (cal, t, n) => {
        const open = nextOpenInstant(cal, new Date(t)).getTime();
        expect(open).toBeGreaterThanOrEqual(t);
        expect(isOpenAt(cal, new Date(open))).toBe(true);
        expect(between(cal, t, open)).toBe(0);
        expect(isOpenAt(cal, new Date(t))).toBe(open === t);
        expect(add(cal, open, n)).toBe(add(cal, t, n));
      }),
      RUNS,
    );
  });

  it('isOpenAt agrees with a naive reading of the wall clock away from DST changes', () => {
    const cn = statutoryCN();
    fc.assert(
      fc.property(calendarArb, instantArb, (input, t) => {
        const cal = compileCalendar(input);
        const def = cal.definition;
        const fmt = new Intl.DateTimeFormat('en-US', {
          timeZone: def.timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
        const wallOf = (ms: number) => {
          const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
          return {
            date: `${p.year}-${p.month}-${p.day}`,
            ms: ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + (ms % 1000),
          };
        };
        // Skip instants within two days of an offset change.
        const offsetOf = (ms: number) => {
          const w = wallOf(ms);
          return Date.parse(`${w.date}T00:00:00Z`) + w.ms - ms;
        };
        fc.pre(offsetOf(t - 2 * DAY_MS) === offsetOf(t) && offsetOf(t + 2 * DAY_MS) === offsetOf(t));
        const w = wallOf(t);
        const holiday =
          def.holidays.includes(w.date) || (def.statutory === 'CN' && cn.holidays.includes(w.date) && !def.workdays.includes(w.date));
        const workday =
          def.workdays.includes(w.date) || (def.statutory === 'CN' && cn.workdays.includes(w.date) && !def.holidays.includes(w.date));
        const weekday = WEEKDAYS[(new Date(`${w.date}T00:00:00Z`).getUTCDay() + 6) % 7];
        const intervals = holiday ? [] : workday ? def.weekly.mon : def.weekly[weekday];
        const open = intervals.some(([s, e]) => (parseTime(s) ?? 0) * 60_000 <= w.ms && w.ms < (parseTime(e) ?? 0) * 60_000);
        expect(isOpenAt(cal, new Date(t))).toBe(open);
      }),
      { numRuns: 1000 },
    );
  });

  it('7×24 is plain arithmetic, in UTC and as a local calendar in any zone', () => {
    const all: [string, string][] = [['00:00', '24:00']];
    const weekly = Object.fromEntries(WEEKDAYS.map((w) => [w, all])) as CalendarDefinition['weekly'];
    const locals = ZONES.map((timeZone) => compileCalendar({ timeZone, weekly }));
    fc.assert(
      fc.property(fc.constantFrom(CALENDAR_24X7, ...locals), instantArb, instantArb, minutesArb, (cal, a, b, n) => {
        expect(add(cal, a, n)).toBe(a + n * 60_000);
        expect(between(cal, a, b)).toBe(Math.max(0, b - a));
        expect(isOpenAt(cal, new Date(a))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

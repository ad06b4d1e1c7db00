import { describe, expect, it } from 'vitest';
import { CALENDAR_24X7, CALENDAR_CN_5X8 } from './builtin.ts';
import {
  addBusinessMillis,
  addBusinessMinutes,
  businessMillisBetween,
  businessMinutesBetween,
  isOpenAt,
  MAX_BUSINESS_MINUTES,
  nextOpenInstant,
} from './business-time.ts';
import type { CalendarInput } from './calendar-schema.ts';
import { formatDay } from './civil.ts';
import { compileCalendar } from './compile.ts';

type Iv = [string, string][];
const CN: Iv = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
/** The built-in 5×8 day since issue 14: 8 hours (000). */
const CN_8H: Iv = [
  ['08:30', '12:00'],
  ['13:00', '17:30'],
];
const NINE_TO_FIVE: Iv = [['09:00', '17:00']];
const ALL: Iv = [['00:00', '24:00']];
const weekdays = (iv: Iv, weekend: Iv = []) => ({ mon: iv, tue: iv, wed: iv, thu: iv, fri: iv, sat: weekend, sun: weekend });

const d = (s: string) => new Date(s);
/** Shanghai wall time → Date. */
const sh = (s: string) => new Date(`${s}+08:00`);
const iso = (x: Date) => x.toISOString();
const add = (cal: Parameters<typeof addBusinessMinutes>[0], start: Date, minutes: number) => iso(addBusinessMinutes(cal, start, minutes));

describe('CALENDAR_CN_5X8 (Mon–Fri 08:30–12:00, 13:00–17:30 Asia/Shanghai, 8 h, statutory CN)', () => {
  const cal = CALENDAR_CN_5X8;

  it('carries its definition', () => {
    expect(cal.definition).toMatchObject({ timeZone: 'Asia/Shanghai', statutory: 'CN', weekly: { mon: CN_8H, sat: [] } });
  });

  it('skips the lunch break: 60 minutes from 11:30 is due 13:30', () => {
    expect(add(cal, sh('2026-03-03T11:30'), 60)).toBe(iso(sh('2026-03-03T13:30')));
  });

  it('a target that runs out exactly at closing time is due at closing time', () => {
    expect(add(cal, sh('2026-03-03T16:30'), 60)).toBe(iso(sh('2026-03-03T17:30')));
    expect(add(cal, sh('2026-03-03T11:00'), 60)).toBe(iso(sh('2026-03-03T12:00')));
    // One more minute rolls to the next opening.
    expect(add(cal, sh('2026-03-03T16:30'), 61)).toBe(iso(sh('2026-03-04T08:31')));
  });

  it('starting while closed counts from the next opening; milliseconds are kept', () => {
    expect(add(cal, sh('2026-03-03T07:00'), 10)).toBe(iso(sh('2026-03-03T08:40')));
    expect(add(cal, sh('2026-03-03T12:10'), 10)).toBe(iso(sh('2026-03-03T13:10')));
    expect(add(cal, sh('2026-03-06T18:00'), 10)).toBe(iso(sh('2026-03-09T08:40'))); // Friday evening → Monday
    expect(add(cal, sh('2026-03-03T09:00:12.345'), 10)).toBe(iso(sh('2026-03-03T09:10:12.345')));
  });

  it('adding 0 minutes returns the start itself, even when closed', () => {
    expect(add(cal, sh('2026-03-07T10:00'), 0)).toBe(iso(sh('2026-03-07T10:00')));
    expect(add(cal, sh('2026-03-03T12:30:00.5'), 0)).toBe(iso(sh('2026-03-03T12:30:00.5')));
  });

  it('2026 National Day: 1–7 October off, Saturday 10 October a make-up day with Monday’s hours', () => {
    // From chinese-days: holidays 2026-10-01…07, make-up workdays 2026-09-20 (Sun) and 2026-10-10 (Sat).
    expect(cal.holidayDays.size).toBeGreaterThan(0);
    // A critical (10-minute) request on Friday 9 October at 17:25 rolls onto the make-up Saturday.
    expect(add(cal, sh('2026-10-09T17:25'), 10)).toBe(iso(sh('2026-10-10T08:35')));
    // The make-up Saturday has Monday's lunch break.
    expect(add(cal, sh('2026-10-10T11:50'), 20)).toBe(iso(sh('2026-10-10T13:10')));
    // Before the holiday: Wednesday 30 September 17:00 + 60 minutes → Thursday 8 October 09:00.
    expect(add(cal, sh('2026-09-30T17:00'), 60)).toBe(iso(sh('2026-10-08T09:00')));
    // The make-up Sunday 20 September works too.
    expect(add(cal, sh('2026-09-19T10:00'), 30)).toBe(iso(sh('2026-09-20T09:00')));
    expect(businessMinutesBetween(cal, sh('2026-10-01T00:00'), sh('2026-10-08T00:00'))).toBe(0);
    expect(businessMinutesBetween(cal, sh('2026-10-10T00:00'), sh('2026-10-11T00:00'))).toBe(480);
    expect(isOpenAt(cal, sh('2026-10-05T10:00'))).toBe(false);
    expect(isOpenAt(cal, sh('2026-10-10T10:00'))).toBe(true);
  });

  it('year end: 31 December → 2 January past New Year’s Day; 2025→2026 to the make-up Sunday 4 January', () => {
    expect(add(cal, sh('2024-12-31T17:00'), 60)).toBe(iso(sh('2025-01-02T09:00')));
    // 2026-01-01…03 are off and Sunday 2026-01-04 is a make-up day.
    expect(add(cal, sh('2025-12-31T17:00'), 60)).toBe(iso(sh('2026-01-04T09:00')));
    expect(businessMinutesBetween(cal, sh('2024-12-31T17:00'), sh('2025-01-02T09:00'))).toBe(60);
  });

  it('counts business time between instants', () => {
    // A plain week: 5 × 480 minutes (8 hours a day).
    expect(businessMinutesBetween(cal, sh('2026-03-02T00:00'), sh('2026-03-09T00:00'))).toBe(2400);
    expect(businessMillisBetween(cal, sh('2026-03-03T11:59'), sh('2026-03-03T13:01'))).toBe(2 * 60_000);
    expect(businessMillisBetween(cal, sh('2026-03-03T13:01'), sh('2026-03-03T11:59'))).toBe(0);
    expect(businessMillisBetween(cal, sh('2026-03-03T10:00'), sh('2026-03-03T10:00'))).toBe(0);
  });

  it('answers open/next-open at the boundaries', () => {
    expect(isOpenAt(cal, sh('2026-03-03T08:30'))).toBe(true);
    expect(isOpenAt(cal, sh('2026-03-03T11:59:59.999'))).toBe(true);
    expect(isOpenAt(cal, sh('2026-03-03T12:00'))).toBe(false);
    expect(isOpenAt(cal, sh('2026-03-03T17:30'))).toBe(false);
    expect(iso(nextOpenInstant(cal, sh('2026-03-03T08:30')))).toBe(iso(sh('2026-03-03T08:30')));
    expect(iso(nextOpenInstant(cal, sh('2026-03-03T10:00:00.25')))).toBe(iso(sh('2026-03-03T10:00:00.25')));
    expect(iso(nextOpenInstant(cal, sh('2026-03-03T12:00')))).toBe(iso(sh('2026-03-03T13:00')));
    expect(iso(nextOpenInstant(cal, sh('2026-03-03T17:30')))).toBe(iso(sh('2026-03-04T08:30')));
    expect(iso(nextOpenInstant(cal, sh('2026-10-01T10:00')))).toBe(iso(sh('2026-10-08T08:30')));
  });

  it('long durations (week skipping) agree with short steps', () => {
    const start = sh('2026-01-05T10:00');
    let t = start;
    for (let i = 0; i < 100; i++) t = addBusinessMinutes(cal, t, 450);
    expect(iso(addBusinessMinutes(cal, start, 45_000))).toBe(iso(t));
    expect(businessMinutesBetween(cal, start, t)).toBe(45_000);
  });
});

describe('explicit holidays and workdays override statutory ones', () => {
  const cal = compileCalendar({
    timeZone: 'Asia/Shanghai',
    weekly: weekdays(CN),
    holidays: ['2026-10-10', '2026-03-04'],
    workdays: ['2026-10-02'],
    statutory: 'CN',
  });

  it('an explicit holiday cancels a statutory make-up day and an ordinary weekday', () => {
    expect(add(cal, sh('2026-10-09T17:25'), 10)).toBe(iso(sh('2026-10-12T08:35')));
    expect(add(cal, sh('2026-03-03T17:00'), 60)).toBe(iso(sh('2026-03-05T09:00')));
  });

  it('an explicit workday opens a statutory holiday with Monday’s hours', () => {
    expect(add(cal, sh('2026-10-01T10:00'), 10)).toBe(iso(sh('2026-10-02T08:40')));
    expect(businessMinutesBetween(cal, sh('2026-10-01T00:00'), sh('2026-10-08T00:00'))).toBe(450);
  });

  it('a workday takes Monday’s hours whatever weekday it is', () => {
    const c = compileCalendar({
      timeZone: 'UTC',
      weekly: { mon: [['10:00', '11:00']], sat: [['00:00', '24:00']] },
      workdays: ['2026-03-07'],
    });
    expect(businessMinutesBetween(c, d('2026-03-07T00:00Z'), d('2026-03-08T00:00Z'))).toBe(60); // Saturday
  });

  it('without statutory, 1 October is an ordinary Thursday', () => {
    const plain = compileCalendar({ timeZone: 'Asia/Shanghai', weekly: weekdays(CN) });
    expect(add(plain, sh('2026-10-01T10:00'), 10)).toBe(iso(sh('2026-10-01T10:10')));
  });
});

describe('24:00 and midnight', () => {
  it('an interval ending at 24:00 closes at the next midnight', () => {
    const cal = compileCalendar({ timeZone: 'Asia/Shanghai', weekly: weekdays([['18:00', '24:00']]) });
    expect(add(cal, sh('2026-03-02T23:00'), 60)).toBe(iso(sh('2026-03-03T00:00')));
    expect(add(cal, sh('2026-03-02T23:00'), 61)).toBe(iso(sh('2026-03-03T18:01')));
    expect(isOpenAt(cal, sh('2026-03-02T23:59:59.999'))).toBe(true);
    expect(isOpenAt(cal, sh('2026-03-03T00:00'))).toBe(false);
  });

  it('a shift across midnight runs continuously', () => {
    const cal = compileCalendar({ timeZone: 'Asia/Shanghai', weekly: { mon: [['20:00', '24:00']], tue: [['00:00', '04:00']] } });
    expect(add(cal, sh('2026-03-02T23:30'), 60)).toBe(iso(sh('2026-03-03T00:30')));
    expect(businessMinutesBetween(cal, sh('2026-03-02T00:00'), sh('2026-03-04T00:00'))).toBe(480);
  });
});

describe('CALENDAR_24X7', () => {
  it('is plain arithmetic', () => {
    expect(add(CALENDAR_24X7, d('2026-12-31T23:50:00Z'), 20)).toBe('2027-01-01T00:10:00.000Z');
    expect(add(CALENDAR_24X7, d('2028-02-28T12:00:00Z'), 1440)).toBe('2028-02-29T12:00:00.000Z');
    expect(businessMillisBetween(CALENDAR_24X7, d('2026-01-01T00:00:00Z'), d('2027-01-01T00:00:00.001Z'))).toBe(365 * 86_400_000 + 1);
    expect(add(CALENDAR_24X7, d('2026-03-04T05:06:07.089Z'), MAX_BUSINESS_MINUTES)).toBe(
      new Date(Date.parse('2026-03-04T05:06:07.089Z') + MAX_BUSINESS_MINUTES * 60_000).toISOString(),
    );
    expect(iso(addBusinessMillis(CALENDAR_24X7, d('2026-03-04T05:06:07.089Z'), 1))).toBe('2026-03-04T05:06:07.090Z');
  });
});

describe('daylight saving time (America/New_York, 2026: 8 March 02:00 → 03:00, 1 November 02:00 → 01:00)', () => {
  const local247 = compileCalendar({ timeZone: 'America/New_York', weekly: weekdays(ALL, ALL) });
  const nineToFive = compileCalendar({ timeZone: 'America/New_York', weekly: weekdays(NINE_TO_FIVE) });

  it('a 7×24 local calendar runs on real elapsed time: 23-hour and 25-hour days', () => {
    expect(businessMillisBetween(local247, d('2026-03-08T00:00-05:00'), d('2026-03-09T00:00-04:00'))).toBe(23 * 3_600_000);
    expect(businessMillisBetween(local247, d('2026-11-01T00:00-04:00'), d('2026-11-02T00:00-05:00'))).toBe(25 * 3_600_000);
    // 01:00 EST + 2 hours = 04:00 EDT.
    expect(add(local247, d('2026-03-08T01:00-05:00'), 120)).toBe(iso(d('2026-03-08T04:00-04:00')));
    // 00:30 EDT + 2 hours = 01:30 EST (the second 01:30).
    expect(add(local247, d('2026-11-01T00:30-04:00'), 120)).toBe(iso(d('2026-11-01T01:30-05:00')));
  });

  it('a 9–17 calendar keeps its wall-clock hours on both sides of a change', () => {
    expect(add(nineToFive, d('2026-03-06T16:00-05:00'), 120)).toBe(iso(d('2026-03-09T10:00-04:00')));
    expect(add(nineToFive, d('2026-10-30T16:00-04:00'), 120)).toBe(iso(d('2026-11-02T10:00-05:00')));
    expect(businessMinutesBetween(nineToFive, d('2026-03-06T00:00-05:00'), d('2026-03-10T00:00-04:00'))).toBe(2 * 480);
    expect(iso(nextOpenInstant(nineToFive, d('2026-03-07T12:00-05:00')))).toBe(iso(d('2026-03-09T09:00-04:00')));
  });

  it('hours inside a gap or an overlap count real time (gap → next valid instant, overlap → earlier instant)', () => {
    const sunday = (iv: Iv) => compileCalendar({ timeZone: 'America/New_York', weekly: { sun: iv, mon: NINE_TO_FIVE } });
    const springDay = (iv: Iv) => businessMillisBetween(sunday(iv), d('2026-03-08T00:00-05:00'), d('2026-03-09T00:00-04:00'));
    const fallDay = (iv: Iv) => businessMillisBetween(sunday(iv), d('2026-11-01T00:00-04:00'), d('2026-11-02T00:00-05:00'));
    const h = 3_600_000;
    expect(springDay([['01:00', '04:00']])).toBe(2 * h); // 01:00 EST … 04:00 EDT
    expect(springDay([['02:15', '02:45']])).toBe(0); // does not exist that day
    expect(springDay([['02:30', '04:00']])).toBe(h); // starts at 03:00 EDT
    expect(fallDay([['01:00', '02:00']])).toBe(2 * h); // 01:00 EDT … 02:00 EST
    expect(fallDay([['00:00', '01:30']])).toBe(1.5 * h); // ends at the first 01:30
    expect(fallDay([['01:30', '03:00']])).toBe(2.5 * h); // from the first 01:30
  });
});

describe('other zones', () => {
  it('Asia/Kathmandu (+05:45)', () => {
    const cal = compileCalendar({ timeZone: 'Asia/Kathmandu', weekly: weekdays(NINE_TO_FIVE) });
    expect(add(cal, d('2026-03-03T16:30+05:45'), 60)).toBe(iso(d('2026-03-04T09:30+05:45')));
  });

  it('Australia/Lord_Howe (30-minute DST) with a 7×24 local calendar', () => {
    const cal = compileCalendar({ timeZone: 'Australia/Lord_Howe', weekly: weekdays(ALL, ALL) });
    const day = (from: string, to: string) => businessMillisBetween(cal, d(from), d(to)) / 60_000;
    expect(day('2026-10-04T00:00+10:30', '2026-10-05T00:00+11:00')).toBe(1440 - 30);
    expect(day('2026-04-05T00:00+11:00', '2026-04-06T00:00+10:30')).toBe(1440 + 30);
  });
});

describe('bad input to the functions', () => {
  const cal = CALENDAR_CN_5X8;
  const start = sh('2026-03-03T10:00');

  it('rejects negative, fractional, non-finite and absurd durations', () => {
    for (const m of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_BUSINESS_MINUTES + 1, 1e12]) {
      expect(() => addBusinessMinutes(cal, start, m)).toThrow(expect.objectContaining({ code: 'invalid_duration' }));
    }
    expect(() => addBusinessMillis(cal, start, 0.5)).toThrow(expect.objectContaining({ code: 'invalid_duration' }));
  });

  it('rejects invalid and out-of-range instants', () => {
    expect(() => addBusinessMinutes(cal, new Date(Number.NaN), 10)).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
    expect(() => isOpenAt(cal, d('2300-01-01T00:00Z'))).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
    expect(() => businessMillisBetween(cal, d('1800-01-01T00:00Z'), start)).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
    expect(() => addBusinessMinutes(CALENDAR_24X7, d('2199-12-31T00:00Z'), 2 * 1440)).toThrow(
      expect.objectContaining({ code: 'out_of_range' }),
    );
  });

  it('stops with no_working_time, never loops, when holidays blanket the search horizon', () => {
    // Only Mondays work, and every Monday from 2026 to 2031 is a holiday: more than 5 years without working time.
    const mondays: string[] = [];
    for (let day = Date.UTC(2026, 0, 5) / 86_400_000; day < Date.UTC(2032, 0, 1) / 86_400_000; day += 7) mondays.push(formatDay(day));
    const input: CalendarInput = { timeZone: 'UTC', weekly: { mon: NINE_TO_FIVE }, holidays: mondays };
    const blanket = compileCalendar(input);
    expect(() => addBusinessMinutes(blanket, d('2026-01-01T00:00Z'), 10)).toThrow(expect.objectContaining({ code: 'no_working_time' }));
    expect(() => nextOpenInstant(blanket, d('2026-01-01T00:00Z'))).toThrow(expect.objectContaining({ code: 'no_working_time' }));
    // Time before the blanket is still usable, but a duration reaching into it fails the same way.
    expect(add(blanket, d('2025-12-29T16:00Z'), 60)).toBe('2025-12-29T17:00:00.000Z');
    expect(() => addBusinessMinutes(blanket, d('2025-12-29T16:00Z'), 61)).toThrow(expect.objectContaining({ code: 'no_working_time' }));
    expect(businessMinutesBetween(blanket, d('2025-12-29T00:00Z'), d('2031-12-31T00:00Z'))).toBe(480);
    // Once the blanket ends, work resumes for searches starting close enough.
    expect(add(blanket, d('2031-06-01T00:00Z'), 10)).toBe('2032-01-05T09:10:00.000Z');
  });

  it('refuses a calendar with no hours at compile time (no_working_time), so no operation can spin on it', () => {
    expect(() => compileCalendar({ timeZone: 'UTC', weekly: {} })).toThrow(expect.objectContaining({ code: 'no_working_time' }));
  });
});

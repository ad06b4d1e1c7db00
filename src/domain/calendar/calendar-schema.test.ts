import { describe, expect, it } from 'vitest';
import { CalendarSchema } from './calendar-schema.ts';
import { compileCalendar } from './compile.ts';
import { CalendarError } from './errors.ts';

const DAY: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const base = () => ({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: [] as [string, string][], sun: [] as [string, string][] },
  holidays: [] as string[],
  workdays: [] as string[],
});

/** Paths (dotted) and messages of the issues for a calendar. */
function issuesOf(input: unknown): { path: string; message: string }[] {
  const r = CalendarSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
const pathsOf = (input: unknown) => issuesOf(input).map((i) => i.path);

describe('CalendarSchema accepts', () => {
  it('the documented JSON verbatim', () => {
    const json =
      '{"timeZone":"Asia/Shanghai","weekly":{"mon":[["08:30","12:00"],["13:30","17:30"]],"tue":[["08:30","12:00"],["13:30","17:30"]],' +
      '"wed":[["08:30","12:00"],["13:30","17:30"]],"thu":[["08:30","12:00"],["13:30","17:30"]],"fri":[["08:30","12:00"],["13:30","17:30"]],' +
      '"sat":[],"sun":[]},"holidays":["2026-10-01"],"workdays":["2026-10-10"],"statutory":"CN"}';
    const parsed = CalendarSchema.parse(JSON.parse(json));
    expect(parsed.weekly.mon).toEqual(DAY);
    expect(parsed.statutory).toBe('CN');
  });

  it('24:00 as an end, touching and unsorted intervals, omitted weekdays and lists', () => {
    const r = CalendarSchema.parse({
      timeZone: 'America/New_York',
      weekly: {
        mon: [
          ['18:00', '24:00'],
          ['08:00', '12:00'],
          ['12:00', '13:00'],
        ],
      },
    });
    expect(r.weekly.sun).toEqual([]);
    expect(r.holidays).toEqual([]);
    expect(r.workdays).toEqual([]);
  });
});

describe('CalendarSchema rejects, with the path', () => {
  it('an unknown zone', () => {
    expect(pathsOf({ ...base(), timeZone: 'Mars/Olympus_Mons' })).toEqual(['timeZone']);
    expect(pathsOf({ ...base(), timeZone: '' })).toEqual(['timeZone']);
  });

  it('malformed times', () => {
    const cal = base();
    cal.weekly.mon = [
      ['8:3', '12:00'],
      ['13:30', '25:00'],
    ];
    expect(pathsOf(cal)).toEqual(['weekly.mon.0.0', 'weekly.mon.1.1']);
    for (const bad of ['08:60', '24:01', '0830', ' 08:30', '08:30:00', '']) {
      expect(pathsOf({ ...base(), weekly: { ...base().weekly, tue: [[bad, '17:00']] } })).toEqual(['weekly.tue.0.0']);
    }
  });

  it('an interval ending before or at its start, and 24:00 as a start', () => {
    const cal = base();
    cal.weekly.wed = [
      ['12:00', '08:30'],
      ['13:30', '13:30'],
      ['24:00', '24:00'],
    ];
    const issues = issuesOf(cal);
    expect(issues.map((i) => i.path)).toEqual(['weekly.wed.0', 'weekly.wed.1', 'weekly.wed.2.0']);
    expect(issues[0].message).toContain('end after it starts');
    expect(issues[2].message).toContain('24:00 may only end');
  });

  it('overlapping intervals on one day (the later one is named)', () => {
    const cal = base();
    cal.weekly.mon = [
      ['08:00', '18:00'],
      ['09:00', '10:00'],
      ['11:00', '12:00'],
    ];
    expect(pathsOf(cal)).toEqual(['weekly.mon.1', 'weekly.mon.2']);
    cal.weekly.mon = [
      ['13:00', '17:00'],
      ['08:00', '13:30'],
    ];
    const issues = issuesOf(cal);
    expect(issues.map((i) => i.path)).toEqual(['weekly.mon.1']);
    expect(issues[0].message).toContain('overlaps interval 0 (13:00–17:00)');
  });

  it('malformed dates', () => {
    expect(pathsOf({ ...base(), holidays: ['2026-10-01', '2026-02-30', '2026-1-01', '20261001', '2026-13-01', '1800-01-01'] })).toEqual([
      'holidays.1',
      'holidays.2',
      'holidays.3',
      'holidays.4',
      'holidays.5',
    ]);
    expect(pathsOf({ ...base(), workdays: ['2026-10-10', 'tomorrow'] })).toEqual(['workdays.1']);
  });

  it('a date in both holidays and workdays', () => {
    const issues = issuesOf({ ...base(), holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10', '2026-10-02'] });
    expect(issues).toEqual([{ path: 'workdays.1', message: '2026-10-02 is also listed in holidays (holidays.1)' }]);
  });

  it('a calendar with no working time at all', () => {
    const empty = { timeZone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, workdays: ['2026-10-10'] };
    const issues = issuesOf(empty);
    expect(issues.map((i) => i.path)).toEqual(['weekly']);
    expect(issues[0].message).toContain('no working time');
  });

  it('workdays when Monday has no hours (they would add none)', () => {
    expect(pathsOf({ ...base(), weekly: { ...base().weekly, mon: [] }, workdays: ['2026-10-10'] })).toEqual(['workdays']);
  });

  it('unknown keys, weekday names and statutory sets', () => {
    expect(pathsOf({ ...base(), statutory: 'US' })).toEqual(['statutory']);
    expect(issuesOf({ ...base(), extra: 1 })[0].path).toBe('');
    expect(issuesOf({ ...base(), weekly: { ...base().weekly, monday: DAY } })[0].path).toBe('weekly');
    expect(pathsOf({ ...base(), weekly: { ...base().weekly, fri: [['08:00']] } })).toEqual(['weekly.fri.0']);
    expect(pathsOf({ weekly: base().weekly })).toEqual(['timeZone']);
  });
});

describe('compileCalendar', () => {
  it('throws CalendarError invalid_calendar with the issues', () => {
    const cal = base();
    cal.weekly.mon = [['8:3', '12:00']];
    try {
      compileCalendar(cal);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarError);
      const err = e as CalendarError;
      expect(err.code).toBe('invalid_calendar');
      expect(err.issues[0].path).toEqual(['weekly', 'mon', 0, 0]);
      expect(err.message).toContain('weekly.mon.0.0');
    }
  });

  it('throws CalendarError no_working_time for a calendar without hours', () => {
    const empty = { timeZone: 'Asia/Shanghai', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(() => compileCalendar(empty)).toThrow(expect.objectContaining({ code: 'no_working_time', name: 'CalendarError' }));
    expect(() => compileCalendar({ timeZone: 'UTC', weekly: {} })).toThrow(expect.objectContaining({ code: 'no_working_time' }));
  });

  it('keeps the normalised definition, frozen', () => {
    const c = compileCalendar({ timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']] } });
    expect(c.definition.weekly.tue).toEqual([]);
    expect(Object.isFrozen(c.definition)).toBe(true);
    expect(Object.isFrozen(c.definition.weekly.mon[0])).toBe(true);
  });
});

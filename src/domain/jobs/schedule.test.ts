import { describe, expect, it } from 'vitest';
import { CALENDAR_CN_5X8 } from '../calendar/index.ts';
import { JobScheduleSchema, nextRunAfter, retryDelayMs } from './schedule.ts';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('recurring job rules', () => {
  it('interval: keeps the cadence and skips beats missed while down', () => {
    const rule = { kind: 'interval', everyMs: 5 * 60_000 } as const;
    const previous = at('2026-03-02T01:00:00Z');
    expect(nextRunAfter(rule, { after: at('2026-03-02T01:00:00Z'), previous, timeZone: SH })).toEqual(at('2026-03-02T01:05:00Z'));
    // Down for an hour: one run now, the next on the old cadence after "now".
    expect(nextRunAfter(rule, { after: at('2026-03-02T02:02:00Z'), previous, timeZone: SH })).toEqual(at('2026-03-02T02:05:00Z'));
  });

  it('daily at a local time, in the service zone', () => {
    const rule = { kind: 'daily', at: '08:00' } as const;
    expect(nextRunAfter(rule, { after: at('2026-03-01T23:00:00Z'), timeZone: SH })).toEqual(at('2026-03-02T00:00:00Z'));
    expect(nextRunAfter(rule, { after: at('2026-03-02T00:00:00Z'), timeZone: SH })).toEqual(at('2026-03-03T00:00:00Z'));
  });

  it('daily on a service calendar skips the National Day holidays and runs on the 调休 Saturday', () => {
    const rule = { kind: 'daily', at: '09:00', calendarId: '00000000-0000-4000-8000-000000000001' } as const;
    const options = { timeZone: 'UTC', calendar: CALENDAR_CN_5X8 };
    // Wednesday 30 September 10:00 in Beijing → Thursday 8 October 09:00 (1–7 October are holidays).
    expect(nextRunAfter(rule, { ...options, after: at('2026-09-30T02:00:00Z') })).toEqual(at('2026-10-08T01:00:00Z'));
    // Friday 9 October → Saturday 10 October, a make-up working day.
    expect(nextRunAfter(rule, { ...options, after: at('2026-10-09T02:00:00Z') })).toEqual(at('2026-10-10T01:00:00Z'));
    // Saturday 10 October → Monday 12 October (Sunday is off).
    expect(nextRunAfter(rule, { ...options, after: at('2026-10-10T02:00:00Z') })).toEqual(at('2026-10-12T01:00:00Z'));
  });

  it('monthly: the day clamped to the month, moved to the next working day on a calendar', () => {
    expect(nextRunAfter({ kind: 'monthly', day: 31, at: '00:30' }, { after: at('2026-02-01T00:00:00Z'), timeZone: SH })).toEqual(
      at('2026-02-27T16:30:00Z'),
    );
    const onCalendar = { kind: 'monthly', day: 1, at: '09:00', calendarId: '00000000-0000-4000-8000-000000000001' } as const;
    expect(nextRunAfter(onCalendar, { after: at('2026-09-15T00:00:00Z'), timeZone: SH, calendar: CALENDAR_CN_5X8 })).toEqual(
      at('2026-10-08T01:00:00Z'),
    );
    // Found again when asked after the 1st of the month but before the shifted run.
    expect(nextRunAfter(onCalendar, { after: at('2026-10-03T00:00:00Z'), timeZone: SH, calendar: CALENDAR_CN_5X8 })).toEqual(
      at('2026-10-08T01:00:00Z'),
    );
  });

  it('refuses malformed rules', () => {
    expect(JobScheduleSchema.safeParse({ kind: 'interval', everyMs: 10 }).success).toBe(false);
    expect(JobScheduleSchema.safeParse({ kind: 'daily', at: '25:00' }).success).toBe(false);
    expect(JobScheduleSchema.safeParse({ kind: 'monthly', day: 0, at: '09:00' }).success).toBe(false);
    expect(JobScheduleSchema.safeParse({ kind: 'daily', at: '09:00', timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});

describe('retry backoff', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseMs: 1000, maxMs: 5000 }))).toEqual([1000, 2000, 4000, 5000]);
  });
});

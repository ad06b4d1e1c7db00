// The calendar editor's working copy, and the server schema's issues turned into per-field messages.
import type { TFunction } from 'i18next';
import { parseTime } from '../../../domain/calendar/civil.ts';
import {
  type CalendarDefinition,
  type CalendarInput,
  CalendarSchema,
  CN_WORKING_DAY,
  WEEKDAYS,
  type Weekday,
} from '../../../domain/calendar/index.ts';
import type { CalendarRecord } from '../../api/types.ts';

export type Interval = [string, string];
export type DraftDefinition = {
  timeZone: string;
  weekly: Record<Weekday, Interval[]>;
  holidays: string[];
  workdays: string[];
  statutory?: 'CN';
};
export type Draft = { name: string; definition: DraftDefinition };

/** The built-in 8-hour working day (000's 5×8 line): 08:30–12:00, 13:00–17:30. */
const CN_DAY: Interval[] = CN_WORKING_DAY.map(([from, to]) => [from, to] as Interval);

/** A new calendar starts as China 5×8 with statutory holidays: the common case for a hospital contract. */
export function newDraft(): Draft {
  return {
    name: '',
    definition: {
      timeZone: 'Asia/Shanghai',
      weekly: { mon: CN_DAY, tue: CN_DAY, wed: CN_DAY, thu: CN_DAY, fri: CN_DAY, sat: [], sun: [] },
      holidays: [],
      workdays: [],
      statutory: 'CN',
    },
  };
}

/** A stored calendar as an editable draft (lists copied, omitted parts filled in). */
export function draftOf(record: CalendarRecord): Draft {
  const input = record.definition as CalendarInput;
  const weekly = {} as Record<Weekday, Interval[]>;
  for (const day of WEEKDAYS) weekly[day] = (input.weekly?.[day] ?? []).map(([from, to]) => [from, to] as Interval);
  return {
    name: record.name,
    definition: {
      timeZone: input.timeZone,
      weekly,
      holidays: [...(input.holidays ?? [])].sort(),
      workdays: [...(input.workdays ?? [])].sort(),
      ...(input.statutory === 'CN' ? { statutory: 'CN' as const } : {}),
    },
  };
}

export type DraftCheck = { definition: CalendarDefinition | null; issues: Map<string, string> };

/** Which message a schema issue means (the schema's messages are for API clients, in English). */
function issueText(issue: { code: string; message: string; params?: Record<string, unknown> }, t: TFunction): string {
  const m = issue.message;
  if (issue.code === 'too_big') return t('calendars.issues.tooMany');
  if (issue.params?.code === 'no_working_time' || m.includes('no working time')) return t('calendars.issues.noWorkingTime');
  if (m.includes('24:00 may only')) return t('calendars.issues.startAt24');
  if (m.includes('HH:MM')) return t('calendars.issues.time');
  if (m.includes('must end after')) return t('calendars.issues.endBeforeStart');
  if (m.includes('overlaps')) return t('calendars.issues.overlap');
  if (m.includes('also listed in holidays')) return t('calendars.issues.bothLists');
  if (m.includes('calendar date')) return t('calendars.issues.date');
  if (m.includes('weekly.mon is empty')) return t('calendars.issues.mondayEmpty');
  if (m.includes('time zone')) return t('calendars.issues.timeZone');
  return m;
}

/**
 * Validates the draft with the server's own schema. Issues are keyed by where the editor shows them:
 * `weekly.mon.0` (an interval), `holidays.3` / `workdays.1` (a date), `weekly`, `workdays`, `timeZone`.
 */
export function checkDraft(draft: DraftDefinition, t: TFunction): DraftCheck {
  const parsed = CalendarSchema.safeParse(draft);
  const issues = new Map<string, string>();
  if (parsed.success) return { definition: parsed.data, issues };
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    const key = path[0] === 'weekly' ? path.slice(0, 3).join('.') : path.slice(0, 2).join('.');
    if (!issues.has(key)) issues.set(key, issueText(issue as never, t));
  }
  return { definition: null, issues };
}

/** Working minutes of one day's intervals (valid ones only; overlaps are reported elsewhere). */
export function dayMinutes(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [from, to]) => {
    const start = parseTime(from);
    const end = parseTime(to);
    return start !== undefined && end !== undefined && end > start ? sum + end - start : sum;
  }, 0);
}

/** "周一至周五 08:30–12:00, 13:00–17:30", "每天 全天", or hours a week when the days differ. */
export function weeklySummary(definition: CalendarInput, t: TFunction): string {
  const days = WEEKDAYS.map((day) => (definition.weekly?.[day] ?? []) as Interval[]);
  const text = (intervals: Interval[]) =>
    intervals.length === 1 && intervals[0][0] === '00:00' && intervals[0][1] === '24:00'
      ? t('calendars.allDay')
      : intervals.map(([from, to]) => `${from}–${to}`).join(t('common.listSeparator'));
  const key = (intervals: Interval[]) => JSON.stringify(intervals);
  if (days.every((d) => key(d) === key(days[0])) && days[0].length > 0) return `${t('calendars.allWeek')} ${text(days[0])}`;
  const weekdaysSame = days.slice(0, 5).every((d) => key(d) === key(days[0]));
  if (weekdaysSame && days[0].length > 0 && days[5].length === 0 && days[6].length === 0) {
    return `${t('calendars.weekdaysRange')} ${text(days[0])}`;
  }
  const hours = days.reduce((sum, d) => sum + dayMinutes(d), 0) / 60;
  return hours > 0 ? `${t('calendars.weeklyHours')} ${t('calendars.dayTotal', { hours: formatHours(hours) })}` : t('calendars.noHours');
}

export function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

/** Calendars every installation has. */
import type { CalendarDefinition } from './calendar-schema.ts';
import { type CompiledCalendar, compileCalendar } from './compile.ts';

const ALL_DAY: [string, string][] = [['00:00', '24:00']];
/** 000's 5×8 line is 8 hours a day: 08:30–12:00 and 13:00–17:30 (issue 14; before it, 13:30 and 7.5 h). */
export const CN_WORKING_DAY: [string, string][] = [
  ['08:30', '12:00'],
  ['13:00', '17:30'],
];
const CN_DAY = CN_WORKING_DAY;

/** Round the clock, every day (UTC; the zone makes no difference to a 7×24 clock). */
export const CALENDAR_24X7: CompiledCalendar = compileCalendar({
  timeZone: 'UTC',
  weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
});

/** China 5×8: Mon–Fri 08:30–12:00 and 13:00–17:30 Beijing time (8 h), with statutory holidays and make-up days (调休). */
export const CALENDAR_CN_5X8: CompiledCalendar = compileCalendar({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: CN_DAY, tue: CN_DAY, wed: CN_DAY, thu: CN_DAY, fri: CN_DAY, sat: [], sun: [] },
  holidays: [],
  workdays: [],
  statutory: 'CN',
});

/** Their JSON definitions (normalised, frozen). */
export const CALENDAR_24X7_DEFINITION: CalendarDefinition = CALENDAR_24X7.definition;
export const CALENDAR_CN_5X8_DEFINITION: CalendarDefinition = CALENDAR_CN_5X8.definition;

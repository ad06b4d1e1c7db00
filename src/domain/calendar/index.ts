/**
 * Business-time calendar: the clock SLA targets run on. Pure module — no I/O; callers pass "now".
 * See `calendar-schema.ts` (JSON shape), `business-time.ts` (rules), `zone.ts` (DST handling), `ics.ts` (import rule).
 */
export { CALENDAR_24X7, CALENDAR_24X7_DEFINITION, CALENDAR_CN_5X8, CALENDAR_CN_5X8_DEFINITION, CN_WORKING_DAY } from './builtin.ts';
export {
  addBusinessMillis,
  addBusinessMinutes,
  businessMillisBetween,
  businessMinutesBetween,
  isOpenAt,
  MAX_BUSINESS_MINUTES,
  MAX_BUSINESS_MS,
  nextOpenInstant,
  SEARCH_HORIZON_DAYS,
} from './business-time.ts';
export { type CalendarDefinition, type CalendarInput, CalendarSchema, WEEKDAYS, type Weekday } from './calendar-schema.ts';
export { type CompiledCalendar, compileCalendar, MAX_INSTANT_MS, MIN_INSTANT_MS } from './compile.ts';
export { CalendarError, type CalendarErrorCode, type CalendarIssue } from './errors.ts';
export { type IcsDays, parseIcsDays } from './ics.ts';
export { type StatutoryTable, statutoryCN } from './statutory-cn.ts';
export { isKnownTimeZone } from './zone.ts';

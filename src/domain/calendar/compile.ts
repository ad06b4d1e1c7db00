/** Validating compile: `compileCalendar` runs the calendar through `CalendarSchema` first (compiled-calendar.ts has the rest). */
import { type CalendarDefinition, type CalendarInput, CalendarSchema } from './calendar-schema.ts';
import { type CompiledCalendar, compileValidatedCalendar } from './compiled-calendar.ts';
import { CalendarError, type CalendarIssue } from './errors.ts';

export { type CompiledCalendar, compileValidatedCalendar, MAX_INSTANT_MS, MIN_INSTANT_MS } from './compiled-calendar.ts';

/**
 * Validate and compile a calendar. Throws `CalendarError` with code `no_working_time` for a calendar without any
 * working hours, `invalid_calendar` (with `issues`) for any other problem. Compile once per calendar and reuse.
 */
export function compileCalendar(input: CalendarInput | CalendarDefinition): CompiledCalendar {
  const parsed = CalendarSchema.safeParse(input);
  if (!parsed.success) {
    const issues: CalendarIssue[] = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    }));
    const noTime = parsed.error.issues.some((i) => i.code === 'custom' && i.params?.code === 'no_working_time');
    const first = issues[0];
    const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    throw new CalendarError(
      noTime && issues.length === 1 ? 'no_working_time' : 'invalid_calendar',
      `invalid calendar: ${where}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      issues,
    );
  }
  return compileValidatedCalendar(parsed.data);
}

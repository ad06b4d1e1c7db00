/** Why a calendar operation was refused. */
export type CalendarErrorCode =
  /** The calendar definition failed validation (see `issues`). */
  | 'invalid_calendar'
  /** The calendar has no working time at all, or none within the search horizon. */
  | 'no_working_time'
  /** A duration that is negative, fractional, not finite or above the cap. */
  | 'invalid_duration'
  /** An instant that is not a valid Date or lies outside the supported range. */
  | 'invalid_instant'
  /** A computation would leave the supported range of instants. */
  | 'out_of_range'
  /** An iCalendar text that cannot be read. */
  | 'invalid_ics';

export interface CalendarIssue {
  /** Path inside the calendar definition, e.g. `['weekly', 'mon', 1]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly issues: readonly CalendarIssue[];

  constructor(code: CalendarErrorCode, message: string, issues: readonly CalendarIssue[] = []) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
    this.issues = issues;
  }
}

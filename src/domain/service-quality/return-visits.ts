import { addMonths } from '../contracts/local-date.ts';
import type { RoutineFrequency } from '../contracts/vocabulary.ts';
import type { ReturnVisitOutcome } from './vocabulary.ts';

/**
 * The default return-visit frequency follows the tier's routine maintenance (002: Diamond monthly,
 * Gold quarterly, Silver half-yearly, Bronze yearly); a resident engineer is monthly; a tier without
 * routine maintenance (or no contract) yearly. Each customer's schedule may override it.
 */
export function defaultEveryMonths(routine: RoutineFrequency | null | undefined): number {
  switch (routine) {
    case 'resident':
    case 'monthly':
      return 1;
    case 'quarterly':
      return 3;
    case 'half_yearly':
      return 6;
    default:
      return 12;
  }
}

/**
 * The next due date after a recorded outcome: reached or follow-up needed advances the schedule by its
 * frequency from the day of the call; not reached keeps it due (the customer stays on the call list).
 */
export function nextDueAfter(input: { outcome: ReturnVisitOutcome; on: string; everyMonths: number; dueDate: string }): string {
  if (input.outcome === 'not_reached') return input.dueDate;
  return addMonths(input.on, input.everyMonths);
}

/** Due on `date`: the due date has come (overdue ones stay on the list until recorded). */
export function isDue(dueDate: string, date: string): boolean {
  return dueDate <= date;
}

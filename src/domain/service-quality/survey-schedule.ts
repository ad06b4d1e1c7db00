import { addMonths } from '../contracts/local-date.ts';
import type { RoutineFrequency } from '../contracts/vocabulary.ts';

/**
 * The default periodic-survey frequency of a customer without a schedule of its own (docs/service-rules.md,
 * product's choice from 002's tier table): the more a tier is visited, the more often it is asked —
 * Diamond (resident engineer, monthly rounds) every 3 months, Gold (quarterly rounds) every 6, Silver and
 * Bronze (half-yearly, yearly rounds) every 12; a tier without routine maintenance yearly. Null: no contract.
 */
export function defaultSurveyEveryMonths(routine: RoutineFrequency | null | undefined): number | null {
  switch (routine) {
    case 'resident':
    case 'monthly':
      return 3;
    case 'quarterly':
      return 6;
    case 'half_yearly':
    case 'yearly':
    case 'none':
      return 12;
    default:
      return null;
  }
}

/** The first default survey: one period after the contract's start (the customer has been served a while). */
export function defaultSurveySchedule(contract: { startDate: string; routine: RoutineFrequency }) {
  const everyMonths = defaultSurveyEveryMonths(contract.routine);
  if (everyMonths === null) return null;
  return { everyMonths, nextDueDate: addMonths(contract.startDate, everyMonths) };
}

import { addDays } from './local-date.ts';
import { REMINDER_DAYS } from './vocabulary.ts';

/** The local date on which the reminder `daysBefore` an end date is due. */
export function reminderDueDate(endDate: string, daysBefore: number): string {
  return addDays(endDate, -daysBefore);
}

/**
 * Which renewal reminders a contract needs today. A reminder is due from its date until the
 * contract ends; each fires once (the caller records `fire` and `skip`). When several are due at
 * once — the contract was entered late, or the server was down — only the most urgent is sent and
 * the earlier ones are recorded as skipped, so the owner gets one message, not three.
 */
export function dueReminders({
  endDate,
  today,
  alreadySent,
  schedule = REMINDER_DAYS,
}: {
  endDate: string;
  today: string;
  alreadySent: readonly number[];
  schedule?: readonly number[];
}): { fire: number | null; skip: number[] } {
  if (today > endDate) return { fire: null, skip: [] };
  const due = schedule.filter((d) => reminderDueDate(endDate, d) <= today && !alreadySent.includes(d)).sort((a, b) => a - b);
  if (due.length === 0) return { fire: null, skip: [] };
  const smallestSent = Math.min(...alreadySent, Number.POSITIVE_INFINITY);
  const [fire, ...skip] = due;
  // A more urgent reminder already went out: the late, less urgent ones are only recorded.
  if (fire > smallestSent) return { fire: null, skip: due };
  return { fire, skip };
}

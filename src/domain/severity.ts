import type { Severity } from './vocabulary.ts';

/** First-response promises from the emergency plan (DOMAIN.md §3, source 001), in minutes. */
export const FIRST_RESPONSE_MINUTES: Record<Severity, number> = { critical: 10, urgent: 30, normal: 60 };

/** Severity order for sorting queues: most urgent first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, urgent: 1, normal: 2 };

/**
 * Guidance shown to an agent on a call: the questions that decide severity (001).
 * Whole system down → critical; part of it or one site stopped → urgent; running normally → normal.
 */
export function suggestSeverity(answers: { isWholeSystemDown: boolean; isPartStopped: boolean }): Severity {
  if (answers.isWholeSystemDown) return 'critical';
  if (answers.isPartStopped) return 'urgent';
  return 'normal';
}

/** Whole minutes from `start` to the first-response deadline; negative once overdue. Injected clock. */
export function minutesToFirstResponse(severity: Severity, createdAt: Date, now: Date): number {
  const due = createdAt.getTime() + FIRST_RESPONSE_MINUTES[severity] * 60_000;
  return Math.floor((due - now.getTime()) / 60_000);
}

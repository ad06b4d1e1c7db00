import { countsAgainstQuota, type VisitType } from '../field/work-orders.ts';
import { addDays, addYears, minDate } from './local-date.ts';

/**
 * Quotas are per year (DOMAIN.md §5: "10 visits a year"), so a contract longer than a year has one
 * window per contract year: [start + k years, start + (k+1) years − 1 day], cut at the end date.
 * Returns null when the date is outside the contract.
 */
export function contractYearWindow(contract: { startDate: string; endDate: string }, date: string): { from: string; to: string } | null {
  if (date < contract.startDate || date > contract.endDate) return null;
  let k = 0;
  while (addYears(contract.startDate, k + 1) <= date) k++;
  const from = addYears(contract.startDate, k);
  const lastOfYear = addDays(addYears(contract.startDate, k + 1), -1);
  return { from, to: minDate([lastOfYear, contract.endDate]) ?? contract.endDate };
}

/** Emergency visits counted against a contract in the contract year containing `date` (routine, training… never use the quota). */
export function visitsUsed(
  contract: { id: string; startDate: string; endDate: string },
  visits: { serviceContractId: string | null; visitDate: string; isOverQuota?: boolean; type?: VisitType }[],
  date: string,
): number {
  const w = contractYearWindow(contract, date);
  if (!w) return 0;
  // Visits beyond the quota are paid by their own quote: they do not eat into the next year's count.
  return visits.filter(
    (v) =>
      v.serviceContractId === contract.id && !v.isOverQuota && countsAgainstQuota(v.type) && v.visitDate >= w.from && v.visitDate <= w.to,
  ).length;
}

/** Visits left this contract year; null = unlimited. Never below zero. */
export function visitsLeft(quota: number | null, used: number): number | null {
  return quota === null ? null : Math.max(0, quota - used);
}

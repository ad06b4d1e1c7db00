import { addDays, addYears } from './local-date.ts';
import { suggestedMaintenanceFeeFen } from './money.ts';

/**
 * What a system contract's acceptance date starts (DOMAIN.md §5, 000/003): one year of free
 * maintenance including on-site service, three years of free upgrades, hardware warranty and spare
 * parts at contract price for three years. Each "until" is the last day covered (inclusive).
 */
export function systemContractTerms(contract: { acceptanceDate: string | null; totalPriceFen: number }) {
  const a = contract.acceptanceDate;
  return {
    freeMaintenanceUntil: a ? addDays(addYears(a, 1), -1) : null,
    freeUpgradesUntil: a ? addDays(addYears(a, 3), -1) : null,
    hardwareWarrantyUntil: a ? addDays(addYears(a, 3), -1) : null,
    suggestedYearlyMaintenanceFeeFen: suggestedMaintenanceFeeFen(contract.totalPriceFen),
  };
}

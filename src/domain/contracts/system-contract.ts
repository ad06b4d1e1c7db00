import { addDays, addYears } from './local-date.ts';
import { suggestedMaintenanceFeeFen } from './money.ts';

/**
 * What a system contract's final acceptance (终验) starts (DOMAIN.md §5, 000/003 6.2): one year of free
 * maintenance including on-site service, three years of free upgrades, hardware warranty and spare
 * parts at contract price for three years. Service takes over at the initial acceptance (初验, 003 6.7).
 * Without a final acceptance date (undefined: a single acceptance date on file) the acceptance date
 * counts as both. Each "until" is the last day covered (inclusive).
 */
export function systemContractTerms(contract: {
  acceptanceDate: string | null;
  finalAcceptanceDate?: string | null;
  totalPriceFen: number;
}) {
  const a = contract.finalAcceptanceDate === undefined ? contract.acceptanceDate : contract.finalAcceptanceDate;
  return {
    freeMaintenanceUntil: a ? addDays(addYears(a, 1), -1) : null,
    freeUpgradesUntil: a ? addDays(addYears(a, 3), -1) : null,
    hardwareWarrantyUntil: a ? addDays(addYears(a, 3), -1) : null,
    suggestedYearlyMaintenanceFeeFen: suggestedMaintenanceFeeFen(contract.totalPriceFen),
  };
}

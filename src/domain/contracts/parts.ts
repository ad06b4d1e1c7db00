// Spare parts and the after-warranty expert rate (issue 14; docs/service-rules.md).
// 000: spare parts are supplied at or below the contract price for 3 years from final acceptance (终验);
// the yearly maintenance fee excludes parts and materials. 003: after the warranty, experts come on site at a
// preferential rate. Pure: prices in fen, dates as YYYY-MM-DD.
import { DEFAULT_DAILY_FEE_FEN } from './money.ts';
import { systemContractTerms } from './system-contract.ts';

/**
 * The after-warranty expert rate per person-day when Settings has none: 800 CNY, 20% below the per-visit
 * standard of 1,000 CNY (002). 003 promises "a preferential rate" without a number: the product's choice.
 */
export const DEFAULT_EXPERT_DAILY_FEE_FEN = 80_000;

/** The price-settings key of the after-warranty expert rate. */
export const EXPERT_DAILY_FEE_KEY = 'expert_daily_fee_after_warranty';

/**
 * Why a price-list entry is refused: its unit price above the contract price (000: never above it for
 * 3 years from 终验; the list is shared by every customer, so the cap holds for every entry). null: fine.
 */
export function partPriceProblem(p: { unitPriceFen: number; contractPriceFen: number }): 'above_contract_price' | null {
  return p.unitPriceFen > p.contractPriceFen ? 'above_contract_price' : null;
}

/**
 * A quote's daily fee per person when none is given: after the hardware warranty (3 years from 终验) the
 * preferential expert rate (003); within the warranty, or with no acceptance on file, the per-visit
 * standard (002).
 */
export function quoteDailyFeeDefault(o: { on: string; warrantyUntil: string | null; expertRateFen: number }): {
  fen: number;
  basis: 'after_warranty_expert_rate' | 'per_visit_standard';
} {
  if (o.warrantyUntil !== null && o.on > o.warrantyUntil) return { fen: o.expertRateFen, basis: 'after_warranty_expert_rate' };
  return { fen: DEFAULT_DAILY_FEE_FEN, basis: 'per_visit_standard' };
}

/** 000: the yearly maintenance fee covers service, not parts and materials — said on quotes and in the entitlement. */
export const MAINTENANCE_FEE_EXCLUDES_PARTS = {
  'zh-CN': '年度维护费不含备品备件及材料费；备件按备件价格表计价，终验后三年内不高于合同价。',
  en: 'The yearly maintenance fee excludes spare parts and materials; parts are priced from the price list, at or below the contract price for 3 years after final acceptance.',
} as const;

/** The last day of the hardware warranty over a customer's systems (3 years from each 终验): the latest; null without acceptance. */
export function hardwareWarrantyUntil(
  systems: { acceptanceDate: string | null; finalAcceptanceDate?: string | null; totalPriceFen: number }[],
) {
  const ends = systems.map((c) => systemContractTerms(c).hardwareWarrantyUntil).filter((d): d is string => d !== null);
  return ends.length ? (ends.sort().at(-1) ?? null) : null;
}

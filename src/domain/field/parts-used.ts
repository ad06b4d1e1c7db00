import { partPriceProblem } from '../contracts/parts.ts';

// Parts used on a work order, priced from the spare-parts price list (000; docs/service-rules.md "Spare parts").
// Pure: the list is passed in, money is integer fen, the day is YYYY-MM-DD in the service zone.
//
// - A part chosen from the list takes its name and model from the list, and its unit price from the list
//   unless one is typed; a typed price above the list's contract price (the cap) is refused.
// - A part not on the list (e.g. the customer's own) is named by hand; its price, if any, is typed.
// - Charged: quantity × unit price, or 0 under warranty, or 0 when we did not supply it (product's reading:
//   the customer is not charged for its own part).

/** A price-list entry as the pricing needs it. */
export type PriceListEntry = {
  id: string;
  name: string;
  model: string;
  unitPriceFen: number;
  contractPriceFen: number;
  validFrom: string;
  isActive: boolean;
};

/** One line as sent by the engineer or the staff page. */
export type PartLineInput = {
  sparePartId?: string | null;
  name?: string;
  model?: string | null;
  quantity: number;
  unitPriceFen?: number | null;
  isSuppliedByUs: boolean;
  isUnderWarranty: boolean;
};

/** One line as stored on the order and shown (older orders' lines have no prices: see `normalizePartUsed`). */
export type PricedPart = {
  sparePartId: string | null;
  name: string;
  model: string | null;
  quantity: number;
  unitPriceFen: number | null;
  isSuppliedByUs: boolean;
  isUnderWarranty: boolean;
  chargedFen: number;
};

/** An order's parts may not add up to more than this (100 million CNY): a typo, not a bill. Product's choice. */
export const MAX_PARTS_TOTAL_FEN = 10_000_000_000;

export type PartLineProblem = 'not_on_price_list' | 'not_yet_valid' | 'inactive' | 'above_contract_price' | 'name_required' | 'too_large';

/** Which field of a line a problem concerns (the API's `fields` key is `parts.<index>.<field>`). */
export const PROBLEM_FIELD: Record<PartLineProblem, 'sparePartId' | 'unitPriceFen' | 'name' | 'quantity'> = {
  not_on_price_list: 'sparePartId',
  not_yet_valid: 'sparePartId',
  inactive: 'sparePartId',
  above_contract_price: 'unitPriceFen',
  name_required: 'name',
  too_large: 'quantity',
};

/** What a line is charged: nothing under warranty or when the customer supplied the part. */
export function chargedFen(p: { quantity: number; unitPriceFen: number | null; isSuppliedByUs: boolean; isUnderWarranty: boolean }) {
  if (p.isUnderWarranty || !p.isSuppliedByUs || p.unitPriceFen === null) return 0;
  return p.quantity * p.unitPriceFen;
}

/** One line priced from the list in force on `on`, or why it is refused. */
export function pricePartLine({
  line,
  list,
  on,
}: {
  line: PartLineInput;
  list: readonly PriceListEntry[];
  on: string;
}): { part: PricedPart } | { problem: PartLineProblem } {
  let base: Pick<PricedPart, 'sparePartId' | 'name' | 'model' | 'unitPriceFen'>;
  if (line.sparePartId) {
    const entry = list.find((e) => e.id === line.sparePartId);
    if (!entry) return { problem: 'not_on_price_list' };
    if (!entry.isActive) return { problem: 'inactive' };
    if (entry.validFrom > on) return { problem: 'not_yet_valid' };
    const unitPriceFen = line.unitPriceFen ?? entry.unitPriceFen;
    if (partPriceProblem({ unitPriceFen, contractPriceFen: entry.contractPriceFen })) return { problem: 'above_contract_price' };
    base = { sparePartId: entry.id, name: entry.name, model: entry.model, unitPriceFen };
  } else {
    const name = line.name?.trim() ?? '';
    if (!name) return { problem: 'name_required' };
    base = { sparePartId: null, name, model: line.model?.trim() || null, unitPriceFen: line.unitPriceFen ?? null };
  }
  const part = { ...base, quantity: line.quantity, isSuppliedByUs: line.isSuppliedByUs, isUnderWarranty: line.isUnderWarranty };
  const charged = chargedFen(part);
  if (!Number.isSafeInteger(charged) || charged > MAX_PARTS_TOTAL_FEN) return { problem: 'too_large' };
  return { part: { ...part, chargedFen: charged } };
}

/** Every line priced, with the total; or the first refused line's index and problem. */
export function priceParts({
  lines,
  list,
  on,
}: {
  lines: readonly PartLineInput[];
  list: readonly PriceListEntry[];
  on: string;
}): { parts: PricedPart[]; totalFen: number } | { index: number; problem: PartLineProblem } {
  const parts: PricedPart[] = [];
  let totalFen = 0;
  for (const [index, line] of lines.entries()) {
    const priced = pricePartLine({ line, list, on });
    if ('problem' in priced) return { index, problem: priced.problem };
    totalFen += priced.part.chargedFen;
    if (totalFen > MAX_PARTS_TOTAL_FEN) return { index, problem: 'too_large' };
    parts.push(priced.part);
  }
  return { parts, totalFen };
}

/** A stored line in today's shape: lines saved before prices (issue 14) have no price and are charged 0. */
export function normalizePartUsed(p: Partial<PricedPart> & { name: string; quantity: number }): PricedPart {
  const unitPriceFen = p.unitPriceFen ?? null;
  const part = {
    sparePartId: p.sparePartId ?? null,
    name: p.name,
    model: p.model ?? null,
    quantity: p.quantity,
    unitPriceFen,
    isSuppliedByUs: p.isSuppliedByUs ?? true,
    isUnderWarranty: p.isUnderWarranty ?? false,
  };
  return { ...part, chargedFen: p.chargedFen ?? chargedFen(part) };
}

export function partsTotalFen(parts: readonly { chargedFen: number }[]): number {
  return parts.reduce((sum, p) => sum + p.chargedFen, 0);
}

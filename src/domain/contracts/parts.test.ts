import { describe, expect, test } from 'vitest';
import { DEFAULT_DAILY_FEE_FEN } from './money.ts';
import { DEFAULT_EXPERT_DAILY_FEE_FEN, hardwareWarrantyUntil, partPriceProblem, quoteDailyFeeDefault } from './parts.ts';

describe('spare-part prices (000)', () => {
  test.each([
    ['below the contract price', 9_000, 10_000, null],
    ['at the contract price', 10_000, 10_000, null],
    ['one fen above it', 10_001, 10_000, 'above_contract_price'],
    ['free', 0, 0, null],
  ] as const)('%s', (_case, unitPriceFen, contractPriceFen, problem) => {
    expect(partPriceProblem({ unitPriceFen, contractPriceFen })).toBe(problem);
  });
});

describe('a quote’s daily fee default (003: experts at a preferential rate after the warranty)', () => {
  test.each([
    ['within the warranty', '2027-06-01', '2028-12-31', DEFAULT_DAILY_FEE_FEN, 'per_visit_standard'],
    ['on the warranty’s last day', '2028-12-31', '2028-12-31', DEFAULT_DAILY_FEE_FEN, 'per_visit_standard'],
    ['the day after', '2029-01-01', '2028-12-31', DEFAULT_EXPERT_DAILY_FEE_FEN, 'after_warranty_expert_rate'],
    ['no acceptance on file', '2029-01-01', null, DEFAULT_DAILY_FEE_FEN, 'per_visit_standard'],
  ] as const)('%s', (_case, on, warrantyUntil, fen, basis) => {
    expect(quoteDailyFeeDefault({ on, warrantyUntil, expertRateFen: DEFAULT_EXPERT_DAILY_FEE_FEN })).toEqual({ fen, basis });
  });
});

describe('the hardware warranty over a customer’s systems', () => {
  test.each([
    ['none on file', [], null],
    ['not accepted', [{ acceptanceDate: null, finalAcceptanceDate: null, totalPriceFen: 1 }], null],
    [
      'one final acceptance: 3 years less a day',
      [{ acceptanceDate: '2025-01-10', finalAcceptanceDate: '2025-06-01', totalPriceFen: 1 }],
      '2028-05-31',
    ],
    ['a single date counts as 终验', [{ acceptanceDate: '2025-01-10', totalPriceFen: 1 }], '2028-01-09'],
    [
      'several systems: the latest',
      [
        { acceptanceDate: '2020-01-01', totalPriceFen: 1 },
        { acceptanceDate: '2024-03-01', finalAcceptanceDate: '2024-09-01', totalPriceFen: 1 },
      ],
      '2027-08-31',
    ],
  ] as const)('%s', (_case, systems, until) => {
    expect(hardwareWarrantyUntil([...systems])).toBe(until);
  });
});

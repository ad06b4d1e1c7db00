import { describe, expect, test } from 'vitest';
import {
  MAX_PARTS_TOTAL_FEN,
  normalizePartUsed,
  type PartLineInput,
  type PriceListEntry,
  partsTotalFen,
  pricePartLine,
  priceParts,
} from './parts-used.ts';

// Parts used on a work order priced from the spare-parts price list (000).
const disk: PriceListEntry = {
  id: 'disk',
  name: '硬盘',
  model: 'ST2000NM 2TB SAS',
  unitPriceFen: 180_000,
  contractPriceFen: 200_000,
  validFrom: '2026-01-01',
  isActive: true,
};
const list: PriceListEntry[] = [
  disk,
  { ...disk, id: 'retired', model: 'old', isActive: false },
  { ...disk, id: 'later', model: 'next year', validFrom: '2027-01-01' },
];
const on = '2026-03-02';
const ours = { isSuppliedByUs: true, isUnderWarranty: false };

describe('one part line priced from the list', () => {
  test.each<[string, PartLineInput, object]>([
    [
      'from the list: name, model and unit price filled',
      { sparePartId: 'disk', quantity: 2, ...ours },
      { sparePartId: 'disk', name: '硬盘', model: 'ST2000NM 2TB SAS', unitPriceFen: 180_000, chargedFen: 360_000 },
    ],
    ['the list wins over a typed name', { sparePartId: 'disk', name: '别的', quantity: 1, ...ours }, { name: '硬盘', chargedFen: 180_000 }],
    ['a typed price below the list price', { sparePartId: 'disk', quantity: 3, unitPriceFen: 150_000, ...ours }, { chargedFen: 450_000 }],
    ['a typed price at the cap', { sparePartId: 'disk', quantity: 1, unitPriceFen: 200_000, ...ours }, { chargedFen: 200_000 }],
    [
      'under warranty: charged 0',
      { sparePartId: 'disk', quantity: 2, isSuppliedByUs: true, isUnderWarranty: true },
      { unitPriceFen: 180_000, chargedFen: 0 },
    ],
    [
      'the customer’s own part: charged 0',
      { sparePartId: 'disk', quantity: 2, isSuppliedByUs: false, isUnderWarranty: false },
      { chargedFen: 0 },
    ],
    [
      'not on the list, no price',
      { name: ' 网线 ', quantity: 5, ...ours },
      { sparePartId: null, name: '网线', model: null, unitPriceFen: null, chargedFen: 0 },
    ],
    [
      'not on the list, a typed price (no cap to hold)',
      { name: '网线', model: 'Cat6', quantity: 5, unitPriceFen: 1_000, ...ours },
      { model: 'Cat6', chargedFen: 5_000 },
    ],
    ['free from the list', { sparePartId: 'disk', quantity: 10_000, unitPriceFen: 0, ...ours }, { chargedFen: 0 }],
  ])('%s', (_case, line, expected) => {
    const priced = pricePartLine({ line, list, on });
    expect(priced).toEqual({ part: expect.objectContaining({ quantity: line.quantity, ...expected }) });
  });

  test.each<[string, PartLineInput, string]>([
    ['one fen above the cap', { sparePartId: 'disk', quantity: 1, unitPriceFen: 200_001, ...ours }, 'above_contract_price'],
    [
      'above the cap even under warranty',
      { sparePartId: 'disk', quantity: 1, unitPriceFen: 999_999, isSuppliedByUs: true, isUnderWarranty: true },
      'above_contract_price',
    ],
    ['an id not on the list', { sparePartId: 'other-list', quantity: 1, ...ours }, 'not_on_price_list'],
    ['a part taken off the list', { sparePartId: 'retired', quantity: 1, ...ours }, 'inactive'],
    ['a price not yet valid on the day', { sparePartId: 'later', quantity: 1, ...ours }, 'not_yet_valid'],
    ['no name and no list entry', { name: '  ', quantity: 1, ...ours }, 'name_required'],
    ['a huge price × quantity', { name: 'x', quantity: 10_000, unitPriceFen: Number.MAX_SAFE_INTEGER, ...ours }, 'too_large'],
    ['just over the order limit', { name: 'x', quantity: 1, unitPriceFen: MAX_PARTS_TOTAL_FEN + 1, ...ours }, 'too_large'],
  ])('refused: %s', (_case, line, problem) => {
    expect(pricePartLine({ line, list, on })).toEqual({ problem });
  });
});

describe('an order’s parts', () => {
  test('the total adds the charged lines; the first refused line is named', () => {
    const lines: PartLineInput[] = [
      { sparePartId: 'disk', quantity: 2, ...ours },
      { sparePartId: 'disk', quantity: 1, isSuppliedByUs: true, isUnderWarranty: true },
      { name: '网线', quantity: 3, unitPriceFen: 500, ...ours },
    ];
    const priced = priceParts({ lines, list, on });
    expect(priced).toMatchObject({ totalFen: 361_500 });
    expect('parts' in priced && partsTotalFen(priced.parts)).toBe(361_500);
    expect(priceParts({ lines: [...lines, { sparePartId: 'nope', quantity: 1, ...ours }], list, on })).toEqual({
      index: 3,
      problem: 'not_on_price_list',
    });
    expect(priceParts({ lines: [], list, on })).toEqual({ parts: [], totalFen: 0 });
  });

  test('lines within the limit that add up beyond it are refused', () => {
    const half = { name: 'x', quantity: 1, unitPriceFen: MAX_PARTS_TOTAL_FEN / 2 + 1, ...ours };
    expect(priceParts({ lines: [half, half], list, on })).toEqual({ index: 1, problem: 'too_large' });
  });

  test('a line saved before prices reads as unpriced, charged 0', () => {
    expect(normalizePartUsed({ name: '硬盘', quantity: 2, isSuppliedByUs: true, isUnderWarranty: false })).toEqual({
      sparePartId: null,
      name: '硬盘',
      model: null,
      quantity: 2,
      unitPriceFen: null,
      isSuppliedByUs: true,
      isUnderWarranty: false,
      chargedFen: 0,
    });
  });
});

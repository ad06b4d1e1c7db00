import { DEFAULT_DAILY_FEE_FEN } from '../../../domain/contracts/money.ts';
import { DEFAULT_EXPERT_DAILY_FEE_FEN, EXPERT_DAILY_FEE_KEY, partPriceProblem } from '../../../domain/contracts/parts.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import {
  findPriceSetting,
  findSparePartForUpdate,
  insertSparePart,
  selectSpareParts,
  updateSparePartRow,
  upsertPriceSetting,
} from './parts.repo.ts';
import type { PriceSettingsInput, SparePartInput, UpdateSparePartInput } from './parts.schema.ts';

function assertPrice(p: { unitPriceFen: number; contractPriceFen: number }) {
  if (partPriceProblem(p)) {
    throw new AppError('validation_failed', 'the unit price may not exceed the contract price (000: for 3 years from final acceptance)', {
      unitPriceFen: 'above contract price',
    });
  }
}

export async function listSpareParts({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'spare_part.read');
  return { items: await selectSpareParts(deps.db) };
}

/** The whole price list for pricing the parts used on a work order (work-orders.service; no authorization here). */
export async function priceListForPricing(tx: Tx) {
  return selectSpareParts(tx);
}

export async function createSparePart({ deps, actor, input }: { deps: Deps; actor: Actor; input: SparePartInput }) {
  authorize(actor, 'spare_part.manage');
  assertPrice(input);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const row = await insertSparePart(tx, { ...input, createdAt: now, updatedAt: now });
    if (!row) throw new AppError('conflict', `${input.name} ${input.model} is already on the price list`, { model: 'taken' });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'spare_part.create',
      entityType: 'spare_part',
      entityId: row.id,
      after: row,
      at: now,
    });
    return row;
  });
}

export async function updateSparePart({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: UpdateSparePartInput }) {
  authorize(actor, 'spare_part.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findSparePartForUpdate(tx, id);
    if (!before) throw notFound('spare part');
    assertPrice({ ...before, ...input });
    const row = await updateSparePartRow(tx, id, { ...input, updatedAt: now });
    if (!row) throw notFound('spare part');
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'spare_part.update',
      entityType: 'spare_part',
      entityId: id,
      before,
      after: row,
      at: now,
    });
    return row;
  });
}

/** The after-warranty expert rate per person-day: Settings, else the product's default (domain/contracts/parts.ts). */
export async function expertDailyFeeFen(tx: Tx): Promise<number> {
  return (await findPriceSetting(tx, EXPERT_DAILY_FEE_KEY))?.valueFen ?? DEFAULT_EXPERT_DAILY_FEE_FEN;
}

function shapeSettings(value: number | undefined) {
  return {
    expertDailyFeeFen: value ?? DEFAULT_EXPERT_DAILY_FEE_FEN,
    defaultExpertDailyFeeFen: DEFAULT_EXPERT_DAILY_FEE_FEN,
    perVisitStandardFen: DEFAULT_DAILY_FEE_FEN,
    isDefault: value === undefined,
  };
}

export async function getPriceSettings({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'spare_part.read');
  return shapeSettings((await findPriceSetting(deps.db, EXPERT_DAILY_FEE_KEY))?.valueFen);
}

export async function updatePriceSettings({ deps, actor, input }: { deps: Deps; actor: Actor; input: PriceSettingsInput }) {
  authorize(actor, 'price_setting.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await findPriceSetting(tx, EXPERT_DAILY_FEE_KEY);
    const row = await upsertPriceSetting(tx, EXPERT_DAILY_FEE_KEY, input.expertDailyFeeFen, now);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'price_setting.update',
      entityType: 'price_setting',
      entityId: null,
      before: before ?? null,
      after: row,
      at: now,
    });
    return shapeSettings(row?.valueFen);
  });
}

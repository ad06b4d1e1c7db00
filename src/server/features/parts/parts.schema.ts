import { z } from 'zod';
import { Fen, LocalDate } from '../contracts/contracts.schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A price-list entry (000): the unit price never above the contract price (the cap). */
export const SparePartBody = z
  .object({
    name: text(100),
    model: text(100),
    unitPriceFen: Fen,
    contractPriceFen: Fen,
    validFrom: LocalDate,
    isActive: z.boolean().optional(),
  })
  .strict();
export type SparePartInput = z.infer<typeof SparePartBody>;

export const UpdateSparePartBody = z
  .object({
    name: text(100).optional(),
    model: text(100).optional(),
    unitPriceFen: Fen.optional(),
    contractPriceFen: Fen.optional(),
    validFrom: LocalDate.optional(),
    isActive: z.boolean().optional(),
  })
  .strict();
export type UpdateSparePartInput = z.infer<typeof UpdateSparePartBody>;

export const SparePartResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  model: z.string(),
  unitPriceFen: z.number().int(),
  contractPriceFen: z.number().int(),
  validFrom: z.string(),
  isActive: z.boolean(),
  updatedAt: z.date(),
});
export const SparePartListResponse = z.object({ items: z.array(SparePartResponse) });

/** Prices set in Settings: the after-warranty expert rate per person-day (003). */
export const PriceSettingsBody = z.object({ expertDailyFeeFen: Fen }).strict();
export type PriceSettingsInput = z.infer<typeof PriceSettingsBody>;
export const PriceSettingsResponse = z.object({
  expertDailyFeeFen: z.number().int(),
  /** The built-in default (product's choice) and whether Settings overrides it. */
  defaultExpertDailyFeeFen: z.number().int(),
  perVisitStandardFen: z.number().int(),
  isDefault: z.boolean(),
});

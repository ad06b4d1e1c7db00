import { z } from 'zod';
import { IMPORT_KINDS, RowErrorSchema } from '../../../domain/imports/import-rows.ts';

/** The form fields sent with the file (multipart): which kind of rows, and for commit the preview's token. */
export const ImportFields = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    /** From the preview: the commit is refused (409) if the file is not the one previewed. */
    token: z
      .string()
      .regex(/^[0-9a-f]{64}$/u, 'the token from the preview')
      .optional(),
  })
  .strict();
export type ImportFieldsInput = z.infer<typeof ImportFields>;

/**
 * One bad row: `code` and `params` for machines (one params shape per code; for `invalid`, `params.rule`
 * names the check), `reason` in English for people reading the API. The domain's own schema, so the
 * preview's list and the 422 `error.details.errors` of a refused commit are the same objects.
 */
export const RowErrorResponse = RowErrorSchema;

const SampleValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ImportPreviewResponse = z.object({
  kind: z.enum(IMPORT_KINDS),
  format: z.enum(['csv', 'xlsx']),
  /** Non-blank data rows under the header. */
  rows: z.number().int(),
  /** Rows that would be imported; the commit writes only when valid === rows and errors is empty. */
  valid: z.number().int(),
  errors: z.array(RowErrorResponse),
  /** The first valid rows as they would be stored (names of the API fields). */
  sample: z.array(z.object({ row: z.number().int(), values: z.record(z.string(), SampleValue) })),
  /** Headers that match no column and are left out (序号, 备注, …). */
  ignoredColumns: z.array(z.string()),
  /** SHA-256 of the kind and the file: send it back with the same file to commit. */
  token: z.string(),
});

export const ImportCommitResponse = z.object({
  kind: z.enum(IMPORT_KINDS),
  rows: z.number().int(),
  created: z.number().int(),
  token: z.string(),
});

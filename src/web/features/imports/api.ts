import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportKind } from '../../../domain/imports/import-rows.ts';
import type { ImportCommitResponse, ImportPreviewResponse, RowErrorResponse } from '../../../server/features/imports/imports.schema.ts';
import { apiUpload, isApiError } from '../../api/client.ts';
import { archiveKeys } from '../archive/api.ts';
import { customerKeys } from '../customers/api.ts';

export type ImportPreview = z.infer<typeof ImportPreviewResponse>;
export type ImportCommit = z.infer<typeof ImportCommitResponse>;
export type ImportRowError = z.infer<typeof RowErrorResponse>;

/** The multipart body of both steps: the kind (and the preview's token) first, then the file. */
function importForm(kind: ImportKind, file: File, token?: string): FormData {
  const form = new FormData();
  form.append('kind', kind);
  if (token) form.append('token', token);
  form.append('file', file, file.name);
  return form;
}

/** POST /imports/preview: reads the file and lists every bad row; writes nothing, so it is a mutation only in form. */
export function useImportPreview() {
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => apiUpload<ImportPreview>('/imports/preview', importForm(kind, file)),
  });
}

/** POST /imports/commit: the same file and kind with the preview's token; all rows or none. */
export function useImportCommit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, token }: { kind: ImportKind; file: File; token: string }) =>
      apiUpload<ImportCommit>('/imports/commit', importForm(kind, file, token)),
    // New customers, contacts or modules: every customer list and archive page may change.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.all });
      await queryClient.invalidateQueries({ queryKey: archiveKeys.all });
    },
  });
}

/** The row list of a refused commit (422 import_invalid), when the server sent one. */
export function rejectedRows(error: unknown): { rows: number; valid: number; errors: ImportRowError[] } | null {
  if (!isApiError(error, 'import_invalid')) return null;
  const details = error.details as { rows?: unknown; valid?: unknown; errors?: unknown } | undefined;
  if (!details || !Array.isArray(details.errors)) return null;
  return { rows: Number(details.rows) || 0, valid: Number(details.valid) || 0, errors: details.errors as ImportRowError[] };
}

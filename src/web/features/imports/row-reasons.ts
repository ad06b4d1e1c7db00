import type { TFunction } from 'i18next';
import type { ImportKind } from '../../../domain/imports/import-rows.ts';
import type { ImportRowError } from './api.ts';

/**
 * A row error in the user's language. The server's `reason` is an English sentence; the `code` says
 * which kind of problem it is and the few values it names (the cell, a row, a limit) are read back out
 * of it, so the sentence is rebuilt in zh-CN or en. Anything not recognised shows the server's text.
 */
export function rowReason(error: ImportRowError, kind: ImportKind, t: TFunction): string {
  const reason = error.reason;
  const column = error.column ?? '';
  const quoted = /^"(.*)" is /su.exec(reason)?.[1];
  switch (error.code) {
    case 'empty_file':
      return reason.includes('no header') ? t('imports.reasons.noHeader') : t('imports.reasons.noRows');
    case 'missing_column':
      return t('imports.reasons.missingColumn', { column });
    case 'duplicate_column': {
      const first = /repeats "(.*)"$/su.exec(reason)?.[1] ?? '';
      return t('imports.reasons.duplicateColumn', { column, first });
    }
    case 'too_many_rows':
      return t('imports.reasons.tooManyRows', { max: /at most (\d+)/u.exec(reason)?.[1] ?? '5000' });
    case 'required':
      return reason.includes('accepted') ? t('imports.reasons.acceptanceDateRequired') : t('imports.reasons.required');
    case 'too_long':
      return t('imports.reasons.tooLong', { max: /longer than (\d+)/u.exec(reason)?.[1] ?? '' });
    case 'duplicate_in_file':
      return t('imports.reasons.duplicateInFile', { row: /repeats row (\d+)/u.exec(reason)?.[1] ?? '' });
    case 'exists':
      return t(`imports.reasons.exists.${kind}`);
    case 'unknown_customer':
      return t('imports.reasons.unknownCustomer', { name: /named "(.*)"/su.exec(reason)?.[1] ?? '' });
    case 'invalid':
      return invalidReason(reason, quoted, t);
  }
}

function invalidReason(reason: string, value: string | undefined, t: TFunction): string {
  if (value !== undefined) {
    if (reason.includes('is not one of')) return t('imports.reasons.notOneOf', { value });
    if (reason.includes('number of beds')) return t('imports.reasons.beds', { value });
    if (reason.includes('phone number')) return t('imports.reasons.phone', { value });
    if (reason.includes('e-mail')) return t('imports.reasons.email', { value });
    if (reason.includes('yes/no')) return t('imports.reasons.yesNo', { value });
    if (reason.includes('not a date')) return t('imports.reasons.date', { value });
  }
  if (reason.startsWith('only an accepted')) return t('imports.reasons.acceptanceDateOnlyAccepted');
  const before = /^acceptance (\S+) is before go-live (\S+)$/u.exec(reason);
  if (before) return t('imports.reasons.acceptanceBeforeGoLive', { acceptance: before[1], goLive: before[2] });
  const primary = /^row (\d+) is already the primary contact$/u.exec(reason);
  if (primary) return t('imports.reasons.secondPrimary', { row: primary[1] });
  return t('imports.reasons.other', { reason });
}

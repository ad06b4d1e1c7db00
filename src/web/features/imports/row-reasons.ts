import type { TFunction } from 'i18next';
import type { ImportRowError } from './api.ts';

/**
 * A row error in the user's language, from its `code` and `params` (the values it names: the cell, a
 * row, a limit). The server's English `reason` is shown only for a code (or, for `invalid`, a rule)
 * this page does not know, e.g. from a newer server.
 */
export function rowReason(error: ImportRowError, t: TFunction): string {
  // A server that sends no params (older than this page) is shown as it is.
  if (typeof error.params !== 'object' || error.params === null) return t('imports.reasons.other', { reason: error.reason });
  switch (error.code) {
    case 'empty_file':
      return error.params.missing === 'header' ? t('imports.reasons.noHeader') : t('imports.reasons.noRows');
    case 'missing_column':
      return t('imports.reasons.missingColumn', { column: error.params.column });
    case 'duplicate_column':
      return t('imports.reasons.duplicateColumn', { column: error.params.column, first: error.params.first });
    case 'too_many_rows':
      return t('imports.reasons.tooManyRows', { max: error.params.max });
    case 'required':
      return error.params.when === 'accepted' ? t('imports.reasons.acceptanceDateRequired') : t('imports.reasons.required');
    case 'too_long':
      return t('imports.reasons.tooLong', { max: error.params.max });
    case 'duplicate_in_file':
      return t('imports.reasons.duplicateInFile', { row: error.params.firstRow });
    case 'exists':
      return t(`imports.reasons.exists.${error.params.kind}`, { defaultValue: error.reason });
    case 'unknown_customer':
      return t('imports.reasons.unknownCustomer', { customer: error.params.customer });
    case 'invalid':
      return invalidReason(error.params, error.reason, t);
    default:
      return serverReason(error, t);
  }
}

function invalidReason(params: Extract<ImportRowError, { code: 'invalid' }>['params'], reason: string, t: TFunction): string {
  switch (params.rule) {
    case 'choice':
      return t('imports.reasons.notOneOf', { value: params.value });
    case 'beds':
      return t('imports.reasons.beds', { value: params.value, min: params.min, max: params.max });
    case 'phone':
      return t('imports.reasons.phone', { value: params.value });
    case 'email':
      return t('imports.reasons.email', { value: params.value });
    case 'yes_no':
      return t('imports.reasons.yesNo', { value: params.value });
    case 'date':
      return t('imports.reasons.date', { value: params.value });
    case 'acceptance_date_not_accepted':
      return t('imports.reasons.acceptanceDateOnlyAccepted');
    case 'acceptance_before_go_live':
      return t('imports.reasons.acceptanceBeforeGoLive', { acceptance: params.acceptance, goLive: params.goLive });
    case 'second_primary':
      return t('imports.reasons.secondPrimary', { row: params.firstRow });
    default:
      return t('imports.reasons.other', { reason });
  }
}

/** An unknown code: the types say it cannot happen, a newer server may still send one. */
function serverReason(error: never, t: TFunction): string {
  const { reason } = error as { reason?: unknown };
  return t('imports.reasons.other', { reason: typeof reason === 'string' ? reason : '' });
}

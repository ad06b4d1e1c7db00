import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';

/** One sentence for a toast from any failure, in the user's language where we know the code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    switch (error.code) {
      case 'network_error':
        return t('errors.network');
      case 'conflict':
        return t('errors.conflict');
      case 'forbidden':
        return t('errors.forbidden');
      case 'not_found':
        return t('errors.notFound');
      case 'rate_limited':
        return t('errors.rateLimited');
      case 'invalid_transition':
        return t('errors.invalidTransition', { message: error.message });
      case 'validation_failed':
        return error.fields ? t('errors.validation') : t('errors.generic', { message: error.message });
      default:
        return t('errors.generic', { message: error.message });
    }
  }
  return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
}

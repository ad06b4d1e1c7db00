import type { TFunction } from 'i18next';

/**
 * The results page's count line. `ranked` is how many matches were ranked (at most the server's window);
 * when the search was capped more requests match than that, so the total is "more than".
 */
export function resultCountText(t: TFunction, { ranked, shown, isCapped }: { ranked: number; shown: number; isCapped: boolean }): string {
  if (isCapped) return t('search.countCapped', { count: ranked, shown });
  if (ranked > shown) return t('search.countLimited', { count: ranked, shown });
  return ranked === 1 ? t('search.countOne') : t('search.count', { count: ranked });
}

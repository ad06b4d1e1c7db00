// Which tier to choose (002 五(一)): a recommendation from the hospital's grade, its IT staff, its distance
// from the vendor and its finances, with the reasons. The seed names the factors and the direction (a large,
// high-grade hospital — 三级 — generally Diamond or Gold; short of skilled IT staff, a higher tier if finances
// allow; distance and finances also count); the steps below are the product's own reading
// (docs/service-rules.md). Pure: the built-in tier codes out, the web turns reasons into words.
import type { DistanceClass } from '../sla.ts';
import type { Finances } from './vocabulary.ts';

export const RECOMMENDED_TIERS = ['bronze', 'silver', 'gold', 'diamond'] as const;
export type RecommendedTier = (typeof RECOMMENDED_TIERS)[number];

/** IT staff at or below this count is "short of skilled staff" (product's choice). */
export const FEW_IT_STAFF = 2;

export type TierFactors = {
  grade: string | null;
  itStaffCount: number | null;
  distanceClass: DistanceClass;
  finances: Finances | null;
};

export type TierReason =
  | { code: 'grade_3'; effect: 'base' }
  | { code: 'grade_2'; effect: 'base' }
  | { code: 'grade_other'; effect: 'base' }
  | { code: 'few_it_staff'; effect: 'up' | 'none' }
  | { code: 'enough_it_staff'; effect: 'none' }
  | { code: 'far_away'; effect: 'up' | 'none' }
  | { code: 'finances_tight'; effect: 'cap' | 'none' }
  | { code: 'unknown'; effect: 'none'; missing: ('grade' | 'itStaffCount' | 'finances')[] };

export type TierRecommendation = { tier: RecommendedTier; reasons: TierReason[] };

/** 三级 / 3 / III → 3, 二级 → 2, 一级 → 1, anything else → null. */
export function hospitalLevel(grade: string | null): 1 | 2 | 3 | null {
  const g = (grade ?? '').trim();
  if (/^(三级|3|III)/i.test(g)) return 3;
  if (/^(二级|2|II)/i.test(g)) return 2;
  if (/^(一级|1|I)/i.test(g)) return 1;
  return null;
}

/**
 * Base tier by grade (三级 Gold, 二级 Silver, otherwise Bronze); one step up when IT staff is short
 * (≤ FEW_IT_STAFF) and one when the hospital is far (elsewhere) — each only if finances are not tight;
 * tight finances cap the answer at Silver. Never above Diamond.
 */
export function recommendTier(f: TierFactors): TierRecommendation {
  const reasons: TierReason[] = [];
  const level = hospitalLevel(f.grade);
  let step = level === 3 ? 2 : level === 2 ? 1 : 0;
  reasons.push({ code: level === 3 ? 'grade_3' : level === 2 ? 'grade_2' : 'grade_other', effect: 'base' });
  const tight = f.finances === 'tight';
  if (f.itStaffCount !== null) {
    if (f.itStaffCount <= FEW_IT_STAFF) {
      reasons.push({ code: 'few_it_staff', effect: tight ? 'none' : 'up' });
      if (!tight) step += 1;
    } else reasons.push({ code: 'enough_it_staff', effect: 'none' });
  }
  if (f.distanceClass === 'elsewhere') {
    reasons.push({ code: 'far_away', effect: tight ? 'none' : 'up' });
    if (!tight) step += 1;
  }
  if (tight) {
    reasons.push({ code: 'finances_tight', effect: step > 1 ? 'cap' : 'none' });
    step = Math.min(step, 1);
  }
  const missing = (
    [
      ['grade', level === null],
      ['itStaffCount', f.itStaffCount === null],
      ['finances', f.finances === null],
    ] as const
  )
    .filter(([, m]) => m)
    .map(([k]) => k);
  if (missing.length) reasons.push({ code: 'unknown', effect: 'none', missing });
  return { tier: RECOMMENDED_TIERS[Math.min(step, RECOMMENDED_TIERS.length - 1)], reasons };
}

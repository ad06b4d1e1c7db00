/**
 * Retraining of senior system administrators is counted in person-times per contract year (002: Diamond 2,
 * Gold 1): each trainee on a retraining session uses one. Trainees beyond the quota need a per-visit quote
 * or a manager's override; they are recorded as over quota and do not use up the next year's count.
 */
export function retrainingAllowance(input: { quota: number; used: number; trainees: number }): {
  withinQuota: number;
  overQuota: number;
  left: number;
} {
  const left = Math.max(0, input.quota - input.used);
  const withinQuota = Math.min(left, input.trainees);
  return { withinQuota, overQuota: input.trainees - withinQuota, left };
}

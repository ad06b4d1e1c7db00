import type { DistanceClass } from '../sla.ts';
import type { Severity } from '../vocabulary.ts';

// When the on-site arrival clock starts and how long it runs. Pure: no I/O.
//
// - `dispatch` (000): at dispatch, by the customer's distance class (2 / 24 / 48 h by default);
// - `written_confirmation` (002 四(二)): at the customer's written confirmation of the proposed solution,
//   urgent ≤ 12 h, non-urgent ≤ 36 h (a critical request counts as urgent).
// Distance rules (002: "北京及周边城市特殊处理") name a province, optionally a city, and give either a
// distance class or explicit hours; they are consulted before the customer's own distance class. A city
// rule beats its province's rule; the first matching rule of the same precision wins.

export const ON_SITE_STARTS = ['dispatch', 'written_confirmation'] as const;
export type OnSiteStart = (typeof ON_SITE_STARTS)[number];

export const CONFIRMATION_ON_SITE_HOURS: Record<Severity, number> = { critical: 12, urgent: 12, normal: 36 };

export type DistanceRule = { province: string; city?: string | null } & ({ distance: DistanceClass } | { hours: number });

export type CustomerPlace = { province: string | null; city: string | null; distanceClass: DistanceClass };

/** The trigger that starts the clock under this policy option. */
export function startsOnSiteClock(start: OnSiteStart, trigger: OnSiteStart): boolean {
  return start === trigger;
}

/** Province and city names compared without their 省/市/自治区 suffixes and spaces (北京 = 北京市). */
export function placeKey(name: string | null | undefined): string {
  return (name ?? '')
    .trim()
    .replace(/\s+/g, '')
    .replace(/(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|省|市|地区|盟)$/u, '');
}

/** The rule that applies to a customer's place: a city rule first, then a province-wide one. */
export function matchDistanceRule(rules: readonly DistanceRule[], place: Pick<CustomerPlace, 'province' | 'city'>): DistanceRule | null {
  const province = placeKey(place.province);
  const city = placeKey(place.city);
  if (!province && !city) return null;
  const sameProvince = (r: DistanceRule) => placeKey(r.province) === province || (province === '' && placeKey(r.province) === city);
  const byCity = rules.find((r) => r.city && placeKey(r.city) === city && sameProvince(r));
  if (byCity) return byCity;
  return rules.find((r) => !r.city && sameProvince(r)) ?? null;
}

/**
 * Minutes the on-site clock runs for. At written confirmation: 12 h urgent, 36 h otherwise. At
 * dispatch: a distance rule's explicit hours, or the minutes of its distance class (else the customer's).
 */
export function onSiteMinutes({
  start,
  severity,
  place,
  rules,
  minutesByDistance,
}: {
  start: OnSiteStart;
  severity: Severity;
  place: CustomerPlace;
  rules: readonly DistanceRule[];
  minutesByDistance: Record<DistanceClass, number>;
}): number {
  if (start === 'written_confirmation') return CONFIRMATION_ON_SITE_HOURS[severity] * 60;
  const rule = matchDistanceRule(rules, place);
  if (rule && 'hours' in rule) return Math.round(rule.hours * 60);
  return minutesByDistance[rule ? rule.distance : place.distanceClass];
}

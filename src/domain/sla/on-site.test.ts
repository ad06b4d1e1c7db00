import { describe, expect, test } from 'vitest';
import { type DistanceRule, matchDistanceRule, onSiteMinutes, placeKey, startsOnSiteClock } from './on-site.ts';

const MINUTES = { same_city: 120, same_province: 1440, elsewhere: 2880 };
const RULES: DistanceRule[] = [
  { province: '北京市', hours: 4 },
  { province: '河北省', city: '廊坊市', distance: 'same_city' },
  { province: '河北省', distance: 'same_province' },
];

describe('on-site clock: when it starts and how long it runs', () => {
  test('the policy option picks the trigger', () => {
    expect(startsOnSiteClock('dispatch', 'dispatch')).toBe(true);
    expect(startsOnSiteClock('dispatch', 'written_confirmation')).toBe(false);
    expect(startsOnSiteClock('written_confirmation', 'dispatch')).toBe(false);
    expect(startsOnSiteClock('written_confirmation', 'written_confirmation')).toBe(true);
  });

  test('002 四(二): after the written confirmation, urgent ≤ 12 h and non-urgent ≤ 36 h, wherever the customer is', () => {
    const place = { province: '新疆维吾尔自治区', city: '乌鲁木齐市', distanceClass: 'elsewhere' as const };
    const at = (severity: 'critical' | 'urgent' | 'normal') =>
      onSiteMinutes({ start: 'written_confirmation', severity, place, rules: RULES, minutesByDistance: MINUTES });
    expect(at('urgent')).toBe(12 * 60);
    expect(at('critical')).toBe(12 * 60);
    expect(at('normal')).toBe(36 * 60);
  });

  test('at dispatch: a city rule beats its province, explicit hours beat classes, no rule → the customer’s class', () => {
    const at = (province: string | null, city: string | null, distanceClass: 'same_city' | 'same_province' | 'elsewhere' = 'elsewhere') =>
      onSiteMinutes({
        start: 'dispatch',
        severity: 'urgent',
        place: { province, city, distanceClass },
        rules: RULES,
        minutesByDistance: MINUTES,
      });
    expect(at('北京', '北京市')).toBe(240);
    expect(at('河北省', '廊坊')).toBe(120);
    expect(at('河北省', '石家庄市')).toBe(1440);
    expect(at('湖北省', '武汉市', 'same_city')).toBe(120);
    expect(at('湖北省', '武汉市')).toBe(2880);
    expect(at(null, null, 'same_province')).toBe(1440);
    expect(matchDistanceRule([], { province: '北京市', city: null })).toBeNull();
    expect(placeKey(' 广西壮族自治区 ')).toBe('广西');
  });
});

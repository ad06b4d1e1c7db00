import { describe, expect, test } from 'vitest';
import { hospitalLevel, type RecommendedTier, recommendTier, type TierFactors } from './tier-recommendation.ts';

const base: TierFactors = { grade: '三级甲等', itStaffCount: 5, distanceClass: 'same_city', finances: 'moderate' };

describe('which tier to choose (002 五(一))', () => {
  test.each<[string, Partial<TierFactors>, RecommendedTier, string[]]>([
    ['三级, enough IT staff, same city: Gold', {}, 'gold', ['grade_3:base', 'enough_it_staff:none']],
    ['三级, short of IT staff: Diamond', { itStaffCount: 2 }, 'diamond', ['grade_3:base', 'few_it_staff:up']],
    [
      '三级, short of staff and far away: still Diamond',
      { itStaffCount: 0, distanceClass: 'elsewhere' },
      'diamond',
      ['grade_3:base', 'few_it_staff:up', 'far_away:up'],
    ],
    [
      '二级, enough staff, same province: Silver',
      { grade: '二级乙等', distanceClass: 'same_province' },
      'silver',
      ['grade_2:base', 'enough_it_staff:none'],
    ],
    [
      '二级, far away: Gold',
      { grade: '二级甲等', distanceClass: 'elsewhere' },
      'gold',
      ['grade_2:base', 'enough_it_staff:none', 'far_away:up'],
    ],
    ['一级, enough staff: Bronze', { grade: '一级' }, 'bronze', ['grade_other:base', 'enough_it_staff:none']],
    ['一级, short of staff: Silver', { grade: '一级', itStaffCount: 1 }, 'silver', ['grade_other:base', 'few_it_staff:up']],
    [
      '三级, tight finances: capped at Silver',
      { finances: 'tight', itStaffCount: 1 },
      'silver',
      ['grade_3:base', 'few_it_staff:none', 'finances_tight:cap'],
    ],
    [
      '一级, tight finances: Bronze, nothing capped',
      { grade: '一级', finances: 'tight' },
      'bronze',
      ['grade_other:base', 'enough_it_staff:none', 'finances_tight:none'],
    ],
    ['ample finances change nothing by themselves', { finances: 'ample' }, 'gold', ['grade_3:base', 'enough_it_staff:none']],
    [
      'nothing known: Bronze, and what is missing is said',
      { grade: null, itStaffCount: null, finances: null },
      'bronze',
      ['grade_other:base', 'unknown:none'],
    ],
  ])('%s', (_case, factors, tier, reasons) => {
    const r = recommendTier({ ...base, ...factors });
    expect(r.tier).toBe(tier);
    expect(r.reasons.map((x) => `${x.code}:${x.effect}`)).toEqual(reasons);
  });

  test('what is missing is named', () => {
    expect(recommendTier({ ...base, grade: '', finances: null }).reasons.at(-1)).toEqual({
      code: 'unknown',
      effect: 'none',
      missing: ['grade', 'finances'],
    });
  });

  test.each([
    ['三级甲等', 3],
    ['3A', 3],
    ['III级', 3],
    ['二级乙等', 2],
    ['一级', 1],
    ['社区卫生服务中心', null],
    [null, null],
  ] as const)('grade %s is level %s', (grade, level) => {
    expect(hospitalLevel(grade)).toBe(level);
  });
});

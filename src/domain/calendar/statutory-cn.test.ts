import { describe, expect, it } from 'vitest';
import { CALENDAR_CN_5X8 } from './builtin.ts';
import { parseDay } from './civil.ts';
import { statutoryCN } from './statutory-cn.ts';

describe('statutory CN data (chinese-days, bundled)', () => {
  const cn = statutoryCN();

  it('covers 2004 through at least 2026', () => {
    expect(cn.firstYear).toBe(2004);
    expect(cn.lastYear).toBeGreaterThanOrEqual(2026);
  });

  it('has the published 2026 National Day / Mid-Autumn arrangement', () => {
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(cn.holidays).toContain(d);
    }
    expect(cn.holidays).toContain('2026-09-25');
    expect(cn.workdays).toContain('2026-09-20');
    expect(cn.workdays).toContain('2026-10-10');
    expect(cn.holidays).not.toContain('2026-10-08');
  });

  it('has New Year 2025 and 2026', () => {
    expect(cn.holidays).toContain('2025-01-01');
    expect(cn.holidays).not.toContain('2025-01-02');
    expect(cn.holidays).toEqual(expect.arrayContaining(['2026-01-01', '2026-01-02', '2026-01-03']));
    expect(cn.workdays).toContain('2026-01-04');
  });

  it('is sorted, well-formed and consistent, and folded into CALENDAR_CN_5X8', () => {
    expect([...cn.holidays].sort()).toEqual(cn.holidays);
    expect([...cn.workdays].sort()).toEqual(cn.workdays);
    for (const d of cn.workdays) {
      expect(cn.holidays).not.toContain(d);
      expect(CALENDAR_CN_5X8.workdayDays.has(parseDay(d) ?? Number.NaN)).toBe(true);
    }
    expect(CALENDAR_CN_5X8.holidayDays.size).toBe(cn.holidays.length);
  });
});

import { describe, expect, test } from 'vitest';
import { retrainingAllowance } from './retraining.ts';
import { defaultEveryMonths, nextDueAfter } from './return-visits.ts';
import { checkPngDataUrl, scanKind } from './signature.ts';
import { defaultSurveyEveryMonths, defaultSurveySchedule } from './survey-schedule.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');

describe('service quality rules', () => {
  test('periodic survey defaults: Diamond 3 months, Gold 6, Silver and Bronze 12; first one period after the start', () => {
    expect(
      ['resident', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'none'].map((f) => defaultSurveyEveryMonths(f as 'yearly')),
    ).toEqual([3, 3, 6, 12, 12, 12]);
    expect(defaultSurveyEveryMonths(null)).toBeNull();
    expect(defaultSurveySchedule({ startDate: '2026-01-31', routine: 'quarterly' })).toEqual({ everyMonths: 6, nextDueDate: '2026-07-31' });
  });

  test('tier frequencies: Diamond monthly, Gold quarterly, Silver half-yearly, Bronze yearly', () => {
    expect(['resident', 'quarterly', 'half_yearly', 'yearly', 'none'].map((f) => defaultEveryMonths(f as 'yearly'))).toEqual([
      1, 3, 6, 12, 12,
    ]);
  });
  test('the next due date advances unless the customer was not reached', () => {
    expect(nextDueAfter({ outcome: 'reached', on: '2026-03-05', everyMonths: 3, dueDate: '2026-03-01' })).toBe('2026-06-05');
    expect(nextDueAfter({ outcome: 'follow_up', on: '2026-01-31', everyMonths: 1, dueDate: '2026-01-31' })).toBe('2026-02-28');
    expect(nextDueAfter({ outcome: 'not_reached', on: '2026-03-05', everyMonths: 3, dueDate: '2026-03-01' })).toBe('2026-03-01');
  });
  test('retraining allowance splits trainees at the quota', () => {
    expect(retrainingAllowance({ quota: 2, used: 1, trainees: 3 })).toEqual({ withinQuota: 1, overQuota: 2, left: 1 });
    expect(retrainingAllowance({ quota: 1, used: 2, trainees: 1 })).toEqual({ withinQuota: 0, overQuota: 1, left: 0 });
  });
  test('a signature must be a PNG data URL within the cap', () => {
    expect(checkPngDataUrl(`data:image/png;base64,${PNG}`).ok).toBe(true);
    expect(checkPngDataUrl(`data:image/png;base64,${Buffer.from('GIF89a-not-png').toString('base64')}`)).toEqual({
      ok: false,
      reason: 'not_png',
    });
    expect(checkPngDataUrl('data:image/jpeg;base64,AAAA')).toEqual({ ok: false, reason: 'not_data_url' });
    expect(checkPngDataUrl(`data:image/png;base64,${PNG}`, 4)).toEqual({ ok: false, reason: 'too_large' });
    expect(scanKind(Buffer.from('%PDF-1.4'))).toBe('pdf');
    expect(scanKind(Buffer.from('hello'))).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import { answerWithin30MinutesTargets, defaultPolicyTargets, serviceClassPolicyTargets, tierPolicyTargets } from './default-policies.ts';

const ids = { allDayId: 'all-day', workingHoursId: 'working' };

describe('the product’s default policies (issue 14)', () => {
  test('every first response runs on 7×24 (001’s hotline); a normal request’s later promises on working time', () => {
    const t = defaultPolicyTargets(ids);
    for (const s of ['critical', 'urgent', 'normal'] as const) expect(t[s].first_response.calendarId).toBe('all-day');
    expect(t.normal.reply.calendarId).toBe('working');
    expect(t.normal.resolution).toEqual({ minutes: 10 * 8 * 60, calendarId: 'working' });
    expect(t.urgent.resolution.minutes).toBe(48 * 60);
  });

  test.each([
    ['7×24 tier: every clock on 7×24', { serviceWindow: '7x24', hasPriority: false }, 'all-day', 24 * 60],
    ['5×8 tier: the default clocks', { serviceWindow: '5x8', hasPriority: false }, 'working', 24 * 60],
    [
      'Diamond (7×24, priority on major issues): critical solution in 12 h',
      { serviceWindow: '7x24', hasPriority: true },
      'all-day',
      12 * 60,
    ],
  ] as const)('%s', (_name, tier, normalCalendar, criticalSolution) => {
    const t = tierPolicyTargets(ids, tier);
    expect(t.normal.resolution.calendarId).toBe(normalCalendar);
    expect(t.normal.first_response.calendarId).toBe('all-day');
    expect(t.critical.solution.minutes).toBe(criticalSolution);
  });

  test('000’s alternative answers a normal request within 30 minutes', () => {
    expect(answerWithin30MinutesTargets(ids).normal.first_response).toEqual({ minutes: 30, calendarId: 'all-day' });
  });

  test.each([
    // class, severity, first response (min), solution (min), resolution calendar
    ['general_fault', 'critical', 10, 120, 'all-day'],
    ['general_fault', 'normal', 60, 120, 'working'],
    ['catastrophic_fault', 'normal', 60, 120, 'all-day'],
    ['catastrophic_fault', 'urgent', 30, 120, 'all-day'],
  ] as const)(
    '003 %s, %s: answered within %i min, repair-or-replace decision within %i min',
    (cls, severity, first, solution, calendar) => {
      const t = serviceClassPolicyTargets(ids, cls);
      expect(t?.[severity].first_response).toEqual({ minutes: first, calendarId: 'all-day' });
      expect(t?.[severity].solution).toEqual({ minutes: solution, calendarId: 'all-day' });
      expect(t?.[severity].resolution.calendarId).toBe(calendar);
    },
  );

  test.each(['routine_maintenance', 'upgrade_patch'] as const)('%s keeps the default policy', (cls) => {
    expect(serviceClassPolicyTargets(ids, cls)).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import type { SlaTarget } from '../api/types.ts';
import { isOpenTarget, mostUrgentTarget, slaTone } from './sla.ts';

const MIN = 60_000;

function target(extra: Partial<SlaTarget> = {}): SlaTarget {
  return {
    metric: 'resolution',
    state: 'running',
    targetMinutes: 100,
    dueAt: '2026-03-02T02:40:00.000Z',
    businessMsLeft: 50 * MIN,
    metAt: null,
    breachedAt: null,
    stoppedAt: null,
    warnPercent: 80,
    calendarId: '00000000-0000-4000-8000-000000000000',
    ...extra,
  };
}

describe('SLA tones in the browser', () => {
  test('a clock turns orange at its own policy’s warning share, not a fixed 80%', () => {
    // 50% warning: orange once half the target has run (50 of 100 minutes left).
    expect(slaTone(target({ warnPercent: 50 }), 51 * MIN)).toBe('ok');
    expect(slaTone(target({ warnPercent: 50 }), 50 * MIN)).toBe('warn');
    // 95%: still green with 10 minutes left, orange at 5.
    expect(slaTone(target({ warnPercent: 95 }), 10 * MIN)).toBe('ok');
    expect(slaTone(target({ warnPercent: 95 }), 5 * MIN)).toBe('warn');
    expect(slaTone(target({ warnPercent: 80 }), 20 * MIN)).toBe('warn');
    expect(slaTone(target({ warnPercent: 80 }), -1)).toBe('breached');
  });

  test('a target no longer needed, or a breach stopped with its request, is owed no more', () => {
    const notNeeded = target({ metric: 'on_site', state: 'not_needed', stoppedAt: '2026-03-02T01:30:00.000Z' });
    const stoppedBreach = target({
      metric: 'on_site',
      state: 'breached',
      breachedAt: '2026-03-02T01:10:00.000Z',
      stoppedAt: '2026-03-02T01:30:00.000Z',
      businessMsLeft: -20 * MIN,
    });
    expect(slaTone(notNeeded, 0)).toBe('notNeeded');
    expect(isOpenTarget(notNeeded)).toBe(false);
    expect(isOpenTarget(stoppedBreach)).toBe(false);
    expect(slaTone(stoppedBreach, stoppedBreach.businessMsLeft)).toBe('breached');
    const met = target({ state: 'met', metAt: '2026-03-02T01:20:00.000Z' });
    expect(mostUrgentTarget([met, notNeeded, stoppedBreach])).toBeUndefined();
  });
});

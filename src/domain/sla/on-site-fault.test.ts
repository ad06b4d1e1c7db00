import { describe, expect, test } from 'vitest';
import { onSiteFaultClock } from './on-site-fault.ts';

const at = (iso: string) => new Date(iso);
const H = 3_600_000;

describe('000: an on-site fault cleared within 24 hours of check-in', () => {
  test.each([
    ['not on site yet', null, null, '2026-03-02T10:00:00Z', null],
    ['on site 2 h, not resolved', '2026-03-02T08:00:00Z', null, '2026-03-02T10:00:00Z', { state: 'running', leftMs: 22 * H }],
    ['on site exactly 24 h, not resolved', '2026-03-02T08:00:00Z', null, '2026-03-03T08:00:00Z', { state: 'running', leftMs: 0 }],
    ['on site 25 h, not resolved', '2026-03-02T08:00:00Z', null, '2026-03-03T09:00:00Z', { state: 'overdue', leftMs: -1 * H }],
    ['resolved after 5 h', '2026-03-02T08:00:00Z', '2026-03-02T13:00:00Z', '2026-03-05T00:00:00Z', { state: 'met', leftMs: 19 * H }],
    ['resolved at 24 h', '2026-03-02T08:00:00Z', '2026-03-03T08:00:00Z', '2026-03-05T00:00:00Z', { state: 'met', leftMs: 0 }],
    ['resolved after 30 h', '2026-03-02T08:00:00Z', '2026-03-03T14:00:00Z', '2026-03-05T00:00:00Z', { state: 'breached', leftMs: -6 * H }],
    [
      'resolved before the visit: the visit’s clock still runs',
      '2026-03-02T08:00:00Z',
      '2026-03-01T08:00:00Z',
      '2026-03-02T09:00:00Z',
      { state: 'running', leftMs: 23 * H },
    ],
  ] as const)('%s', (_case, arrived, resolved, now, expected) => {
    const clock = onSiteFaultClock({ arrivedAt: arrived ? at(arrived) : null, resolvedAt: resolved ? at(resolved) : null, now: at(now) });
    if (expected === null) expect(clock).toBeNull();
    else {
      expect(clock).toMatchObject(expected);
      expect(clock?.dueAt.getTime()).toBe(at(arrived ?? '').getTime() + 24 * H);
    }
  });
});

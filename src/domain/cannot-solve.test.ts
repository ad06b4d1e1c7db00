import { describe, expect, test } from 'vitest';
import { nextRung, rungHolders } from './cannot-solve.ts';
import { grantState, isValidWindow } from './remote-access.ts';

describe('escalate: cannot solve', () => {
  test('on site goes to the senior engineer; remote climbs product manager → (reproduction) → R&D', () => {
    expect(nextRung('on_site', [])).toEqual({ ok: true, rung: 'senior_engineer' });
    expect(nextRung('remote', [{ path: 'on_site', rung: 'senior_engineer', reproduced: null }])).toEqual({
      ok: true,
      rung: 'product_manager',
    });
    const atManager = [{ path: 'remote', rung: 'product_manager', reproduced: null }] as const;
    expect(nextRung('remote', atManager)).toEqual({ ok: false, reason: 'reproduction_required' });
    expect(nextRung('remote', [{ path: 'remote', rung: 'product_manager', reproduced: false }])).toEqual({ ok: true, rung: 'rnd' });
    expect(nextRung('remote', [{ path: 'remote', rung: 'rnd', reproduced: null }])).toEqual({ ok: false, reason: 'top_reached' });
  });

  test('the module’s own holders first, else those for every module', () => {
    const roster = [
      { id: 1, rung: 'product_manager', module: null },
      { id: 2, rung: 'product_manager', module: '门诊收费' },
      { id: 3, rung: 'rnd', module: null },
    ] as const;
    expect(rungHolders(roster, 'product_manager', '门诊收费').map((e) => e.id)).toEqual([2]);
    expect(rungHolders(roster, 'product_manager', '住院').map((e) => e.id)).toEqual([1]);
    expect(rungHolders(roster, 'product_manager', null).map((e) => e.id)).toEqual([1]);
    expect(rungHolders(roster, 'senior_engineer', null)).toEqual([]);
  });
});

describe('remote access window', () => {
  const from = new Date('2026-03-02T01:00:00Z');
  const until = new Date('2026-03-02T05:00:00Z');
  test('half-open: in force from the start up to, not including, the end; a revocation ends it', () => {
    expect(grantState({ validFrom: from, validUntil: until, revokedAt: null }, new Date('2026-03-02T00:59:59Z'))).toBe('scheduled');
    expect(grantState({ validFrom: from, validUntil: until, revokedAt: null }, from)).toBe('active');
    expect(grantState({ validFrom: from, validUntil: until, revokedAt: null }, until)).toBe('ended');
    expect(grantState({ validFrom: from, validUntil: until, revokedAt: from }, new Date('2026-03-02T02:00:00Z'))).toBe('revoked');
    expect(isValidWindow(from, until)).toBe(true);
    expect(isValidWindow(until, from)).toBe(false);
    expect(isValidWindow(from, from)).toBe(false);
  });
});

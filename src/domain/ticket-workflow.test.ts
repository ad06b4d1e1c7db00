import { describe, expect, test } from 'vitest';
import { allowedTransitions, checkTransition } from './ticket-workflow.ts';
import { STATUSES } from './vocabulary.ts';

describe('ticket workflow', () => {
  test('the happy path is allowed step by step', () => {
    const path = ['new', 'acknowledged', 'in_progress', 'waiting_on_customer', 'in_progress', 'resolved', 'confirmed', 'closed'] as const;
    for (let i = 1; i < path.length; i++) {
      const to = path[i];
      const result = checkTransition({ from: path[i - 1], to, role: 'agent', resolution: 'fixed', confirmedByName: '张主任' });
      expect(result, `${path[i - 1]} → ${to}`).toEqual({ isAllowed: true });
    }
  });

  test.each([
    ['new', 'closed'],
    ['new', 'confirmed'],
    ['in_progress', 'new'],
    ['cancelled', 'in_progress'],
    ['closed', 'resolved'],
  ] as const)('%s → %s is refused', (from, to) => {
    expect(checkTransition({ from, to, role: 'admin', resolution: 'x', confirmedByName: 'y', comment: 'z' }).isAllowed).toBe(false);
  });

  test('a customer may confirm or reject a resolution, and withdraw an untouched request, nothing else', () => {
    expect(allowedTransitions('resolved', 'customer')).toEqual(['confirmed', 'in_progress']);
    expect(allowedTransitions('new', 'customer')).toEqual(['cancelled']);
    expect(allowedTransitions('in_progress', 'customer')).toEqual([]);
    expect(checkTransition({ from: 'resolved', to: 'confirmed', role: 'customer' })).toEqual({ isAllowed: true });
  });

  test('requirements: resolution summary, confirmer name for staff, reason for reopening', () => {
    expect(checkTransition({ from: 'in_progress', to: 'resolved', role: 'engineer', resolution: '  ' })).toMatchObject({
      fields: { resolution: 'required' },
    });
    expect(checkTransition({ from: 'resolved', to: 'confirmed', role: 'agent' })).toMatchObject({
      fields: { confirmedByName: 'required' },
    });
    expect(checkTransition({ from: 'closed', to: 'in_progress', role: 'agent' })).toMatchObject({ fields: { comment: 'required' } });
    expect(checkTransition({ from: 'closed', to: 'in_progress', role: 'agent', comment: '复发' })).toEqual({ isAllowed: true });
  });

  test('no status moves to itself and cancelled is final for everyone', () => {
    for (const s of STATUSES) expect(checkTransition({ from: s, to: s, role: 'admin' }).isAllowed).toBe(false);
    expect(allowedTransitions('cancelled', 'admin')).toEqual([]);
  });
});

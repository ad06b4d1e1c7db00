import { describe, expect, test } from 'vitest';
import { countsAgainstQuota, nextStatus, parseSignature, SIGNATURE_MAX_BYTES, suggestTransport } from './work-orders.ts';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('work orders (pure rules)', () => {
  test('status moves: planned → on_site → checked_out → signed_off; nothing out of order', () => {
    expect(nextStatus('planned', 'check_in')).toBe('on_site');
    expect(nextStatus('on_site', 'check_out')).toBe('checked_out');
    expect(nextStatus('checked_out', 'sign_off')).toBe('signed_off');
    expect(nextStatus('planned', 'check_out')).toBeNull();
    expect(nextStatus('signed_off', 'sign_off')).toBeNull();
    expect(nextStatus('signed_off', 'update')).toBeNull();
    expect(nextStatus('on_site', 'update')).toBe('on_site');
    expect(nextStatus('on_site', 'cancel')).toBeNull();
  });

  test('only emergency visits (and untyped old rows) use the quota', () => {
    expect(countsAgainstQuota('emergency')).toBe(true);
    expect(countsAgainstQuota(undefined)).toBe(true);
    for (const type of ['routine', 'implementation', 'training', 'expansion', 'upgrade'] as const)
      expect(countsAgainstQuota(type)).toBe(false);
  });

  test('transport (001 2.9): an outage outside the city → chartered car or van; inside → taxi or van', () => {
    expect(suggestTransport({ severity: 'critical', distance: 'same_city' })).toEqual(['taxi', 'van']);
    expect(suggestTransport({ severity: 'critical', distance: 'same_province' })).toEqual(['chartered_car', 'van']);
    expect(suggestTransport({ severity: 'critical', distance: 'elsewhere' })).toEqual(['chartered_car', 'van']);
    expect(suggestTransport({ severity: 'normal', distance: 'elsewhere' })).toEqual(['train', 'plane']);
  });

  test('the signature: a PNG data URL under the limit', () => {
    expect(parseSignature(`data:image/png;base64,${PNG}`)).toMatchObject({ bytes: expect.any(Uint8Array) });
    expect(parseSignature('data:image/jpeg;base64,/9j/4AAQ')).toEqual({ error: 'not_png' });
    expect(parseSignature(`data:image/png;base64,${Buffer.from('GIF89a-not-a-png').toString('base64')}`)).toEqual({ error: 'not_png' });
    const big = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(SIGNATURE_MAX_BYTES)]).toString('base64');
    expect(parseSignature(`data:image/png;base64,${big}`)).toEqual({ error: 'too_large' });
  });
});

import { describe, expect, test } from 'vitest';
import { type Actor, authorize, customerScope } from './policy.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const actor = (role: Actor['role'], customerId: string | null = null): Actor => ({ id: 'x', role, customerId, name: 'x', via: 'session' });

// The rules are tested in src/domain/policy.test.ts; these are the server's errors for a refusal.
describe('authorize and customerScope', () => {
  test('another organisation’s resource is reported as not found, not forbidden', () => {
    expect(() => authorize(actor('customer', A), 'ticket.read', { customerId: B }, 'request')).toThrow(/request not found/);
    expect(() => authorize(actor('customer', A), 'ticket.note', { customerId: A })).toThrow(/not allowed/);
    expect(() => authorize(actor('customer', A), 'ticket.read', { customerId: A })).not.toThrow();
  });

  test('lists: staff see every customer, a customer user its own, one without an organisation nothing', () => {
    expect(customerScope(actor('agent'))).toBeNull();
    expect(customerScope(actor('customer', A))).toBe(A);
    expect(() => customerScope(actor('customer', null))).toThrow();
  });
});

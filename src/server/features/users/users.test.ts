import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let admin: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.user('admin');
});
afterAll(() => ctx.close());

describe('user administration', () => {
  test('an admin creates staff and customer users who can then sign in', async () => {
    const hospital = await ctx.customer();
    const staff = await ctx.call('POST', '/api/v1/users', {
      as: admin,
      body: { email: 'Li.Gong@Vendor.example.com', name: '李工', password: 'engineer-pass-1', role: 'engineer', team: 'field' },
    });
    expect(staff.statusCode).toBe(201);
    expect(staff.json()).toMatchObject({ email: 'li.gong@vendor.example.com', role: 'engineer', team: 'field', customerId: null });
    const customerUser = await ctx.call('POST', '/api/v1/users', {
      as: admin,
      body: { email: 'it@hospital.example.com', name: '信息科', password: 'hospital-pass-1', role: 'customer', customerId: hospital.id },
    });
    expect(customerUser.json()).toMatchObject({ role: 'customer', customerId: hospital.id });
    expect((await ctx.signIn('li.gong@vendor.example.com', 'engineer-pass-1')).user.role).toBe('engineer');
  });

  test('emails are unique regardless of case', async () => {
    const body = { email: 'dup@example.com', name: 'A', password: 'long-enough-1', role: 'agent' };
    expect((await ctx.call('POST', '/api/v1/users', { as: admin, body })).statusCode).toBe(201);
    const again = await ctx.call('POST', '/api/v1/users', { as: admin, body: { ...body, email: 'DUP@example.com' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ email: 'taken' });
  });

  test('only admins create users; staff may list colleagues for assignment', async () => {
    const manager = await ctx.user('manager');
    const res = await ctx.call('POST', '/api/v1/users', {
      as: manager,
      body: { email: 'x@example.com', name: 'X', password: 'long-enough-1', role: 'agent' },
    });
    expect(res.statusCode).toBe(403);
    const staff = (await ctx.call('GET', '/api/v1/users?isStaff=true', { as: manager })).json();
    expect(staff.items.every((u: { role: string }) => u.role !== 'customer')).toBe(true);
    expect((await ctx.call('GET', '/api/v1/users', { as: manager })).statusCode).toBe(403);
  });

  test('a user cannot cross between staff and customer, and an admin cannot lock themself out', async () => {
    const agent = await ctx.user('agent');
    const cross = await ctx.call('PATCH', `/api/v1/users/${agent.user.id}`, { as: admin, body: { role: 'customer' } });
    expect(cross.statusCode).toBe(400);
    const self = await ctx.call('PATCH', `/api/v1/users/${admin.user.id}`, { as: admin, body: { isActive: false } });
    expect(self.statusCode).toBe(400);
    const promote = await ctx.call('PATCH', `/api/v1/users/${agent.user.id}`, {
      as: admin,
      body: { role: 'manager', team: 'service_center' },
    });
    expect(promote.json()).toMatchObject({ role: 'manager', team: 'service_center' });
  });

  test('a password reset by the admin replaces the old password', async () => {
    const created = await ctx.call('POST', '/api/v1/users', {
      as: admin,
      body: { email: 'reset@example.com', name: 'R', password: 'first-password-1', role: 'agent' },
    });
    await ctx.call('PATCH', `/api/v1/users/${created.json().id}`, { as: admin, body: { password: 'second-password-2' } });
    await expect(ctx.signIn('reset@example.com', 'first-password-1')).rejects.toThrow(/401/);
    expect((await ctx.signIn('reset@example.com', 'second-password-2')).user.email).toBe('reset@example.com');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config.ts';
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

describe('credentials end with a reset, a deactivation or a role change', () => {
  async function signedInWithToken(role: 'agent' | 'engineer' = 'agent') {
    const session = await ctx.user(role);
    const token = (await ctx.call('POST', '/api/v1/auth/tokens', { as: session, body: { name: 'HIS' } })).json().token as string;
    const bearer = () => ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).statusCode).toBe(200);
    return { session, bearer };
  }
  const me = (as: Session) => ctx.call('GET', '/api/v1/auth/me', { as });

  test('an admin password reset ends the user’s sessions and tokens', async () => {
    const { session, bearer } = await signedInWithToken();
    const reset = await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { password: 'another-long-secret-7' } });
    expect(reset.statusCode).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
    expect((await bearer()).statusCode).toBe(401);
  });

  test('re-activating a user brings none of the old sessions or tokens back', async () => {
    const { session, bearer } = await signedInWithToken();
    await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { isActive: false } });
    await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { isActive: true } });
    expect((await me(session)).statusCode).toBe(401);
    expect((await bearer()).statusCode).toBe(401);
  });

  test('a role change ends them too; a rename does not', async () => {
    const { session, bearer } = await signedInWithToken('engineer');
    await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { name: '新名字' } });
    expect((await me(session)).statusCode).toBe(200);
    await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { role: 'agent' } });
    expect((await me(session)).statusCode).toBe(401);
    expect((await bearer()).statusCode).toBe(401);
  });
});

describe('passwords are checked for strength', () => {
  test.each(['          ', '1234567890', 'password123', 'qwertyuiop', 'aaaaaaaaaaaa', 'Password1234'])(
    'the admin cannot set %j',
    async (password) => {
      const create = await ctx.call('POST', '/api/v1/users', {
        as: admin,
        body: { email: `${ctx.unique('weak')}@example.com`, name: 'W', password, role: 'agent' },
      });
      expect(create.statusCode).toBe(400);
      expect(create.json().error).toMatchObject({ code: 'validation_failed', fields: { password: expect.any(String) } });
      const reset = await ctx.call('PATCH', `/api/v1/users/${admin.user.id}`, { as: admin, body: { password } });
      expect(reset.statusCode).toBe(400);
      expect(reset.json().error.fields.password).toBeTruthy();
    },
  );

  test('the first administrator’s password from the environment is checked too', () => {
    expect(() => loadConfig({ AFTERSALES_ADMIN_PASSWORD: '1234567890' })).toThrow(/AFTERSALES_ADMIN_PASSWORD/);
    expect(loadConfig({ AFTERSALES_ADMIN_PASSWORD: 'durable-password-2026' }).adminPassword).toBe('durable-password-2026');
  });
});

describe('changing one’s own password', () => {
  test('needs the current password and a strong new one; other sessions and tokens end, this one stays', async () => {
    const email = `${ctx.unique('self')}@example.com`;
    await ctx.call('POST', '/api/v1/users', { as: admin, body: { email, name: '自己', password: 'first-password-1', role: 'engineer' } });
    const here = await ctx.signIn(email, 'first-password-1');
    const elsewhere = await ctx.signIn(email, 'first-password-1');
    const token = (await ctx.call('POST', '/api/v1/auth/tokens', { as: elsewhere, body: { name: 'x' } })).json().token as string;

    const wrong = await ctx.call('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'not-it-at-all', newPassword: 'brand-new-secret-9' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.currentPassword).toBeTruthy();
    const weak = await ctx.call('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'first-password-1', newPassword: '1234567890' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.newPassword).toBeTruthy();

    const changed = await ctx.call('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'first-password-1', newPassword: 'brand-new-secret-9' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await ctx.call('GET', '/api/v1/auth/me', { as: here })).statusCode).toBe(200);
    expect((await ctx.call('GET', '/api/v1/auth/me', { as: elsewhere })).statusCode).toBe(401);
    const bearer = await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(bearer.statusCode).toBe(401);
    await expect(ctx.signIn(email, 'first-password-1')).rejects.toThrow(/401/);
    expect((await ctx.signIn(email, 'brand-new-secret-9')).user.email).toBe(email);
  }, 60_000);
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestContext, openSecondConnection, TEST_PASSWORD, type TestContext } from '../../testing/test-context.ts';
import { ACCOUNT_FAILURES_MAX, ACCOUNT_FAILURES_WINDOW_MS } from './auth.service.ts';
import { hashPassword, verifyPassword } from './password.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function staffEmail() {
  const email = `${ctx.unique('agent')}@example.com`;
  const admin = await ctx.user('admin');
  const res = await ctx.call('POST', '/api/v1/users', { as: admin, body: { email, name: '坐席', password: TEST_PASSWORD, role: 'agent' } });
  expect(res.statusCode).toBe(201);
  return email;
}

describe('passwords', () => {
  test('scrypt hashes verify only the right password and never store it', async () => {
    const hash = await hashPassword('医院信息科-2026');
    expect(hash).not.toContain('医院信息科');
    expect(await verifyPassword('医院信息科-2026', hash)).toBe(true);
    expect(await verifyPassword('医院信息科-2025', hash)).toBe(false);
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });
});

describe('sign in and sessions', () => {
  test('login sets an httpOnly SameSite cookie and returns the user and a CSRF token', async () => {
    const email = await staffEmail();
    const res = await ctx.call('POST', '/api/v1/auth/login', { body: { email: email.toUpperCase(), password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/aftersales_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.json()).toMatchObject({ user: { email, role: 'agent' }, csrfToken: expect.any(String) });
    expect(res.json().user.passwordHash).toBeUndefined();
  });

  test('a wrong password or unknown email is one 401, and each attempt is audited', async () => {
    const email = await staffEmail();
    const wrong = await ctx.call('POST', '/api/v1/auth/login', { body: { email, password: 'not-the-password' } });
    const unknown = await ctx.call('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'whatever-123' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    const admin = await ctx.user('admin');
    const audit = (await ctx.call('GET', '/api/v1/audit?entityType=user', { as: admin })).json();
    const failures = audit.items.filter((a: { action: string }) => a.action === 'auth.login_failed');
    expect(failures.map((a: { after: { email: string } }) => a.after.email)).toEqual(expect.arrayContaining([email, 'nobody@example.com']));
  });

  test('cookie-authenticated writes need the CSRF header; reads do not', async () => {
    const session = await ctx.user('agent');
    const hospital = await ctx.customer();
    const body = { customerId: hospital.id, title: 't', description: 'd', severity: 'normal', channel: 'phone', kind: 'consultation' };
    const missing = await ctx.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie: session.cookie }, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const read = await ctx.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { cookie: session.cookie } });
    expect(read.statusCode).toBe(200);
  });

  test('logout ends the session', async () => {
    const session = await ctx.user('engineer');
    expect((await ctx.call('GET', '/api/v1/auth/me', { as: session })).statusCode).toBe(200);
    await ctx.call('POST', '/api/v1/auth/logout', { as: session });
    expect((await ctx.call('GET', '/api/v1/auth/me', { as: session })).statusCode).toBe(401);
  });

  test('sessions expire after seven days', async () => {
    const session = await ctx.user('engineer');
    ctx.clock.advance(7 * 24 * 3600_000 + 1);
    try {
      expect((await ctx.call('GET', '/api/v1/auth/me', { as: session })).statusCode).toBe(401);
    } finally {
      ctx.clock.set('2026-03-02T01:00:00Z');
    }
  });

  test('a deactivated user is signed out at once', async () => {
    const admin = await ctx.user('admin');
    const session = await ctx.user('agent');
    const off = await ctx.call('PATCH', `/api/v1/users/${session.user.id}`, { as: admin, body: { isActive: false } });
    expect(off.statusCode).toBe(200);
    expect((await ctx.call('GET', '/api/v1/tickets', { as: session })).statusCode).toBe(401);
  });

  test('repeated failed logins for one account are rate limited with 429', async () => {
    const email = await staffEmail();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await ctx.call('POST', '/api/v1/auth/login', { body: { email, password: `guess-${i}-xxxx` } })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await ctx.call('POST', '/api/v1/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });

  test('the limit is one count for every app process on the database, and a new window starts afresh', async () => {
    const email = await staffEmail();
    // A second app over the same database (its own pool on PostgreSQL), as a second process behind a balancer.
    const second = await openSecondConnection(ctx.database);
    const appB = await build({ deps: { ...ctx.deps, db: second?.db ?? ctx.deps.db } });
    try {
      const attempt = (app: typeof appB, password: string) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? appB : ctx.app, `guess-${i}-xxxx`)).statusCode).toBe(401);
      // Five attempts went to each app: each alone is under the limit, together they are at it.
      expect((await attempt(appB, TEST_PASSWORD)).statusCode).toBe(429);
      expect((await attempt(ctx.app, TEST_PASSWORD)).statusCode).toBe(429);
      ctx.clock.advance(61_000);
      expect((await attempt(appB, TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await appB.close();
      await second?.close();
    }
  });
});

describe('the login limit and proxies', () => {
  const attempt = (app: TestContext['app'], email: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

  test('a spoofed X-Forwarded-For neither resets the limit nor reaches the audit log (no proxy trusted by default)', async () => {
    const email = await staffEmail();
    for (let i = 0; i < 10; i++) {
      const res = await attempt(ctx.app, email, `guess-${i}-xxxx`, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      expect(res.statusCode).toBe(401);
    }
    const limited = await attempt(ctx.app, email, TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.77' });
    expect(limited.statusCode).toBe(429);
    const ips = await ctx.rows<{ ip: string }>(
      sql`select ip from audit_log where action = 'auth.login_failed' and after->>'email' = ${email}`,
    );
    expect(ips).toHaveLength(10);
    expect(ips.every((r) => r.ip === '127.0.0.1')).toBe(true);
  });

  test('behind a trusted proxy the client address counts, and no address change escapes the per-account limit', async () => {
    const proxied = await createTestContext({ env: { AFTERSALES_TRUST_PROXY: '127.0.0.1' } });
    try {
      const admin = await proxied.user('admin');
      const email = `${proxied.unique('agent')}@example.com`;
      await proxied.call('POST', '/api/v1/users', { as: admin, body: { email, name: '坐席', password: TEST_PASSWORD, role: 'agent' } });
      // Each address stays under the per-address limit (10 a minute); together they pass the account's.
      for (let i = 0; i < ACCOUNT_FAILURES_MAX; i++) {
        const res = await attempt(proxied.app, email, `guess-${i}-xxxx`, { 'x-forwarded-for': `203.0.113.${(i % 4) + 1}` });
        expect(res.statusCode).toBe(401);
      }
      const [audited] = await proxied.rows<{ ip: string }>(
        sql`select ip from audit_log where action = 'auth.login_failed' and after->>'email' = ${email} limit 1`,
      );
      expect(audited.ip).toMatch(/^203\.0\.113\./);
      const fresh = await attempt(proxied.app, email, TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.9' });
      expect(fresh.statusCode).toBe(429);
      expect(fresh.json().error.code).toBe('rate_limited');
      proxied.clock.advance(ACCOUNT_FAILURES_WINDOW_MS + 1000);
      expect((await attempt(proxied.app, email, TEST_PASSWORD, { 'x-forwarded-for': '198.51.100.9' })).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
    // Twenty-odd scrypt verifications on a shared machine.
  }, 180_000);

  test('AFTERSALES_TRUST_PROXY: off by default, a hop count, or proxy addresses; anything else stops the boot', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ AFTERSALES_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ AFTERSALES_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
    for (const bad of ['true', 'yes', '10.0.0.0/99', 'proxy.local']) {
      expect(() => loadConfig({ AFTERSALES_TRUST_PROXY: bad })).toThrow(/AFTERSALES_TRUST_PROXY/);
    }
  });
});

describe('personal API tokens', () => {
  test('a token is shown once, works as Bearer without CSRF, and stops working when revoked', async () => {
    const session = await ctx.user('agent');
    const created = await ctx.call('POST', '/api/v1/auth/tokens', { as: session, body: { name: 'HIS 集成' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^ast_/);
    const listed = (await ctx.call('GET', '/api/v1/auth/tokens', { as: session })).json();
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token);

    const hospital = await ctx.customer();
    const bearer = { authorization: `Bearer ${token}` };
    const viaToken = await ctx.call('POST', '/api/v1/tickets', {
      headers: bearer,
      body: {
        customerId: hospital.id,
        title: '接口同步失败',
        description: 'HIS 与医保接口同步失败',
        severity: 'urgent',
        channel: 'api',
        kind: 'request',
      },
    });
    expect(viaToken.statusCode).toBe(201);
    expect(viaToken.json().createdBy.id).toBe(session.user.id);

    expect((await ctx.call('DELETE', `/api/v1/auth/tokens/${id}`, { as: session })).statusCode).toBe(204);
    const revoked = await ctx.call('GET', '/api/v1/tickets', { headers: bearer });
    expect(revoked.statusCode).toBe(401);
    const malformed = await ctx.call('GET', '/api/v1/tickets', { headers: { authorization: 'Basic abc' } });
    expect(malformed.statusCode).toBe(401);
  });
});

describe('audit log', () => {
  test('every change records who, what, before and after', async () => {
    const admin = await ctx.user('admin');
    const agent = await ctx.user('agent');
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id, { severity: 'normal' });
    await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { severity: 'critical' } });
    const audit = (await ctx.call('GET', `/api/v1/audit?entityType=ticket&entityId=${t.id}`, { as: admin })).json();
    const update = audit.items.find((a: { action: string }) => a.action === 'ticket.update');
    expect(update).toMatchObject({ actorId: agent.user.id, before: { severity: 'normal' }, after: { severity: 'critical' } });
    expect(audit.items.map((a: { action: string }) => a.action)).toContain('ticket.create');
    const forbidden = await ctx.call('GET', '/api/v1/audit', { as: agent });
    expect(forbidden.statusCode).toBe(403);
  });
});

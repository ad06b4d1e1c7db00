import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from './app.ts';
import { createTestContext, TEST_PASSWORD, type TestContext } from './testing/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

function expectBrowserHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('browser security headers', () => {
  test('on API answers, errors and the app’s pages', async () => {
    const health = await ctx.call('GET', '/api/v1/health');
    expect(health.statusCode).toBe(200);
    expectBrowserHeaders(health.headers);
    const csp = String(health.headers['content-security-policy']);
    // Scripts only from the app's own files; Ant Design needs inline styles.
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expectBrowserHeaders((await ctx.call('GET', '/api/v1/tickets')).headers);
    expectBrowserHeaders((await ctx.call('GET', '/queue')).headers);
  });

  test('the API docs page keeps working under its own policy (its scripts are files), framed by no one', async () => {
    const page = await ctx.call('GET', '/api/v1/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const initializer = await ctx.call('GET', '/api/v1/docs/static/swagger-initializer.js');
    expect(initializer.statusCode).toBe(200);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  test('the session cookie is Secure over HTTPS (via a trusted proxy) or when configured, not over plain HTTP', async () => {
    const admin = await ctx.user('admin');
    const email = `${ctx.unique('agent')}@example.com`;
    await ctx.call('POST', '/api/v1/users', { as: admin, body: { email, name: '坐席', password: TEST_PASSWORD, role: 'agent' } });
    const login = (app: typeof ctx.app, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD }, headers });
    const plain = await login(ctx.app, { 'x-forwarded-proto': 'https' });
    // No proxy is trusted by default: a client's own X-Forwarded-Proto changes nothing.
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
    const proxied = await build({ deps: { ...ctx.deps, config: { ...ctx.deps.config, trustProxy: ['127.0.0.1'] } } });
    const configured = await build({ deps: { ...ctx.deps, config: { ...ctx.deps.config, isCookieSecure: true } } });
    try {
      expect(String((await login(proxied, { 'x-forwarded-proto': 'https' })).headers['set-cookie'])).toMatch(/; Secure/);
      expect(String((await login(proxied)).headers['set-cookie'])).not.toMatch(/Secure/);
      expect(String((await login(configured)).headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await proxied.close();
      await configured.close();
    }
  }, 60_000);
});

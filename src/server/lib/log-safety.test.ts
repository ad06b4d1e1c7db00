import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../app.ts';
import { createTestContext, type TestContext } from '../testing/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The app as main.ts builds it, logging into a buffer. */
async function appLoggingToBuffer() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await build({ deps: ctx.deps, logger: { level: 'info', stream } });
  return { app, log: () => lines.join('') };
}

const SECRET_HASH = 'scrypt$32768$8$1$c2VjcmV0LXNhbHQ=$VGhpcy1pcy1hLXNlY3JldC1oYXNo';

describe('logs keep secrets out', () => {
  test('a failed query is logged as its SQL and SQLSTATE code, never its parameters', async () => {
    const { app, log } = await appLoggingToBuffer();
    try {
      // A query that fails with a bound secret, the way a write with a password hash or token hash would
      // (a missing table is a fault, 500; bad data would be a 400 with the same redaction).
      app.get('/api/v1/test/failing-query', { config: { isPublic: true } }, async () => {
        await ctx.deps.db.execute(sql`select n from log_test_missing_table where secret = ${SECRET_HASH}`);
        return {};
      });
      const res = await app.inject({ method: 'GET', url: '/api/v1/test/failing-query' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('c2VjcmV0');
      const text = log();
      expect(text).toContain('request failed');
      expect(text).toContain('log_test_missing_table');
      expect(text).toContain('42P01');
      expect(text).not.toContain('c2VjcmV0');
      expect(text).not.toContain('VGhpcy1pcy1h');
    } finally {
      await app.close();
    }
  });

  test('credentials named in logged objects are censored', async () => {
    const { app, log } = await appLoggingToBuffer();
    try {
      app.log.warn(
        { user: { email: 'a@b.cn', passwordHash: SECRET_HASH, password: 'hunter-2-hunter' }, session: { tokenHash: SECRET_HASH } },
        'something',
      );
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: 'Bearer ast_secret-token-value', cookie: 'aftersales_session=secret-cookie-value' },
      });
      expect(res.statusCode).toBe(401);
      const text = log();
      expect(text).toContain('a@b.cn');
      for (const secret of ['c2VjcmV0', 'hunter-2-hunter', 'secret-token-value', 'secret-cookie-value']) expect(text).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});

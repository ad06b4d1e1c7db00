import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { createTestContext } from '../../testing/test-context.ts';

test('probe close with open stream', async () => {
  const ctx = await createTestContext();
  const agent = await ctx.user('agent');
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  const got = await new Promise<string>((resolve) => {
    http.get({ host: '127.0.0.1', port, path: '/api/v1/live', headers: { cookie: agent.cookie } }, (res) => {
      res.once('data', (c) => resolve(String(c)));
    });
  });
  expect(got).toContain('connected');
  const t0 = Date.now();
  const r = await Promise.race([ctx.app.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('hung'), 5000))]);
  console.log('RESULT', r, Date.now() - t0);
}, 20000);

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './testing/test-context.ts';

// The built web app is served from a fixture directory shaped like `vite build`'s output, so the
// test needs no build: hashed files under assets/, index.html at the top.
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
let webDir: string;
let ctx: TestContext;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'aftersales-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'assets', 'queue-page-3f9aB1c2.js'), SCRIPT);
  await writeFile(
    path.join(webDir, 'index.html'),
    `<!doctype html><html><body><div id="root"></div>${'<!-- pad -->'.repeat(200)}</body></html>`,
  );
  ctx = await createTestContext({ webDir });
});

afterAll(async () => {
  await ctx.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('the web app as served', () => {
  it('caches hashed assets for a year, immutable', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/assets/queue-page-3f9aB1c2.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe(SCRIPT);
  });

  it('sends assets brotli- or gzip-compressed as the browser asks', async () => {
    const br = await ctx.app.inject({ method: 'GET', url: '/assets/queue-page-3f9aB1c2.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 3);

    const gz = await ctx.app.inject({ method: 'GET', url: '/assets/queue-page-3f9aB1c2.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
  });

  it('serves precompressed files written beside the build when present', async () => {
    const { brotliCompressSync } = await import('node:zlib');
    await writeFile(path.join(webDir, 'assets', 'app-77aa.js'), SCRIPT);
    await writeFile(path.join(webDir, 'assets', 'app-77aa.js.br'), brotliCompressSync(SCRIPT));
    const res = await ctx.app.inject({ method: 'GET', url: '/assets/app-77aa.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('revalidates index.html, at / and on client-side routes', async () => {
    for (const url of ['/', '/index.html', '/queue', '/tickets/123']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<div id="root">');
    }
  });

  it('compresses API JSON', async () => {
    const admin = await ctx.user('admin');
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/openapi.json',
      headers: { cookie: admin.cookie, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).openapi).toMatch(/^3\./);
  });

  it('a missing asset is a plain 404, not the app', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/assets/gone-0000.js' });
    expect(res.statusCode).toBe(404);
  });
});

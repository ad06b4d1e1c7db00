import { afterAll, beforeAll, expect, test } from 'vitest';
import { API_DOCS_TITLE } from './api-docs.ts';
import { createTestContext, type TestContext } from './testing/test-context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

test('the API docs page carries our title, logo and a way back to the app, without signing in', async () => {
  const page = await ctx.app.inject({ method: 'GET', url: '/api/v1/docs' });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.body).toContain(`<title>${API_DOCS_TITLE}</title>`);
  expect(API_DOCS_TITLE).toBe('售后服务台 API · Aftersales API');
  expect(page.body).not.toContain('<title>Swagger UI</title>');
  // Our theme: the top bar's script and style are linked from the page and served.
  const script = page.body.match(/src="([^"]*theme\/aftersales\.js)"/)?.[1];
  const style = page.body.match(/href="([^"]*theme\/aftersales\.css)"/)?.[1];
  expect(script).toBeDefined();
  expect(style).toBeDefined();
  const js = await ctx.app.inject({ method: 'GET', url: `/api/v1/${String(script).replace(/^\.?\/?(api\/v1\/)?/, '')}` });
  expect(js.statusCode).toBe(200);
  expect(js.body).toContain("back.href = '/'");
  expect(js.body).toContain('Back to the app');
  expect(js.body).toContain('返回服务台');
  const css = await ctx.app.inject({ method: 'GET', url: `/api/v1/${String(style).replace(/^\.?\/?(api\/v1\/)?/, '')}` });
  expect(css.statusCode).toBe(200);
  // The logo is the app's mark, not swagger's.
  const initializer = await ctx.app.inject({ method: 'GET', url: '/api/v1/docs/static/swagger-initializer.js' });
  expect(initializer.statusCode).toBe(200);
  expect(initializer.body).toContain('data:image/svg+xml;base64,');
});

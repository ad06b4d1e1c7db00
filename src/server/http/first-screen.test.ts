// How the server sends a rendered first screen, with a stand-in renderer (the real one, dist/ssr, is built by
// `npm run build` and exercised by e2e/first-screen.spec.ts): the head at once, the render after, the plain app
// whenever the render has nothing to say or fails, the visitor's own session used, nothing cached.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/test-context.ts';
import { firstScreenRenderer } from './first-screen.ts';

const TEMPLATE =
  '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <script type="module" crossorigin src="/assets/index-Ab12.js"></script>\n' +
  '    <link rel="modulepreload" crossorigin href="/assets/react-Ef56.js">\n' +
  '    <link rel="stylesheet" crossorigin href="/assets/antd-Gh78.css">\n' +
  '    <link rel="stylesheet" crossorigin href="/assets/index-Cd34.css">\n  </head>\n  <body>\n    <div id="root"></div>\n  </body>\n</html>\n';
// antd's sheet (the part the markup uses is sent) and the app's own (sent whole, after it).
const LIBRARY_CSS = '.ant-modal{top:0}.who{font-weight:600}@media (max-width:575px){.ant-modal{top:1px}.who{margin:0}}';
const OWN_CSS = '.app-content{padding:0}';
const LINKED_IN_ORDER =
  /<link rel="stylesheet" crossorigin href="\/assets\/antd-Gh78.css">\s*<link rel="stylesheet" crossorigin href="\/assets\/index-Cd34.css">/;

// The stand-in asks the API as the visitor (the session and a write it must not make), and fails when told to.
const RENDERER = `
export async function renderFirstScreen({ url, chosenLanguage, transport }) {
  if (url.includes('fail=1')) throw new Error('the render broke');
  if (url.includes('held=1')) await globalThis.firstScreenGate;
  const me = await transport('/api/v1/auth/me', {});
  if (me.status !== 200) return null;
  const { user } = await me.json();
  if (user.customerId) return null;
  const write = await transport('/api/v1/tickets', { method: 'POST' }).then(() => 'allowed', () => 'refused');
  return {
    styles: '<style>.css-var-x{--c:1}</style>',
    markup: '<p id="who" class="who">' + user.name + '</p><p id="language">' + (chosenLanguage ?? '') + '</p><p id="write">' + write + '</p>',
    state: '<script type="application/json" id="first-screen-state">{"queries":[]}</script>',
  };
}
`;

let webDir: string;
let ssrDir: string;
let ctx: TestContext;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'aftersales-web-'));
  ssrDir = await mkdtemp(path.join(tmpdir(), 'aftersales-ssr-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), TEMPLATE);
  await writeFile(path.join(webDir, 'assets', 'antd-Gh78.css'), LIBRARY_CSS);
  await writeFile(path.join(webDir, 'assets', 'index-Cd34.css'), OWN_CSS);
  await writeFile(path.join(ssrDir, 'entry-server.js'), RENDERER);
  ctx = await createTestContext({ webDir, ssrDir });
});

afterAll(async () => {
  await ctx.close();
  await rm(webDir, { recursive: true, force: true });
  await rm(ssrDir, { recursive: true, force: true });
});

const rootOf = (html: string) => html.slice(html.indexOf('<div id="root">'), html.indexOf('</div>', html.indexOf('<div id="root">')) + 6);

describe('the server-rendered first screen', () => {
  it('a staff member’s /queue: their render, styles before the root, state after, never cached', async () => {
    const agent = await ctx.user('agent', { name: '坐席小林' });
    const res = await ctx.app.inject({ method: 'GET', url: '/queue?view=mine', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(String(res.headers.vary)).toMatch(/cookie/);
    const html = res.body;
    expect(rootOf(html)).toBe('<div id="root"><p id="who" class="who">坐席小林</p><p id="language"></p><p id="write">refused</p></div>');
    expect(html.indexOf('id="first-screen-state"')).toBeGreaterThan(html.indexOf('<div id="root">'));
    expect(html.endsWith('</body>\n</html>\n')).toBe(true);
  });

  it('its styles come inside the page: the part of antd’s sheet it uses, the app’s own sheet, then the theme', async () => {
    const agent = await ctx.user('agent');
    const html = (await ctx.app.inject({ method: 'GET', url: '/queue', headers: { cookie: agent.cookie } })).body;
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(
      '<style id="first-screen-styles" data-href="/assets/antd-Gh78.css">.who{font-weight:600}@media (max-width:575px){.who{margin:0}}</style>' +
        `<style data-href="/assets/index-Cd34.css">${OWN_CSS}</style><style>.css-var-x{--c:1}</style>`,
    );
    expect(head).not.toContain('rel="stylesheet"');
    // Painted only once parsed to the state script (no frame with a sider and no rows).
    expect(head).toContain('<link rel="expect" href="#first-screen-state" blocking="render">');
  });

  it('its scripts are fetched and started after the first paint, by first-paint.js', async () => {
    const agent = await ctx.user('agent');
    const html = (await ctx.app.inject({ method: 'GET', url: '/queue', headers: { cookie: agent.cookie } })).body;
    expect(html).toContain(
      '<script src="/first-paint.js" data-entry="/assets/index-Ab12.js" data-modules="/assets/react-Ef56.js" defer></script>',
    );
    expect(html).not.toContain('modulepreload');
    expect(html).not.toContain('<script type="module"');
  });

  it('the head goes out before the render is done', async () => {
    const agent = await ctx.user('agent');
    let release: () => void = () => {};
    (globalThis as { firstScreenGate?: Promise<void> }).firstScreenGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/queue?held=1`, { headers: { cookie: agent.cookie, 'accept-encoding': 'identity' } });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first).toContain('<script src="/first-paint.js"');
    expect(first).not.toContain('<style');
    expect(first).not.toContain('<div id="root">');
    release();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).toContain('<p id="who" class="who">');
  });

  it('compressed as the browser asks', async () => {
    const agent = await ctx.user('agent');
    const res = await ctx.app.inject({ method: 'GET', url: '/queue', headers: { cookie: agent.cookie, 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<p id="who" class="who">');
  });

  it('in the language the browser chose (its cookie), the page’s lang too', async () => {
    const agent = await ctx.user('agent');
    const res = await ctx.app.inject({ method: 'GET', url: '/queue', headers: { cookie: `${agent.cookie}; aftersales_locale=en` } });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<p id="language">en</p>');
  });

  it('the plain app otherwise: no session, another page, a hospital user, a broken render, a phone', async () => {
    const agent = await ctx.user('agent');
    const hospital = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: hospital.id });
    const plain = [
      await ctx.app.inject({ method: 'GET', url: '/queue' }),
      await ctx.app.inject({ method: 'GET', url: '/tickets/1', headers: { cookie: agent.cookie } }),
      await ctx.app.inject({ method: 'GET', url: '/queue', headers: { cookie: hospitalUser.cookie } }),
      await ctx.app.inject({ method: 'GET', url: '/queue?fail=1', headers: { cookie: agent.cookie } }),
      // A phone: the server cannot know its width, the app lays the queue out as cards itself.
      await ctx.app.inject({
        method: 'GET',
        url: '/queue',
        headers: {
          cookie: agent.cookie,
          'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
        },
      }),
    ];
    for (const res of plain) {
      expect(res.statusCode).toBe(200);
      expect(rootOf(res.body)).toBe('<div id="root"></div>');
      expect(res.body).not.toContain('id="first-screen-state"');
      // The plain page's stylesheets, linked, in their order.
      expect(res.body).toMatch(LINKED_IN_ORDER);
      expect(res.body).not.toContain('<style');
    }
    // A session that ended is no session: the renderer sees a 401 and renders nothing.
    const ended = await ctx.app.inject({ method: 'GET', url: '/queue', headers: { cookie: 'aftersales_session=forged' } });
    expect(rootOf(ended.body)).toBe('<div id="root"></div>');
  });

  it('warming up before the web app is built does nothing, and does not fail', async () => {
    const unbuilt = await mkdtemp(path.join(tmpdir(), 'aftersales-unbuilt-'));
    try {
      await expect(firstScreenRenderer({ app: ctx.app, webDir: unbuilt, ssrDir }).warm()).resolves.toBeUndefined();
    } finally {
      await rm(unbuilt, { recursive: true, force: true });
    }
  });

  it('with no server build, /queue is the plain app', async () => {
    const bare = await createTestContext({ webDir, ssrDir: path.join(ssrDir, 'missing') });
    try {
      const agent = await bare.user('agent');
      const res = await bare.app.inject({ method: 'GET', url: '/queue', headers: { cookie: agent.cookie } });
      expect(res.statusCode).toBe(200);
      expect(rootOf(res.body)).toBe('<div id="root"></div>');
    } finally {
      await bare.close();
    }
  });
});

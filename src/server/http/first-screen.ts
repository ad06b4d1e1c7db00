import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Transform } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBrotliCompress, createGzip, constants as zlibConstants } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FIRST_SCREEN_STATE_ID, isServerRenderedPath, LANGUAGE_COOKIE } from '../../web/first-screen-state.ts';
import { SESSION_COOKIE } from '../features/auth/auth.service.ts';
import { firstScreenStyles } from './first-screen-styles.ts';

/** Where `npm run build` puts the server's render of the first screen (src/web/entry-server.tsx). */
export const SSR_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/ssr');

type ApiTransport = (url: string, init: RequestInit) => Promise<Response>;
type FirstScreen = { styles: string; markup: string; state: string };
type Renderer = {
  renderFirstScreen(options: { url: string; chosenLanguage: string | undefined; transport: ApiTransport }): Promise<FirstScreen | null>;
};

const ROOT = '<div id="root"></div>';
/** Phones and tablets say so in their user agent (Chrome, Safari, WeChat's browser and the rest). */
const PHONE_AGENT = /Mobi|Android|iPhone|iPad|iPod/i;
/** The built page's entry script (vite puts it in the head). */
const ENTRY_SCRIPT = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/;
/** The built page's stylesheets and preloaded chunks, taken out of its head. */
const STYLESHEET = /[ \t]*<link rel="stylesheet" crossorigin href="(\/assets\/[^"]+\.css)">\n?/g;
const MODULE_PRELOAD = /[ \t]*<link rel="modulepreload" crossorigin href="(\/assets\/[^"]+\.js)">\n?/g;

/** The built page cut where the server fills it in: the head to flush at once, its stylesheets, what follows. */
type PageParts = { head: string; stylesheets: string[]; afterHead: string; afterRoot: string };

/**
 * The rendered page starts the app after its first paint (public/first-paint.js), and only then fetches its
 * scripts: running them before the browser paints would hold the rows back, and so, on a machine with two
 * cores, would fetching and compiling 1.4 MB of script beside the page's own parsing and layout (issue 9: first
 * load).
 */
function startAfterFirstPaint(head: string): string {
  const modules: string[] = [];
  const withoutPreloads = head.replace(MODULE_PRELOAD, (_link, href: string) => {
    modules.push(href);
    return '';
  });
  return withoutPreloads.replace(
    ENTRY_SCRIPT,
    (_script, entry: string) => `<script src="/first-paint.js" data-entry="${entry}" data-modules="${modules.join(' ')}" defer></script>`,
  );
}

/**
 * The head goes out without its stylesheets: they are written when the render is done, inside the page, antd's
 * as the part of it the markup uses (first-screen-styles.ts).
 */
function pagePartsOf(template: string): PageParts | null {
  const headEnd = template.indexOf('</head>');
  const root = template.indexOf(ROOT);
  if (headEnd < 0 || root < headEnd) return null;
  const stylesheets: string[] = [];
  const head = startAfterFirstPaint(template.slice(0, headEnd)).replace(STYLESHEET, (_link, href: string) => {
    stylesheets.push(href);
    return '';
  });
  // Chromium paints what it has parsed whenever its parser pauses: a sider with no rows, laid out and painted for
  // nothing. The page is one chunk after the head; rendering waits until it has been parsed to its state script.
  const parsedTogether = `<link rel="expect" href="#${FIRST_SCREEN_STATE_ID}" blocking="render">`;
  return {
    head: `${head.trimEnd()}\n    ${parsedTogether}\n`,
    stylesheets,
    afterHead: template.slice(headEnd, root),
    afterRoot: template.slice(root + ROOT.length),
  };
}

/** br or gzip if the browser takes it (HTML is compressed here, not by @fastify/compress, to flush the head early). */
function encodingFor(req: FastifyRequest): 'br' | 'gzip' | null {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

/**
 * The server's render of a staff member's queue (issue 9: first load): the page arrives with its rows in the
 * HTML, and the app starts over it with that data. The page's head goes out at once, so the browser fetches the styles and
 * scripts while the rows are rendered; then the root's markup and the cache behind it. The root stays empty (the
 * plain app) whenever there is nothing to render: no server build (`npm run build` makes it), a hospital user,
 * a session that ended, or any failure (logged; the app still works).
 */
export function firstScreenRenderer({ app, webDir, ssrDir = SSR_DIST_DIR }: { app: FastifyInstance; webDir: string; ssrDir?: string }) {
  const entry = path.join(ssrDir, 'entry-server.js');
  let loading: Promise<Renderer | null> | undefined;
  const load = () => {
    loading ??= existsSync(entry)
      ? (import(pathToFileURL(entry).href) as Promise<Renderer>).catch((err: unknown) => {
          app.log.warn({ err }, 'the server render of the first screen did not load: pages are rendered in the browser');
          return null;
        })
      : Promise.resolve(null);
    return loading;
  };

  /** The API as this visitor: the app's own routes, with their cookie and address, never the network. */
  const transportFor =
    (req: FastifyRequest): ApiTransport =>
    async (url, init) => {
      if (init.method && init.method !== 'GET') throw new Error(`the first screen only reads; it asked ${init.method} ${url}`);
      const res = await app.inject({
        method: 'GET',
        url,
        remoteAddress: req.ip,
        headers: { cookie: req.headers.cookie ?? '', 'user-agent': req.headers['user-agent'] ?? '', accept: 'application/json' },
      });
      return new Response(res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type'] ?? '') } });
    };

  const renderFor = async (req: FastifyRequest): Promise<FirstScreen | null> => {
    const renderer = await load();
    if (!renderer) return null;
    try {
      return await renderer.renderFirstScreen({
        url: `${req.protocol}://${req.host}${req.url}`,
        chosenLanguage: req.cookies[LANGUAGE_COOKIE],
        transport: transportFor(req),
      });
    } catch (err) {
      req.log.warn({ err }, 'first screen not rendered on the server; the browser renders it');
      return null;
    }
  };

  const styles = firstScreenStyles({ webDir, log: app.log });
  const readPage = (): PageParts | null => pagePartsOf(readFileSync(path.join(webDir, 'index.html'), 'utf8'));

  return {
    /** Loads the renderer and indexes antd's sheet ahead of the first visitor (each takes a moment). */
    warm: async () => {
      await load();
      // No built page (a server started before `npm run build`): nothing to index, and nothing to send.
      if (existsSync(path.join(webDir, 'index.html'))) styles.warm(readPage()?.stylesheets ?? []);
    },
    /**
     * Whether this page is one the server renders, for this visitor: else the plain app is sent. Not on phones: the
     * server cannot know the screen's width, and the desktop table shown until the app's card list replaced it
     * would jump under the user's thumb.
     */
    isRendered(req: FastifyRequest): boolean {
      return (
        req.method === 'GET' &&
        isServerRenderedPath(req.url) &&
        Boolean(req.cookies[SESSION_COOKIE]) &&
        !PHONE_AGENT.test(String(req.headers['user-agent'] ?? ''))
      );
    },
    /** Sends the page: its head at once, the rendered root when ready. Personal data: never cached, nor shared. */
    send(req: FastifyRequest, reply: FastifyReply) {
      // Read each time, as the static files are: a rebuilt app is served without a restart.
      const parts = readPage();
      if (!parts) {
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(readFileSync(path.join(webDir, 'index.html'), 'utf8'));
      }
      // The head goes before the language is known; the browser's choice, if it made one, is the likely one.
      const chosen = req.cookies[LANGUAGE_COOKIE];
      const head = parts.head.replace(/<html lang="[^"]*">/, `<html lang="${chosen === 'en' ? 'en' : 'zh-CN'}">`);
      const encoding = encodingFor(req);
      const body: Transform =
        encoding === 'br'
          ? createBrotliCompress({ params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } })
          : encoding === 'gzip'
            ? createGzip()
            : new PassThrough();
      reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').header('vary', 'cookie, accept-encoding');
      if (encoding) reply.header('content-encoding', encoding);
      body.write(head);
      if ('flush' in body && typeof body.flush === 'function') body.flush();
      void renderFor(req).then((screen) => {
        body.end(
          `${styles.inPage(parts.stylesheets, screen?.markup ?? null)}${screen?.styles ?? ''}\n  ${parts.afterHead}<div id="root">${screen?.markup ?? ''}</div>${screen?.state ?? ''}${parts.afterRoot}`,
        );
      });
      return reply.send(body);
    },
  };
}

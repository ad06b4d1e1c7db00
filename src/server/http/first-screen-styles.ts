import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { FIRST_SCREEN_STYLES_ID } from '../../web/first-screen-state.ts';
import { classesKey, criticalCss } from './critical-css.ts';

/** antd's stylesheet among the built page's (its chunk is named in scripts/build-web.ts). */
const LIBRARY_STYLESHEET = /^\/assets\/antd-[^/]+\.css$/;
/** Renders with these classes and their critical styles kept (a queue's classes vary little between renders). */
const CRITICAL_CACHE_SIZE = 32;

const linkTo = (href: string) => `<link rel="stylesheet" crossorigin href="${href}">`;

/**
 * The stylesheets of a page the server rendered (first-screen.ts), sent inside it, so that its paint waits for
 * nothing but the page itself: the browser asks for linked files only a moment after the head arrives, when the
 * server is rendering, and they waited for the render to end (issue 9: first load). antd's 1 MB sheet comes as
 * the part of it the markup uses (critical-css.ts; public/first-paint.js links the whole sheet after the paint);
 * the app's own sheets whole, after it, so they still override it. Whatever cannot be read is linked, as on a
 * plain page.
 */
export function firstScreenStyles({ webDir, log }: { webDir: string; log: FastifyBaseLogger }) {
  /** antd's sheet, indexed once per build (~100 ms), and its critical part for recent sets of classes. */
  let library: { href: string; critical: ReturnType<typeof criticalCss>; byClasses: Map<string, string> } | undefined;
  const criticalPartOf = (href: string, markup: string): string | null => {
    try {
      if (library?.href !== href)
        library = { href, critical: criticalCss(readFileSync(path.join(webDir, href), 'utf8')), byClasses: new Map() };
      const key = classesKey(markup);
      let part = library.byClasses.get(key);
      if (part === undefined) {
        part = library.critical.for(markup);
        if (library.byClasses.size >= CRITICAL_CACHE_SIZE) library.byClasses.clear();
        library.byClasses.set(key, part);
      }
      return part;
    } catch (err) {
      log.warn({ err, href }, 'the critical styles of the first screen were not made: the whole sheet is linked');
      return null;
    }
  };

  /** The app's own sheets, by address (hashed: a file's content never changes). */
  const ownSheets = new Map<string, string>();
  const ownSheet = (href: string): string | null => {
    const known = ownSheets.get(href);
    if (known !== undefined) return known;
    try {
      const css = readFileSync(path.join(webDir, href), 'utf8');
      ownSheets.set(href, css);
      return css;
    } catch (err) {
      log.warn({ err, href }, 'a stylesheet of the first screen was not read: it is linked instead');
      return null;
    }
  };

  return {
    /** Indexes antd's sheet ahead of the first visitor. */
    warm(stylesheets: string[]): void {
      const href = stylesheets.find((sheet) => LIBRARY_STYLESHEET.test(sheet));
      if (href) criticalPartOf(href, '');
    },
    /** The page's stylesheets in their order, for this markup; linked when there is none (the plain app). */
    inPage(stylesheets: string[], markup: string | null): string {
      return stylesheets
        .map((href) => {
          if (markup === null) return linkTo(href);
          const isLibrary = LIBRARY_STYLESHEET.test(href);
          const css = isLibrary ? criticalPartOf(href, markup) : ownSheet(href);
          if (css === null || /<\/style/i.test(css)) return linkTo(href);
          return isLibrary
            ? `<style id="${FIRST_SCREEN_STYLES_ID}" data-href="${href}">${css}</style>`
            : `<style data-href="${href}">${css}</style>`;
        })
        .join('');
    },
  };
}

/**
 * The server's render of the queue (issue 9: first load). Built by `npm run build` into dist/ssr and called by
 * src/server/http/first-screen.ts for a signed-in staff member opening /queue: the page arrives with its rows
 * already in the HTML and the query cache that produced them, so they show as soon as the styles are in, while
 * the scripts load; the app then starts with that cache (main.tsx) and asks for nothing again.
 *
 * The same components, routes, queries and loaders' prefetching as the browser (no second copy of the screen);
 * the API is reached through the server's own routes, with the visitor's cookie, so every rule of access holds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { dehydrate } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, type RouteObject, StaticRouterProvider } from 'react-router-dom';
import { isStaff } from '../domain/policy.ts';
import { type ApiTransport, setApiTransport } from './api/client.ts';
import { createQueryClient } from './api/query-client.ts';
import type { Me } from './api/types.ts';
import { appRoutes, prefetchStaffShell } from './app.tsx';
import { Providers } from './components/providers.tsx';
import { authKeys } from './features/auth/api.ts';
import { prefetchQueue } from './features/tickets/queue-page.tsx';
import { FIRST_SCREEN_STATE_ID } from './first-screen-state.ts';
import i18n, { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language, loadLanguage } from './i18n/index.ts';

/** Each render's requests go through its own visitor's transport (renders of different users interleave). */
const requestTransport = new AsyncLocalStorage<ApiTransport>();
setApiTransport((url, init) => {
  const transport = requestTransport.getStore();
  return transport ? transport(url, init) : Promise.reject(new Error(`no render in progress for ${url}`));
});

const languagesReady = Promise.all(LANGUAGES.map((language) => loadLanguage(language)));

/**
 * antd's theme, worked out once per language: its tokens are derived (~20 ms a render) into the style cache, and a
 * cache kept across renders keeps them. What it collects is the theme's variables of the components rendered so
 * far, the same for every visitor.
 */
const themeStyles: Record<Language, ReturnType<typeof createCache>> = { 'zh-CN': createCache(), en: createCache() };

/** The routes as the server matches them: the browser's loaders fetch into the page's cache; here prefetch does. */
function withoutLoaders(routes: RouteObject[]): RouteObject[] {
  return routes.map((route) => {
    const { loader: _loader, children, ...rest } = route;
    return (children ? { ...rest, children: withoutLoaders(children) } : rest) as RouteObject;
  });
}
const handler = createStaticHandler(withoutLoaders(appRoutes));

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export type FirstScreenOptions = {
  /** The absolute address asked for (http://host/queue?view=mine). */
  url: string;
  /** The browser's language choice (its cookie), if it made one; else the profile's. */
  chosenLanguage: string | undefined;
  /** Reaches the API as this visitor (the server's inject with their cookie). */
  transport: ApiTransport;
};

/**
 * What goes into the page: the theme's style elements (before the root), the markup inside the root element, and
 * the script with the query cache to adopt after it.
 */
export type FirstScreen = { styles: string; markup: string; state: string };

/**
 * A staff member's queue, rendered; null when there is nothing to render here (signed out, a hospital user, a
 * request of the first screen failed): the caller then leaves the root empty, and the plain app handles those.
 */
export async function renderFirstScreen({ url, chosenLanguage, transport }: FirstScreenOptions): Promise<FirstScreen | null> {
  await languagesReady;
  const client = createQueryClient();
  const address = new URL(url);
  const isComplete = await requestTransport.run(transport, async () => {
    // Not the assignee picker's options (the whole staff list): the browser asks for them once the app starts.
    await Promise.all([prefetchStaffShell(client), prefetchQueue(client, address.searchParams, { withPickerOptions: false })]);
    return client
      .getQueryCache()
      .getAll()
      .every((query) => query.state.status === 'success');
  });
  const me = client.getQueryData<Me | null>(authKeys.me());
  if (!isComplete || !me || !isStaff(me.user)) return null;
  const context = await handler.query(new Request(address));
  if (context instanceof Response) return null;

  const language: Language = isLanguage(chosenLanguage) ? chosenLanguage : isLanguage(me.user.locale) ? me.user.locale : DEFAULT_LANGUAGE;
  // From here to the end of the render nothing awaits: the one i18n instance holds this page's language throughout.
  void i18n.changeLanguage(language);
  if (i18n.language !== language) return null;
  // antd's theme tokens are CSS variables its components register as they render: collected here and sent with the
  // page, so the first paint has the theme's colours.
  const styles = themeStyles[language];
  const markup = renderToString(
    <StyleProvider cache={styles}>
      <Providers client={client}>
        <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
      </Providers>
    </StyleProvider>,
  );
  const state = `<script type="application/json" id="${FIRST_SCREEN_STATE_ID}" data-language="${language}">${scriptSafeJson(dehydrate(client))}</script>`;
  // One plain style element, unmarked: the browser's antd registers its own as the app starts (as on a plain page)
  // and never adopts or removes this one, which only has to hold until then.
  return { styles: `<style>${extractStyle(styles, { plain: true })}</style>`, markup, state };
}

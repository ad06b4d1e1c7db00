import { type DehydratedState, hydrate, type QueryClient } from '@tanstack/react-query';
import { setCsrfToken } from './api/client.ts';
import type { Me } from './api/types.ts';
import { authKeys } from './features/auth/api.ts';
import { FIRST_SCREEN_STYLES_ID, serverRenderedState } from './first-screen-state.ts';

let isAdopted = false;

/**
 * Fills the query cache from a server-rendered page (the session, the queue's rows and counts…), so the app's first
 * render shows what the server did and nothing is asked twice. True when the page came rendered and its state was read.
 */
export function adoptServerState(client: QueryClient): boolean {
  const text = serverRenderedState();
  if (!text) return false;
  try {
    hydrate(client, JSON.parse(text) as DehydratedState);
  } catch {
    return false;
  }
  // The session came with the page, not from /auth/me: its CSRF token too.
  const me = client.getQueryData<Me | null>(authKeys.me());
  if (me) setCsrfToken(me.csrfToken);
  isAdopted = true;
  return true;
}

/** Whether the page on screen is the server's render (main.tsx). */
export function isServerRendered(): boolean {
  return isAdopted;
}

/**
 * Resolves once antd's whole stylesheet is in: a rendered page came with only the part of it its markup uses, and
 * public/first-paint.js links the whole sheet before that part (removed when the sheet loads, or unmarked when it
 * fails). The app renders after it, so nothing it shows (menus, dialogs, other states) lacks its styles.
 */
export function wholeStylesIn(): Promise<void> {
  const partial = document.getElementById(FIRST_SCREEN_STYLES_ID);
  const whole = partial?.previousElementSibling;
  if (!partial || !(whole instanceof HTMLLinkElement) || whole.rel !== 'stylesheet') return Promise.resolve();
  return new Promise((resolve) => {
    whole.addEventListener('load', () => resolve(), { once: true });
    whole.addEventListener('error', () => resolve(), { once: true });
  });
}

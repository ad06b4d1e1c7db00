// antd's styles as one static stylesheet (theme tokens still arrive as CSS variables): with `zeroRuntime`
// (components/providers.tsx) no component generates its CSS in the browser, which cost a third of the
// queue's first render. First, so the app's own stylesheets override it.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app.tsx';
import { isServerRendered, wholeStylesIn } from './first-screen.ts';
import { currentLanguage, i18nReady, storedLanguage, switchLanguage } from './i18n/index.ts';
import './styles.css';
import { watchIconLabels } from './lib/icon-labels.ts';

watchIconLabels();
const root = document.getElementById('root');
if (root) {
  const app = (
    <StrictMode>
      <AppRoot />
    </StrictMode>
  );
  // The language's texts arrive in their own chunk; render once they are in (no flash of keys), and on a page
  // the server rendered, once antd's whole stylesheet is (first-screen.ts).
  void Promise.allSettled([i18nReady, wholeStylesIn()]).then(() => {
    // A page the server rendered (src/server/http/first-screen.ts) stays on screen until this render replaces it
    // in one commit: its data came with it, so the same rows appear at once. Rendered afresh rather than hydrated,
    // so the running app is exactly the one a plain page gets (antd's theme styles, clocks at this moment).
    createRoot(root).render(app);
    // Rendered in the profile's language; this browser's own choice, if another, wins (as on a plain page).
    const stored = storedLanguage();
    if (isServerRendered() && stored && stored !== currentLanguage()) void switchLanguage(stored);
  });
}

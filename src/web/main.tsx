// antd's styles as one static stylesheet (theme tokens still arrive as CSS variables): with `zeroRuntime`
// (components/providers.tsx) no component generates its CSS in the browser, which cost a third of the
// queue's first render. First, so the app's own stylesheets override it.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app.tsx';
import { i18nReady } from './i18n/index.ts';
import './styles.css';
import { watchIconLabels } from './lib/icon-labels.ts';

watchIconLabels();
const root = document.getElementById('root');
if (root) {
  // The language's texts arrive in their own chunk; render once they are in (no flash of keys).
  void i18nReady.finally(() =>
    createRoot(root).render(
      <StrictMode>
        <AppRoot />
      </StrictMode>,
    ),
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import { AppRoot } from './app.tsx';
import './styles.css';
import { watchIconLabels } from './lib/icon-labels.ts';

watchIconLabels();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppRoot />
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// The GraphQL client is the App's: one per region the atlas reads (region/useRegionClient.ts).
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);

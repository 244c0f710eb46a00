import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../app/i18n';
import { ImportPage } from './ImportPage';
import '../app/app.css';
import './import.css';

const root = document.getElementById('root');
if (!root) throw new Error('import.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ImportPage />
    </I18nProvider>
  </StrictMode>,
);

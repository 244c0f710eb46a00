import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../graphql/client';
import { ATLAS } from '../graphql/documents';
import { App } from './App';
import { I18nProvider } from './i18n';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const client = createApolloClient();
// The region's geography is the first thing the map needs: ask for it before
// React renders (the app's own query of it is then answered by this one).
void client.query({ query: ATLAS }).catch(() => {
  // The app's query reports the error.
});

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../graphql/client';
import { App } from './App';
import { I18nProvider } from './i18n';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const client = createApolloClient();

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);

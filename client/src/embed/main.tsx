import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../graphql/client';
import { I18nProvider } from '../app/i18n';
import { EmbedApp } from './EmbedApp';
import { parseEmbedOptions } from './embed-options';
import '../app/app.css';
import './embed.css';

const root = document.getElementById('root');
if (!root) throw new Error('embed.html has no #root element.');
const options = parseEmbedOptions(window.location.search);

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient('/graphql', options.token)}>
      <I18nProvider>
        <EmbedApp options={options} />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);

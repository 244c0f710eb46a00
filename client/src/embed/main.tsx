import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../graphql/client';
import { I18nProvider } from '../app/i18n';
import { EmbedApp } from './EmbedApp';
import { parseEmbedOptions } from './embed-options';
import { parseView } from '../state/view-state';
import '../app/app.css';
import './embed.css';

const root = document.getElementById('root');
if (!root) throw new Error('embed.html has no #root element.');
const options = parseEmbedOptions(window.location.search);
// The region is the link's for the frame's life: another region is another link (the host reloads the frame).
const { region } = parseView(window.location.search).state;

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient('/graphql', options.token, { prefecture: region })}>
      <I18nProvider>
        <EmbedApp options={options} />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);

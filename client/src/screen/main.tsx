import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from '../graphql/client';
import { I18nProvider } from '../app/i18n';
import { hubDefaults, readRotation } from './rotation';
import { ScreenApp } from './ScreenApp';
import { parseView } from '../state/view-state';
import '../app/app.css';
import './screen.css';

const root = document.getElementById('root');
if (!root) throw new Error('screen.html has no #root element.');
// Read once: a wall display keeps its rotation until it is reloaded.
const rotation = readRotation(window.location.search, hubDefaults());
// The region shown, as in the atlas's link (`region=`): every request of the screen reads it.
const { region } = parseView(window.location.search).state;

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient('/graphql', null, { prefecture: region })}>
      <I18nProvider>
        <ScreenApp rotation={rotation} readPrefecture={region} />
      </I18nProvider>
    </ApolloProvider>
  </StrictMode>,
);

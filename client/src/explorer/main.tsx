// Monaco's workers (editor, GraphQL language, JSON) as files that Vite bundles
// and serves from our origin; must run before GraphiQL creates an editor.
import 'graphiql/setup-workers/vite';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// GraphiQL's stylesheets without `graphiql/style.css`'s embedded Roboto and Fira
// Code (~360 kB of base64 fonts): the page uses the system's fonts, like the atlas.
// Monaco's own CSS comes with its modules.
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import { Explorer } from './Explorer';
import './explorer.css';

const root = document.getElementById('explorer');
if (!root) throw new Error('explorer.html has no #explorer element.');

createRoot(root).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Four pages, all served by the hub from `client/dist`: the atlas (`index.html`,
 * at `/`), the embedded map (`embed.html`, at `/embed`), the big screen
 * (`screen.html`, at `/screen`) and the GraphQL IDE (`explorer.html`, at
 * `/explorer`). The embed script (`/embed.js`) is built
 * after them by `vite.embed-script.config.ts`. Everything
 * they need is bundled here: no CDN, no web font, no remote style; Monaco's
 * workers are emitted as files of our own origin (see architecture.md,
 * "Offline"). In development `vite` proxies the API to a running hub.
 */
const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Big libraries get chunks of their own, so a change to our code does not
 * re-download them; React is shared by every page, under a name that says so.
 * (Rolldown keeps its own helpers in a runtime chunk of their own, so the
 * explorer does not preload the map library for them.)
 */
const chunkGroups = [
  { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'monaco', test: /node_modules[\\/]monaco-editor[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl is ~1 MB minified on its own, Monaco ~3 MB.
    chunkSizeWarningLimit: 4000,
    // Not gzipping every chunk to print its size (a second per build): precompress.mjs reports what is served.
    reportCompressedSize: false,
    rolldownOptions: {
      input: { main: page('index.html'), embed: page('embed.html'), screen: page('screen.html'), explorer: page('explorer.html'), import: page('import.html') },
      output: { codeSplitting: { groups: chunkGroups } },
      onwarn(warning, warn) {
        // GraphiQL marks modules "use no memo" for the React Compiler, which this build does not run.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use no memo')) return;
        warn(warning);
      },
    },
  },
  // Monaco's workers import modules of their own: ES module workers keep them in one graph.
  worker: { format: 'es' },
  server: {
    proxy: {
      '/graphql': process.env.LINGYAN_API ?? 'http://127.0.0.1:4000',
    },
  },
});

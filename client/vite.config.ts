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

/** Big libraries get chunks of their own, so a change to our code does not re-download them. */
function manualChunks(id: string): string | undefined {
  // Rollup's CommonJS interop helper would otherwise land in the first chunk
  // that needs it (maplibre) and make the explorer preload the whole map library.
  if (id.includes('commonjsHelpers')) return 'runtime';
  if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
  // React is shared by both pages: one chunk under a name that says so.
  if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
  if (id.includes('node_modules/monaco-editor')) return 'monaco';
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl is ~1 MB minified on its own, Monaco ~3 MB.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { main: page('index.html'), embed: page('embed.html'), screen: page('screen.html'), explorer: page('explorer.html'), import: page('import.html') },
      output: { manualChunks },
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

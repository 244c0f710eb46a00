import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The atlas is served by the hub at `/` from `client/dist`. Everything it needs
 * is bundled here: no CDN, no web font, no remote style (see architecture.md,
 * "Offline"). In development `vite` proxies the API to a running hub.
 */
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // maplibre-gl is ~1 MB minified on its own; it gets its own chunk.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks: (id) => (id.includes('node_modules/maplibre-gl') ? 'maplibre' : undefined),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': process.env.LINGYAN_API ?? 'http://127.0.0.1:4000',
    },
  },
});

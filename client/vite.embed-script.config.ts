import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The embed script (`/embed.js`), built on its own after the pages: one
 * classic script (IIFE) that an analyst's page loads with a plain
 * `<script src>`, so it may share no chunk with the pages' ES modules.
 * Written into the same `dist/` under a fixed name, which the README and the
 * atlas's share dialog give out.
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('src/embed-script/embed.ts', import.meta.url)),
      name: 'Lingyan',
      formats: ['iife'],
      fileName: () => 'embed.js',
    },
  },
});

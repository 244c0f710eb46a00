import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
// graphql ships CJS (main) and ESM (module) builds. Node loads the CJS one for
// type-graphql; Vite would hand our sources the ESM one, and two copies of
// graphql reject each other's types. Pin every import to the one Node uses.
const graphqlMain = createRequire(new URL('../server/package.json', import.meta.url)).resolve('graphql');

export default defineConfig({
  root,
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    // Boots the database (embedded, or a fresh database on DATABASE_URL's server) once per run.
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // One database per run, shared: files that write (planning) must not race
    // files that compare the API with SQL. Files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});

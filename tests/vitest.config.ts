import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
// graphql ships CJS (main) and ESM (module) builds. Node loads the CJS one for
// type-graphql; Vite would hand our sources the ESM one, and two copies of
// graphql reject each other's types. Pin every import to the one Node uses.
const graphqlMain = createRequire(new URL('../server/package.json', import.meta.url)).resolve('graphql');

// Two projects (docs/testing.md):
// - "unit" (tests/unit): pure code, no database; files run side by side and start at once.
// - "db" (tests/api, tests/e2e, tests/import): the global setup boots the database and loads
//   the demo region first; files share that database and run one after another.
// Vitest boots a project's global setup only when one of its files is to run, so
// `vitest run --config vitest.config.ts tests/unit/…` or `--project unit` never starts a database.
// The unit project runs first (groupOrder), so its workers are not beside the browser tests.
export default defineConfig({
  root,
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: {
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    pool: 'forks',
    testTimeout: 60_000,
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // One module graph for all unit files (type-graphql, the data package, the server's modules are
          // imported once, not once per file: that import was most of the unit run). Files must restore what
          // they change: fake timers, spies (restored below too), globals.
          isolate: false,
          restoreMocks: true,
          unstubGlobals: true,
          unstubEnvs: true,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // Transformed modules kept on disk between runs (keyed by content, config, Vitest's version
          // and the lockfile): a re-run skips the TypeScript transforms, a third of the unit run's import.
          experimental: { fsModuleCache: true },
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/api/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/import/**/*.test.ts'],
          // Boots the database (embedded, or a fresh database on DATABASE_URL's server) once per run.
          globalSetup: ['tests/support/global-setup.ts'],
          // One database per run, shared: files that write (planning) must not race
          // files that compare the API with SQL. Files run one after another.
          fileParallelism: false,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

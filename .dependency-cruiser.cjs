/**
 * The direction imports take (docs/architecture.md), checked by
 * `pnpm lint:imports` in CI. Inside the server, from the edge to the base:
 *
 *   main, cli → http → graphql, tiles → importer, exporter
 *     → domain services (*.service.ts) → spatial → domain model, auth → db → config
 *
 * A module may import its own layer and the layers below it, never above.
 * Packages: client and data never import the server; schema imports nothing
 * of ours; data is the base every package may read.
 */
const S = '^server/src/';
const layer = (dirs) => `${S}(${dirs.join('|')})/`;
const SERVICE = `${S}domain/.+\\.service\\.ts$`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle hides which module is the base. Entities and GraphQL object types may name each other: relations and fields are two-sided.',
      from: { path: S, pathNot: '\\.(entity|type)\\.ts$' },
      to: { circular: true },
    },
    { name: 'config-is-the-base', severity: 'error', from: { path: `${S}config/` }, to: { path: S, pathNot: `${S}config/` } },
    {
      name: 'db-below-the-model',
      severity: 'error',
      comment: 'db/orm.ts is the one place that names the entities (MikroORM needs the list).',
      from: { path: `${S}db/`, pathNot: `${S}db/orm\\.ts$` },
      to: { path: layer(['domain', 'spatial', 'auth', 'graphql', 'tiles', 'http', 'importer', 'exporter', 'cli']) },
    },
    { name: 'auth-below-domain', severity: 'error', from: { path: `${S}auth/` }, to: { path: layer(['domain', 'spatial', 'graphql', 'tiles', 'http', 'importer', 'exporter', 'cli']) } },
    {
      name: 'model-below-services',
      severity: 'error',
      comment: 'Entities, enums and rules know no service, query builder or API.',
      from: { path: `${S}domain/`, pathNot: SERVICE },
      to: { path: [SERVICE, layer(['graphql', 'tiles', 'http', 'importer', 'exporter', 'cli'])] },
    },
    { name: 'spatial-below-services', severity: 'error', from: { path: `${S}spatial/` }, to: { path: [SERVICE, layer(['graphql', 'tiles', 'http', 'importer', 'exporter', 'cli'])] } },
    { name: 'services-below-the-api', severity: 'error', from: { path: SERVICE }, to: { path: layer(['graphql', 'tiles', 'http', 'importer', 'exporter', 'cli']) } },
    { name: 'importers-below-the-api', severity: 'error', from: { path: layer(['importer', 'exporter']) }, to: { path: layer(['graphql', 'tiles', 'http', 'cli']) } },
    { name: 'graphql-and-tiles-below-http', severity: 'error', from: { path: layer(['graphql', 'tiles']) }, to: { path: layer(['http', 'cli']) } },
    { name: 'tiles-beside-graphql', severity: 'error', comment: 'Tiles answer without GraphQL; what both need lives below them.', from: { path: `${S}tiles/` }, to: { path: `${S}graphql/` } },
    { name: 'http-below-cli', severity: 'error', from: { path: `${S}http/` }, to: { path: `${S}cli/` } },
    {
      name: 'client-no-circular',
      severity: 'error',
      comment: 'The layer registry is built when its modules load: a module reaching the registry back at run time finds it unbuilt. Type-only imports are erased.',
      from: { path: '^client/src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    { name: 'client-not-server', severity: 'error', from: { path: '^client/' }, to: { path: '^(server|tests)/' } },
    { name: 'data-is-the-base', severity: 'error', from: { path: '^data/' }, to: { path: '^(server|client|tests|schema)/' } },
    { name: 'server-not-client', severity: 'error', from: { path: '^server/' }, to: { path: '^(client|tests)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|generated)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
    combinedDependencies: true,
  },
};

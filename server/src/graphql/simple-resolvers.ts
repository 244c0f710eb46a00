/**
 * A field that only reads its property (no field resolver) is left to
 * graphql's default resolver, which graphql-jit compiles to a property read,
 * instead of type-graphql's wrapper, which runs the field's middlewares and
 * role checks first: the schema has neither (type-graphql's `simpleResolvers`,
 * set here on every object type at once). A field given roles or middlewares
 * would be skipped by the default resolver, so one stops the schema being
 * built.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: fewer wrapped calls per field on large lists (the national
 *   bounding box); figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: type-graphql's metadata storage (`getMetadataStorage()`, whose
 *   type is not exported): its `fields` (roles, middlewares) and
 *   `objectTypes` (`simpleResolvers`), mutated before `buildSchema`.
 * - guarded by: tests/unit/graphql/simple-resolvers.test.ts (plain fields
 *   have no resolver in the built schema; a guarded field stops the build).
 */
import { getMetadataStorage } from 'type-graphql';

/** The part of type-graphql's metadata storage this reads and sets (the type is not exported). */
type TypeMetadata = Pick<ReturnType<typeof getMetadataStorage>, 'fields' | 'objectTypes'>;

export function plainFieldsReadTheirProperty(storage: TypeMetadata = getMetadataStorage()): void {
  const guarded = storage.fields.filter((f) => (f.roles?.length ?? 0) > 0 || (f.middlewares?.length ?? 0) > 0);
  if (guarded.length > 0) {
    const names = guarded.map((f) => `${f.target.name}.${f.name}`).join(', ');
    throw new Error(`fields with roles or middlewares (${names}): their object types must not use simple resolvers (graphql/simple-resolvers.ts)`);
  }
  for (const type of storage.objectTypes) type.simpleResolvers ??= true;
}

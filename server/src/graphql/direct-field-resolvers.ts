/**
 * A field resolver that takes only the parent object, the context and the
 * resolve info (`@Root()`, `@Ctx()`, `@Info()`: a village's `location`,
 * `township`, `distanceMeters`) is called straight from the schema, instead
 * of through type-graphql's wrapper, which on every call (every row of a
 * list) looks up the resolver class's instance, sorts the parameters, maps
 * them to values, checks each for a promise and runs the (empty) middleware
 * chain. Fields with arguments keep the wrapper: it converts and validates
 * them.
 *
 * Same call as the wrapper makes: the method of one instance of the
 * resolver class (ours hold no state; type-graphql's default container also
 * makes one per class), with the parameters in their declared order; what it
 * returns or throws is the answer.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: the wrapper's work per field per row (a box of 250 villages calls
 *   `location` 250 times); figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: type-graphql 2.0-rc's metadata storage (`getMetadataStorage()`:
 *   `fieldResolvers` with `params` {kind, index, propertyName, getType},
 *   `roles`, `middlewares`, `getObjectType`, `schemaName`; `objectTypes` and
 *   `interfaceTypes` naming each class's GraphQL type), read after
 *   `buildSchema`, and the built schema's fields' `resolve` being theirs to
 *   replace before the first operation runs. No auth checker or global
 *   middlewares (schema.ts gives none); a resolver with roles or middlewares
 *   keeps the wrapper.
 * - guarded by: tests/unit/graphql/direct-field-resolvers.test.ts and
 *   tests/api/village-columns.test.ts, tests/api/n-plus-one.test.ts (answers
 *   through the direct calls).
 */
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { isInterfaceType, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Storage = Pick<ReturnType<typeof getMetadataStorage>, 'fieldResolvers' | 'objectTypes' | 'interfaceTypes'>;
type FieldResolverMetadata = Storage['fieldResolvers'][number];
type Param = NonNullable<FieldResolverMetadata['params']>[number];

/** Marks the resolvers made here (tests tell them from type-graphql's). */
export const DIRECT = Symbol.for('lingyan.directFieldResolver');

/** How one parameter's value is read from a call, or null when only the wrapper can make it (arguments, a typed or named root or context). */
function reader(p: Param): ((root: unknown, context: unknown, info: unknown) => unknown) | null {
  const named = 'propertyName' in p && p.propertyName !== undefined;
  if (p.kind === 'root' && !named && !('getType' in p && p.getType)) return (root) => root;
  if (p.kind === 'context' && !named) return (_root, context) => context;
  if (p.kind === 'info') return (_root, _context, info) => info;
  return null;
}

function direct(fr: FieldResolverMetadata): GraphQLFieldResolver<unknown, unknown> | null {
  if ((fr.roles?.length ?? 0) > 0 || (fr.middlewares?.length ?? 0) > 0) return null;
  if (!fr.params) return null;
  const params = [...fr.params].sort((a, b) => a.index - b.index);
  const readers = params.map(reader);
  if (readers.some((r) => r === null)) return null;
  const Target = fr.target as new () => Record<string, (...args: unknown[]) => unknown>;
  const instance = new Target();
  const method = instance[fr.methodName];
  if (typeof method !== 'function') return null;
  const read = readers as Array<(root: unknown, context: unknown, info: unknown) => unknown>;
  let resolve: GraphQLFieldResolver<unknown, unknown>;
  // The common shapes without an array per call.
  if (read.length === 1) resolve = (root, _args, context, info) => method.call(instance, read[0]!(root, context, info));
  else if (read.length === 2) resolve = (root, _args, context, info) => method.call(instance, read[0]!(root, context, info), read[1]!(root, context, info));
  else resolve = (root, _args, context, info) => method.apply(instance, read.map((r) => r(root, context, info)));
  return Object.assign(resolve, { [DIRECT]: true });
}

/** Replaces type-graphql's wrapper with a direct call on every field resolver that reads no arguments; returns how many. */
export function directFieldResolvers(schema: GraphQLSchema, storage: Storage = getMetadataStorage()): number {
  const typeNames = new Map<unknown, string>([...storage.objectTypes, ...storage.interfaceTypes].map((t) => [t.target, t.name]));
  let replaced = 0;
  for (const fr of storage.fieldResolvers) {
    if (fr.kind !== 'external') continue;
    const typeName = typeNames.get(fr.getObjectType?.());
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!type || !(isObjectType(type) || isInterfaceType(type))) continue;
    const field = type.getFields()[fr.schemaName];
    if (!field?.resolve) continue;
    const resolve = direct(fr);
    if (!resolve) continue;
    field.resolve = resolve;
    replaced++;
  }
  return replaced;
}

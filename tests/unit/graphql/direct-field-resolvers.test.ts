/**
 * server/src/graphql/direct-field-resolvers.ts: field resolvers reading only
 * the parent, the context and the info are called straight from the schema;
 * those with arguments, roles or middlewares keep type-graphql's wrapper.
 */
import { GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLFieldResolver } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../../server/src/graphql/schema.js';
import { DIRECT, directFieldResolvers } from '../../../server/src/graphql/direct-field-resolvers.js';
import { RawJson } from '../../../server/src/spatial/raw-json.js';

type Fields = Record<string, { resolve?: GraphQLFieldResolver<unknown, unknown> & { [DIRECT]?: true } }>;
const fieldsOf = (schema: GraphQLSchema, type: string) => (schema.getType(type) as unknown as { getFields(): Fields }).getFields();

describe('direct field resolvers', () => {
  it('call a village\'s parameterless field resolvers straight, with the same answers and errors', async () => {
    const village = fieldsOf(await createSchema(), 'Village');
    const location = village.location!.resolve!;
    expect(location[DIRECT]).toBe(true);
    const point = new RawJson('{"type":"Point","coordinates":[116.1,43.9]}');
    expect(location({ code: 'v', location: point }, {}, {}, {} as never)).toBe(point);
    // The resolver's own error (a column not read) is what the call throws.
    expect(() => location({ code: 'v', location: undefined }, {}, {}, {} as never)).toThrow(/location was not read/);
    // A resolver with the context: the township is asked of the request's loaders.
    const asked: string[] = [];
    const loaders = { township: { load: (code: string) => (asked.push(code), Promise.resolve({ code })) } };
    await expect(village.township!.resolve!({ code: 'v', township: { code: '150702101000' } }, {}, { loaders }, {} as never)).resolves.toEqual({ code: '150702101000' });
    expect(asked).toEqual(['150702101000']);
    expect(village.township!.resolve![DIRECT]).toBe(true);
  });

  it('leave resolvers with arguments to type-graphql (it converts and validates them)', async () => {
    const village = fieldsOf(await createSchema(), 'Village');
    // status(year: Int!) and figures(year: Int!) take YearArgs.
    expect(typeof village.status!.resolve).toBe('function');
    expect(village.status!.resolve![DIRECT]).toBeUndefined();
    expect(village.figures!.resolve![DIRECT]).toBeUndefined();
  });

  it('skip resolvers with roles, middlewares, named or typed parameters, and types the schema does not hold', () => {
    class Thing {}
    class ThingResolver {
      shout(root: { name: string }) {
        return root.name.toUpperCase();
      }
    }
    const wrapped: GraphQLFieldResolver<unknown, unknown> = () => 'wrapped';
    const make = () => {
      const names = ['plain', 'guarded', 'logged', 'named', 'typed', 'argument'];
      const type = new GraphQLObjectType({ name: 'Thing', fields: Object.fromEntries(names.map((n) => [n, { type: GraphQLString, resolve: wrapped }])) });
      return new GraphQLSchema({ query: type });
    };
    const schema = make();
    const resolver = (schemaName: string, extra: object = {}, param: object = { kind: 'root', index: 0 }) => ({ kind: 'external', target: ThingResolver, methodName: 'shout', schemaName, getObjectType: () => Thing, params: [param], roles: [], middlewares: [], ...extra });
    const fieldResolvers = [
      resolver('plain'),
      resolver('guarded', { roles: ['admin'] }),
      resolver('logged', { middlewares: [() => undefined] }),
      resolver('named', {}, { kind: 'root', index: 0, propertyName: 'name' }),
      resolver('typed', {}, { kind: 'root', index: 0, getType: () => Thing }),
      resolver('argument', {}, { kind: 'args', index: 0 }),
      { ...resolver('plain'), getObjectType: () => class Elsewhere {} },
    ];
    expect(directFieldResolvers(schema, { fieldResolvers, objectTypes: [{ target: Thing, name: 'Thing' }], interfaceTypes: [] } as never)).toBe(1);
    const fields = fieldsOf(schema, 'Thing');
    expect(fields.plain!.resolve!({ name: 'abc' }, {}, {}, {} as never)).toBe('ABC');
    for (const kept of ['guarded', 'logged', 'named', 'typed', 'argument']) expect(fields[kept]!.resolve).toBe(wrapped);
  });
});

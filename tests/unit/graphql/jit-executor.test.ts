/**
 * The compiled executor (graphql/jit-executor.ts) on a small schema: an
 * operation is interpreted by graphql-js the first time and compiled by
 * graphql-jit from the second, with the same answers and errors; a
 * document with a string literal is never compiled (graphql-jit would turn
 * its date marker into code).
 */
import { buildSchema, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { hasStringLiteral, jitExecutor } from '../../../server/src/graphql/jit-executor.js';

/** Who executed the last resolver call: graphql-js's interpreter or code graphql-jit generated. */
let executedBy: 'graphql-js' | 'graphql-jit' | null = null;

const schema = buildSchema(`
  type Area { code: String! value: Float }
  type Query {
    areas(n: Int!): [Area!]!
    area(code: String!): Area!
    missing: Area
    failing: String
    strict: Area!
  }
`);

const resolvers: Record<string, GraphQLFieldResolver<unknown, unknown, any>> = {
  areas: (_, { n }: { n: number }) => Array.from({ length: n }, (_x, i) => ({ code: `c${i}`, value: i % 3 === 0 ? null : i / 10 })),
  area: async (_, { code }: { code: string }) => {
    if (code === 'none') throw new GraphQLError(`Area "${code}" does not exist`, { extensions: { code: 'NOT_FOUND' } });
    return { code, value: 1.5 };
  },
  missing: () => null,
  // A plain Error, with no extensions: graphql-jit's own error object then has none either.
  failing: async () => {
    throw new Error('broken');
  },
  // null for a non-null field: the error bubbles up to the nullable parent (here the whole data).
  strict: () => ({ code: null, value: 1 }),
};
for (const [name, resolve] of Object.entries(resolvers)) {
  schema.getQueryType()!.getFields()[name]!.resolve = (...args) => {
    const stack = new Error().stack ?? '';
    executedBy = stack.includes('graphql-jit') ? 'graphql-jit' : stack.includes('execution/execute') ? 'graphql-js' : null;
    return resolve(...args);
  };
}

/** One executor, kept across calls, as the hub keeps it. */
function executor() {
  const execute = jitExecutor(schema);
  return (document: DocumentNode, variables: Record<string, unknown> = {}) => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    return execute({ document, operation, operationName: operation.name?.value ?? null, request: { variables }, context: {} } as never) as Promise<ExecutionResult>;
  };
}

/** The answer as Apollo sends it (errors as JSON). */
const wire = (r: ExecutionResult) => JSON.parse(JSON.stringify({ data: r.data, errors: r.errors?.map((e) => ({ ...e.toJSON(), extensions: e.extensions })) }));

describe('compiled execution', () => {
  it('interprets an operation the first time and compiles it from the second, with the same answer', async () => {
    const execute = executor();
    const doc = parse('query Areas($n: Int!) { areas(n: $n) { code value } }');
    const first = await execute(doc, { n: 500 });
    expect(executedBy).toBe('graphql-js');
    const second = await execute(doc, { n: 500 });
    expect(executedBy).toBe('graphql-jit');
    const third = await execute(doc, { n: 7 });
    expect(executedBy).toBe('graphql-jit');
    expect(second).toEqual(first);
    expect((first.data as { areas: unknown[] }).areas).toHaveLength(500);
    expect(third.data).toEqual({ areas: [0, 1, 2, 3, 4, 5, 6].map((i) => ({ code: `c${i}`, value: i % 3 === 0 ? null : i / 10 })) });
  });

  it('answers errors compiled as interpreted: message, path, locations and extensions (empty when the resolver gave none)', async () => {
    const execute = executor();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['query A($c: String!) { area(code: $c) { code } }', { c: 'none' }],
      ['{ failing missing { code } }', {}],
      ['{ strict { code value } }', {}],
    ];
    for (const [text, variables] of cases) {
      const doc = parse(text);
      const interpreted = wire(await execute(doc, variables));
      const compiled = wire(await execute(doc, variables));
      expect(executedBy).toBe('graphql-jit');
      expect(compiled).toEqual(interpreted);
      expect(compiled.errors.length).toBeGreaterThan(0);
      for (const e of compiled.errors) expect(e.extensions).toBeTypeOf('object');
    }
    const notFound = wire(await execute(parse('query A($c: String!) { area(code: $c) { code } }'), { c: 'none' }));
    expect(notFound.errors[0]).toMatchObject({ message: 'Area "none" does not exist', path: ['area'], extensions: { code: 'NOT_FOUND' } });
    expect(notFound.errors[0].locations).toEqual([{ line: 1, column: 24 }]);
  });

  it('refuses bad variables with graphql-js\'s own errors, compiled or not', async () => {
    const execute = executor();
    const doc = parse('query Areas($n: Int!) { areas(n: $n) { code } }');
    await execute(doc, { n: 1 });
    await execute(doc, { n: 1 });
    expect(executedBy).toBe('graphql-jit');
    for (const variables of [{ n: 'x' }, {}]) {
      const r = await execute(doc, variables);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]).toBeInstanceOf(GraphQLError);
      expect(r.errors?.[0]?.message).toMatch(/^Variable "\$n"/);
    }
  });

  it('never compiles a document with a string literal: graphql-jit\'s date marker in it stays data', async () => {
    const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
    const g = globalThis as { lingyanInjected?: number };
    delete g.lingyanInjected;
    const doc = parse(`{ area(code: "${marker}(globalThis.lingyanInjected = 1)") { code } }`);
    const execute = executor();
    for (let i = 0; i < 3; i++) {
      const r = await execute(doc);
      expect(executedBy).toBe('graphql-js');
      expect(r.data).toEqual({ area: { code: `${marker}(globalThis.lingyanInjected = 1)` } });
    }
    expect(g.lingyanInjected).toBeUndefined();
  });

  it('finds string literals in arguments, input objects, lists and variable defaults, and nothing else', () => {
    // (Strings other than a letters-only word: those may be compiled, below.)
    expect(hasStringLiteral(parse('{ a(x: "s 1") }'))).toBe(true);
    expect(hasStringLiteral(parse('{ a(x: { y: [1, { z: """block 2""" }] }) }'))).toBe(true);
    expect(hasStringLiteral(parse('query Q($x: String = "d-1") { a(x: $x) }'))).toBe(true);
    expect(hasStringLiteral(parse('query Q($x: String, $n: Int = 3) { a(x: $x, e: QUANTILE, f: 1.5, b: true, l: [1, 2], o: { p: null }) { b: c } }'))).toBe(false);
  });

  it('lets a letters-only word be compiled (a GeoJSON type), and nothing with a digit, an underscore, a quote or a space', () => {
    expect(hasStringLiteral(parse('{ a(to: { point: { type: "Point", coordinates: [1, 2] } }) }'))).toBe(false);
    expect(hasStringLiteral(parse('{ a(x: """Polygon""") }'))).toBe(false);
    for (const s of ['Point1', 'a_b', '__MAGIC_DATE__', 'x y', '', 'Ünïcode', 'a"b', 'a'.repeat(65)]) expect(hasStringLiteral(parse(`{ a(x: ${JSON.stringify(s)}) }`)), s).toBe(true);
    expect(hasStringLiteral(parse('{ a(x: "Point", y: "p1") }'))).toBe(true);
  });

  it('compiles an operation whose string literal is a letters-only word, with the same answer', async () => {
    const execute = executor();
    const doc = parse('{ area(code: "Point") { code value } }');
    const first = await execute(doc);
    expect(executedBy).toBe('graphql-js');
    const second = await execute(doc);
    expect(executedBy).toBe('graphql-jit');
    expect(second).toEqual(first);
    expect(first.data).toEqual({ area: { code: 'Point', value: 1.5 } });
  });
});

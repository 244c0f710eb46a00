/** server/src/graphql/introspection.ts: whether an operation reads the schema, found once per parsed document. */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asksSchema } from '../../../server/src/graphql/introspection.js';

describe('operations reading the schema', () => {
  it('are found wherever __schema or __type stands: top level, nested, in fragments, behind @skip', () => {
    expect(asksSchema(parse('{ __schema { types { name } } }'))).toBe(true);
    expect(asksSchema(parse('{ villages { items { code } } t: __type(name: "Village") { name } }'))).toBe(true);
    expect(asksSchema(parse('query { ...F } fragment F on Query { __schema { queryType { name } } }'))).toBe(true);
    expect(asksSchema(parse('{ __schema @skip(if: true) { types { name } } }'))).toBe(true);
    expect(asksSchema(parse('{ villages { items { code __typename } } }'))).toBe(false);
  });

  it('gives the same answer for the same document again, and a new document its own', () => {
    const reads = parse('{ __type(name: "County") { name } }');
    const plain = parse('{ choropleth(year: 2020, level: COUNTY, metric: POVERTY_INCIDENCE) { breaks } }');
    for (let i = 0; i < 3; i++) {
      expect(asksSchema(reads)).toBe(true);
      expect(asksSchema(plain)).toBe(false);
    }
    expect(asksSchema(parse('{ __type(name: "County") { name } }'))).toBe(true);
  });
});

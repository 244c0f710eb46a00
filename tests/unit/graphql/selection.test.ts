/** server/src/graphql/selection.ts: the fields an operation selects below a resolver's field, found once per operation. */
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from '../../../server/src/graphql/selection.js';

/** A resolve info for the top-level fields named `field` of `text`'s operation, as execution would give it. */
function infoFor(text: string, field: string): GraphQLResolveInfo {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const fieldNodes = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && (s.alias ?? s.name).value === field);
  return { fieldNodes, fragments } as unknown as GraphQLResolveInfo;
}

describe('selected fields', () => {
  const text = `query { villages { totalCount items { code ...F @include(if: false) ... on Village { location } } } }
                fragment F on Village { name township { code } }`;

  it('names every field below the path, through fragments and both branches of @include', () => {
    const info = infoFor(text, 'villages');
    expect([...selectedFields(info)].sort()).toEqual(['items', 'totalCount']);
    expect([...selectedFields(info, ['items'])].sort()).toEqual(['code', 'location', 'name', 'township']);
    expect([...selectedFields(info, ['items', 'township'])]).toEqual(['code']);
    expect([...selectedFields(info, ['nothing'])]).toEqual([]);
  });

  it('finds them once per operation and path: a repeated request gets the same set', () => {
    const info = infoFor(text, 'villages');
    const items = selectedFields(info, ['items']);
    // A new info of the same parsed document (the next request of the same text), new arrays included.
    expect(selectedFields({ ...info, fieldNodes: [...info.fieldNodes] } as GraphQLResolveInfo, ['items'])).toBe(items);
    expect(selectedFields(info)).not.toBe(items);
    // The same text parsed again is another document: found anew, equal.
    const again = selectedFields(infoFor(text, 'villages'), ['items']);
    expect(again).not.toBe(items);
    expect([...again].sort()).toEqual([...items].sort());
  });

  it('tells a field asked twice (merged nodes) from the first of them alone', () => {
    const merged = infoFor(`{ villages { items { code } } villages { items { name } } }`, 'villages');
    const first = { ...merged, fieldNodes: [merged.fieldNodes[0]!] } as GraphQLResolveInfo;
    expect([...selectedFields(first, ['items'])]).toEqual(['code']);
    expect([...selectedFields(merged, ['items'])].sort()).toEqual(['code', 'name']);
    expect([...selectedFields(first, ['items'])]).toEqual(['code']);
  });
});

/**
 * Which fields an operation asks for below a resolver's field, so a resolver
 * of a large list can skip reading and building what nobody selected. Errs
 * on the side of "asked": every branch of fragments and @include/@skip
 * counts, so the answer is a superset of what execution will resolve.
 */
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Names of the fields selected directly in `set` (through inline fragments and fragment spreads). */
function namesIn(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Map<string, SelectionSetNode[]>, seen = new Set<string>()): void {
  for (const s of set?.selections ?? []) {
    if (s.kind === 'Field') {
      const list = into.get(s.name.value) ?? [];
      if (s.selectionSet) list.push(s.selectionSet);
      into.set(s.name.value, list);
    } else if (s.kind === 'InlineFragment') {
      namesIn(s.selectionSet, info, into, seen);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      namesIn(info.fragments[s.name.value]?.selectionSet, info, into, seen);
    }
  }
}

/** The field names selected at `path` below the resolver's field (e.g. ['areas'] → the fields of each area). */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) {
      const names = new Map<string, SelectionSetNode[]>();
      namesIn(set, info, names);
      next.push(...(names.get(step) ?? []));
    }
    sets = next;
  }
  const names = new Map<string, SelectionSetNode[]>();
  for (const set of sets) namesIn(set, info, names);
  return new Set(names.keys());
}

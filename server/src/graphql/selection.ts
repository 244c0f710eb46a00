/**
 * Which fields an operation asks for below a resolver's field, so a resolver
 * of a large list can skip reading and building what nobody selected. Errs
 * on the side of "asked": every branch of fragments and @include/@skip
 * counts, so the answer is a superset of what execution will resolve.
 */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

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

function namesAt(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
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

/**
 * What was found, per field node and path: the answer depends only on the
 * operation's text (every @include/@skip branch counts), and a field node
 * belongs to one parsed document, which Apollo keeps and reuses for every
 * request of the same text, so a repeated operation finds it here.
 */
const found = new WeakMap<FieldNode, Map<string, { nodes: readonly FieldNode[]; names: ReadonlySet<string> }>>();

/** The field names selected at `path` below the resolver's field (e.g. ['areas'] → the fields of each area). Not to be changed: the same set answers every request of the operation. */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): ReadonlySet<string> {
  const first = info.fieldNodes[0];
  if (!first) return namesAt(info, path);
  const key = path.join('.');
  let byPath = found.get(first);
  const hit = byPath?.get(key);
  if (hit && hit.nodes.length === info.fieldNodes.length && hit.nodes.every((n, i) => n === info.fieldNodes[i])) return hit.names;
  const names = namesAt(info, path);
  if (!byPath) found.set(first, (byPath = new Map()));
  byPath.set(key, { nodes: [...info.fieldNodes], names });
  return names;
}

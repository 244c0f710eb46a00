/**
 * Distance-based results carry `distanceMeters` on the feature itself. The
 * same entity can appear in two queries of one request measured from two
 * places, so the distance lives on a per-result view (an object whose
 * prototype is the entity), never on the shared entity.
 */
const DISTANCE = Symbol('distanceMeters');

export function withDistance<T extends object>(entity: T, distance: number | null): T {
  if (distance === null) return entity;
  const view = Object.create(entity) as T & { [DISTANCE]?: number };
  view[DISTANCE] = distance;
  return view;
}

export function distanceOf(result: object): number | null {
  return Object.prototype.hasOwnProperty.call(result, DISTANCE) ? (result as { [DISTANCE]: number })[DISTANCE] : null;
}

/** Loads entities by key in the given order (one query), each with its distance. */
export function inOrder<T extends object, K>(rows: Array<{ key: K; distance: number | null }>, found: T[], keyOf: (t: T) => K): T[] {
  const byKey = new Map(found.map((e) => [keyOf(e), e]));
  return rows.flatMap((r) => {
    const e = byKey.get(r.key);
    return e ? [withDistance(e, r.distance)] : [];
  });
}

/** Small builders for the style expressions several layers write. */
import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * `['match', ['get', property], value1, output1, …, fallback]` from a table.
 * (MapLibre's type wants at least one pair spelled out; a table built at run
 * time cannot show that to the compiler, hence the cast.)
 */
export function matchProperty(
  property: string,
  outputs: Readonly<Record<string, string | number>>,
  fallback: string | number,
): ExpressionSpecification {
  const pairs = Object.entries(outputs).flat();
  if (pairs.length === 0) throw new RangeError(`no outputs to match "${property}" against`);
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** Small builders for the style expressions several layers write. */
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { SelectionKind } from '../../state/view-state';
import type { AtlasView } from './types';

/**
 * One colour for every feature, written as a per-feature value. MapLibre
 * compiles a shader program for each mix of constant and per-feature paint
 * values a layer type is drawn with; in a browser without a GPU (software
 * WebGL) each costs 0.1-0.3 s before the first picture. The pairing lines
 * colour by kind, so every solid line layer takes its colour per feature too
 * and the line layers share one program. (An expression that reads the
 * feature is per-feature even when both branches agree: MapLibre does not fold it.)
 */
export function perFeatureColor(color: string): ExpressionSpecification {
  return ['case', ['has', 'code'], color, color];
}

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

/**
 * The features of the view's selection, if it is of `kind` (none otherwise):
 * the filter of a layer that outlines the open panel's feature.
 */
export function selectedFilter(
  view: Pick<AtlasView, 'selection'>,
  kind: SelectionKind,
  property: string,
): ExpressionSpecification {
  const id = view.selection?.kind === kind ? view.selection.id : null;
  // Ids are numbers in the data (alliances, pairings, projects) and strings in the selection.
  const value = id != null && property === 'id' ? Number(id) : id;
  return ['==', ['get', property], value ?? ''];
}

/**
 * Features whose `property` is one of `values`; every feature when none is
 * chosen (as `passes` in state/view-state.ts reads a filter). A feature
 * without the property is left out of a choice.
 */
export function choiceFilter(property: string, values: readonly string[]): ExpressionSpecification {
  return values.length === 0 ? ['literal', true] : ['match', ['get', property], [...values], true, false];
}

/**
 * A symbol's light halo: every point and line symbol has a white part and a
 * dark part, so one of them stands out on any class colour, light or dark
 * (cartography rule 8; tests/unit/client/symbol-contrast.test.ts).
 */
export const HALO_COLOR = '#ffffff';
/** The dark outline of symbols whose colour carries no meaning of its own. */
export const OUTLINE_COLOR = '#1f2d3d';

/**
 * A white ring just outside a circle layer's own stroke, drawn beneath it:
 * the same source, filter, radius and offset, a transparent body.
 */
export function circleHalo(circle: CircleLayerSpecification, width = 2): CircleLayerSpecification {
  const paint = circle.paint ?? {};
  const strokeWidth = typeof paint['circle-stroke-width'] === 'number' ? paint['circle-stroke-width'] : 1;
  return {
    ...circle,
    id: `${circle.id}-halo`,
    paint: {
      'circle-radius': paint['circle-radius'],
      ...(paint['circle-translate'] ? { 'circle-translate': paint['circle-translate'] } : {}),
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': HALO_COLOR,
      'circle-stroke-width': strokeWidth + width,
    },
  } as CircleLayerSpecification;
}

/**
 * What the map holds about the selected feature for the view's year: its
 * name and figures, as an embedding page receives them (`selectionChanged`)
 * — the same numbers the map draws, not a second query: the selected
 * kind's layer module says them (`select.summary`).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Selection } from '../state/view-state';
import { selectSpec } from './layers/registry';
import type { AtlasView, TileFeatureLookup } from './layers/types';

export type { TileFeatureLookup } from './layers/types';

/** What the selected feature shows for the view's year. */
export interface SelectedFeature {
  kind: string;
  id: string;
  name: string | null;
  year: number;
  /** the figures the map holds for it (county: population, poor population, incidence, the metric's value) */
  figures: Record<string, number | string | null>;
}

/** The lookup over a map's loaded tiles. */
export function tileFeatureLookup(map: MapLibreMap | null): TileFeatureLookup {
  return (source, idProperty, id) => {
    if (!map?.getSource(source)) return null;
    // Ids are numbers in the tiles (pairings) and strings in the selection.
    const value = idProperty === 'id' ? Number(id) : id;
    return map.querySourceFeatures(source, { sourceLayer: source, filter: ['==', ['get', idProperty], value] })[0]?.properties ?? null;
  };
}

export function selectedFeature(view: AtlasView, selection: Selection, tileFeature: TileFeatureLookup): SelectedFeature {
  const { name, figures } = selectSpec(selection.kind).summary(view, selection.id, tileFeature);
  return { kind: selection.kind, id: selection.id, year: view.year, name, figures };
}

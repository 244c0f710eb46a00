/**
 * What the map holds about the selected feature for the view's year: its
 * name and figures, as an embedding page receives them (`selectionChanged`)
 * — the same numbers the map draws, not a second query.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Selection } from '../state/view-state';
import { pairingEndNames } from './layers/pairing-layer';
import type { AtlasView } from './layers/types';

/** What the selected feature shows for the view's year. */
export interface SelectedFeature {
  kind: string;
  id: string;
  name: string | null;
  year: number;
  /** the figures the map holds for it (county: population, poor population, incidence, the metric's value) */
  figures: Record<string, number | string | null>;
}

/**
 * A tiled layer's feature as the map holds it (its tile's properties), or
 * null when no loaded tile has it (e.g. scrolled out of view).
 */
export type TileFeatureLookup = (source: string, idProperty: string, id: string) => Record<string, unknown> | null;

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
  const base = { kind: selection.kind, id: selection.id, year: view.year };
  const nameOf = (item: { name: string; nameEn?: string | null } | undefined) =>
    item ? (view.messages.nameField === 'nameEn' && item.nameEn ? item.nameEn : item.name) : null;
  // A tile's feature carries its names as attributes (a missing one left out).
  const nameOfTile = (props: Record<string, unknown> | null) =>
    props ? nameOf({ name: String(props.name ?? ''), nameEn: props.nameEn == null ? null : String(props.nameEn) }) : null;
  const metricValue = (code: string, classification = view.classification) => ({
    metric: view.metric,
    value: classification.valueOf.get(code) ?? null,
    classIndex: classification.classOf.get(code) ?? null,
  });
  switch (selection.kind) {
    case 'county': {
      const county = view.atlas.counties.find((c) => c.code === selection.id);
      const f = view.figures.get(selection.id) ?? null;
      return {
        ...base,
        name: nameOf(county),
        figures: {
          ruralPopulation: f?.ruralPopulation ?? null,
          poorPopulation: f?.poorPopulation ?? null,
          povertyIncidence: f?.povertyIncidence ?? null,
          ...metricValue(selection.id),
        },
      };
    }
    case 'township': {
      const townships = view.overlays.townships;
      const township = tileFeature('townships', 'code', selection.id);
      return {
        ...base,
        name: nameOfTile(township),
        figures: townships ? metricValue(selection.id, townships.classification) : {},
      };
    }
    case 'village': {
      // Drawn from tiles of the view's year: a village without figures has no status, strength or population in its tile.
      const village = tileFeature('villages', 'code', selection.id);
      const text = (value: unknown) => (value == null ? null : String(value));
      return {
        ...base,
        name: nameOfTile(village),
        figures: {
          status: text(village?.status),
          strength: text(village?.strength),
          ruralPopulation: typeof village?.population === 'number' ? village.population : null,
        },
      };
    }
    case 'pairing': {
      const pairing = tileFeature('pairings', 'id', selection.id);
      const ends = pairing ? pairingEndNames(pairing, 'name') : null;
      const num = (value: unknown) => (typeof value === 'number' ? value : null);
      return {
        ...base,
        name: ends ? `${ends.helper} → ${ends.helped}` : null,
        figures: pairing
          ? { kind: String(pairing.kind), startYear: num(pairing.startYear), distanceMeters: num(pairing.distanceMeters) }
          : {},
      };
    }
    case 'alliance': {
      const alliance = view.overlays.alliances?.find((a) => String(a.id) === selection.id);
      return {
        ...base,
        name: alliance?.name ?? null,
        figures: alliance ? { foundedYear: alliance.foundedYear, members: alliance.members.length } : {},
      };
    }
    case 'project': {
      const project = view.overlays.projects?.items.find((p) => String(p.id) === selection.id);
      return {
        ...base,
        name: project?.name ?? null,
        figures: project
          ? { type: project.type, investmentTotal: project.investmentTotal, startYear: project.startYear }
          : {},
      };
    }
    case 'finding': {
      const finding = view.overlays.findings?.items.find((f) => String(f.id) === selection.id);
      return {
        ...base,
        name: finding ? finding.inspection.place[view.messages.nameField] : null,
        figures: finding ? { status: finding.status, category: finding.category, deadline: finding.deadline } : {},
      };
    }
    default:
      throw new Error(`unknown selection kind ${JSON.stringify(selection.kind satisfies never)}`);
  }
}

/**
 * The feature list's rows: for each layer, the features the map has drawn in
 * the viewport (their properties, from `queryRenderedFeatures`), one row each
 * with a name and the figure that matters for the layer, ordered by it.
 * Pure: the list component does the querying.
 */
import { formatMetricValue } from '../map/metric-format';
import { ALLIANCE_FILL_LAYER_ID, ALLIANCE_SPOKE_LAYER_ID } from '../map/layers/alliance-layer';
import { COUNTY_FILL_LAYER_ID } from '../map/layers/county-layer';
import { FINDING_CIRCLE_LAYER_ID } from '../map/layers/finding-layer';
import { findingMessagesFor } from '../inspection/messages';
import { PAIRING_LINE_LAYER_ID, pairingEndNames } from '../map/layers/pairing-layer';
import { PROJECT_CIRCLE_LAYER_ID } from '../map/layers/project-layer';
import { TOWNSHIP_FILL_LAYER_ID } from '../map/layers/township-layer';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import { VILLAGE_CIRCLE_LAYER_ID } from '../map/layers/village-layer';
import { WARNING_MARK_LAYER_ID } from '../map/layers/warning-layer';
import { warningMessagesFor } from '../warnings/messages';
import { formatNumber } from '../map/messages';
import type { IndustryType, PairingKind, PovertyStatus } from '../graphql/documents';
import type { SelectionKind } from '../state/view-state';

export type ListLayerKey = 'counties' | OverlayKey;

export interface FeatureListMessages {
  /** the toggle button */
  toggle: string;
  title: string;
  /** how to use the list, under its title */
  hint: string;
  /** the polite announcement: each layer's name and number of rows */
  summary(counts: ReadonlyArray<{ name: string; count: number }>): string;
  empty: string;
  /** a group's heading: the layer's name and its number of rows */
  group(name: string, count: number): string;
  /** rows left out of a long group */
  more(count: number): string;
  layerNames: Record<ListLayerKey, string>;
  /** an alliance's figure */
  members(count: number): string;
  noData: string;
}

export interface ListLayer {
  key: ListLayerKey;
  kind: SelectionKind;
  /** the style layers whose rendered features stand for the layer's features */
  layerIds: readonly string[];
  /** the property that identifies a feature (the selection's id) */
  idProperty: 'code' | 'id';
}

/** The layers listed, top to bottom (areas first, then what lies on them). */
export const LIST_LAYERS: readonly ListLayer[] = [
  { key: 'counties', kind: 'county', layerIds: [COUNTY_FILL_LAYER_ID], idProperty: 'code' },
  { key: 'townships', kind: 'township', layerIds: [TOWNSHIP_FILL_LAYER_ID], idProperty: 'code' },
  { key: 'villages', kind: 'village', layerIds: [VILLAGE_CIRCLE_LAYER_ID], idProperty: 'code' },
  { key: 'alliances', kind: 'alliance', layerIds: [ALLIANCE_FILL_LAYER_ID, ALLIANCE_SPOKE_LAYER_ID], idProperty: 'id' },
  { key: 'pairings', kind: 'pairing', layerIds: [PAIRING_LINE_LAYER_ID], idProperty: 'id' },
  { key: 'projects', kind: 'project', layerIds: [PROJECT_CIRCLE_LAYER_ID], idProperty: 'id' },
  { key: 'findings', kind: 'finding', layerIds: [FINDING_CIRCLE_LAYER_ID], idProperty: 'id' },
  // A mark's own kind (village, township or county) overrides this one.
  { key: 'warnings', kind: 'village', layerIds: [WARNING_MARK_LAYER_ID], idProperty: 'code' },
];

export interface ListEntry {
  kind: SelectionKind;
  id: string;
  name: string;
  figure: string;
}

export interface ListGroup {
  key: ListLayerKey;
  name: string;
  entries: ListEntry[];
  /** rows beyond the cap, not listed */
  more: number;
}

/** A group longer than this lists its first rows only (the rest: zoom in). */
export const MAX_ROWS_PER_GROUP = 150;

type Props = Record<string, unknown>;
/** A row with the number it is ordered by (larger first; null last, then by name). */
type Ranked = ListEntry & { rank: number | null };

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function entriesOf(layer: ListLayer, features: readonly Props[], view: AtlasView, lm: FeatureListMessages): Ranked[] {
  const m = view.messages;
  const name = (p: Props) => String(p[m.nameField] ?? p.name ?? '');
  const base = (p: Props) => ({ kind: layer.kind, id: String(p[layer.idProperty]) });
  switch (layer.key) {
    case 'counties':
      // The metric's value of the year by code (a county's tile carries its names only), written as the legend writes it.
      return features.map((p) => {
        const value = view.classification.valueOf.get(String(p.code)) ?? null;
        return { ...base(p), name: name(p), figure: value == null ? lm.noData : formatMetricValue(m, value, view.classification), rank: value };
      });
    case 'townships': {
      const classification = view.overlays.townships?.classification;
      return features.map((p) => {
        const value = classification?.valueOf.get(String(p.code)) ?? null;
        const figure = classification && value != null ? formatMetricValue(m, value, classification) : lm.noData;
        return { ...base(p), name: name(p), figure, rank: value };
      });
    }
    case 'villages':
      return features.map((p) => {
        const status = m.villageStatuses[p.status as PovertyStatus] ?? m.villageNoFigures;
        const population = num(p.population) ?? 0;
        return { ...base(p), name: name(p), figure: `${status} · ${m.tooltipPersons(formatNumber(m, population))}`, rank: population };
      });
    case 'alliances': {
      const members = new Map((view.overlays.alliances ?? []).map((a) => [String(a.id), a.members.length]));
      return features.map((p) => ({ ...base(p), name: name(p), figure: lm.members(members.get(String(p.id)) ?? 0), rank: null }));
    }
    case 'pairings': {
      return features.map((p) => {
        const { helper, helped } = pairingEndNames(p, m.nameField);
        return { ...base(p), name: `${helper} → ${helped}`, figure: m.pairingKinds[p.kind as PairingKind] ?? '', rank: null };
      });
    }
    case 'projects':
      // Largest investment first; the figure is the industry.
      return features.map((p) => ({
        ...base(p),
        name: name(p),
        figure: m.industryTypes[p.type as IndustryType] ?? String(p.type ?? ''),
        rank: num(p.investment),
      }));
    case 'findings': {
      // Overdue first, then the nearest deadline; the figure is the status and deadline.
      const fm = findingMessagesFor(m.nameField);
      return features.map((p) => ({
        ...base(p),
        name: String(p.place ?? ''),
        figure: `${fm.statuses[p.status as 'OPEN' | 'OVERDUE'] ?? ''} · ${fm.due(String(p.deadline ?? ''))}`,
        rank: p.status === 'OVERDUE' ? 1 : 0,
      }));
    }
    case 'warnings': {
      // The most severe first; the figure is the level and how many warnings the place has.
      const wm = warningMessagesFor(m.nameField);
      return features.map((p) => ({
        ...base(p),
        kind: p.kind as SelectionKind,
        name: name(p),
        figure: `${wm.levels[p.level as 'RED' | 'ORANGE' | 'YELLOW'] ?? ''} · ${formatNumber(m, num(p.warnings) ?? 0)}`,
        rank: 2 - (num(p.rank) ?? 2),
      }));
    }
    default:
      throw new Error(`no list rows for layer ${JSON.stringify(layer.key satisfies never)}`);
  }
}

function byRankThenName(locale: string) {
  return (a: Ranked, b: Ranked) =>
    (b.rank ?? -Infinity) - (a.rank ?? -Infinity) || a.name.localeCompare(b.name, locale) || a.id.localeCompare(b.id);
}

/**
 * The groups of the list from each layer's rendered features (a feature
 * drawn in several tiles comes back once per tile: one row each). Empty
 * groups are left out.
 */
export function listGroups(
  rendered: ReadonlyMap<ListLayerKey, readonly Props[]>,
  view: AtlasView,
  lm: FeatureListMessages,
): ListGroup[] {
  return LIST_LAYERS.flatMap((layer) => {
    const unique = new Map<string, Props>();
    for (const p of rendered.get(layer.key) ?? []) unique.set(String(p[layer.idProperty]), p);
    if (unique.size === 0) return [];
    const ranked = entriesOf(layer, [...unique.values()], view, lm).sort(byRankThenName(view.messages.numberLocale));
    const entries = ranked.slice(0, MAX_ROWS_PER_GROUP).map(({ rank: _rank, ...entry }) => entry);
    return [{ key: layer.key, name: lm.layerNames[layer.key], entries, more: ranked.length - entries.length }];
  });
}

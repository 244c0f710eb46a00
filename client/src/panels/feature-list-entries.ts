/**
 * The feature list's rows: for each layer, the features the map has drawn in
 * the viewport (their properties, from `queryRenderedFeatures`), one row each
 * with a name and the figure that matters for the layer, ordered by it.
 * Pure: the list component does the querying.
 */
import { LAYER_ORDER, type KeysWith } from '../map/layers/registry';
import type { AtlasView, FeatureProps, ListRowTexts, ListSpec } from '../map/layers/types';
import type { SelectionKind } from '../state/view-state';

/** The listed layers: the modules with a `list` (the messages name each). */
export type ListLayerKey = KeysWith<'list'>;

export interface FeatureListMessages extends ListRowTexts {
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
}

export interface ListLayer extends ListSpec {
  key: ListLayerKey;
}

/** The layers listed, top to bottom: each layer module's `list`, in its order. */
export const LIST_LAYERS: readonly ListLayer[] = LAYER_ORDER.flatMap((m) => (m.list ? [{ ...m.list, key: m.key as ListLayerKey }] : [])).sort(
  (a, b) => a.order - b.order,
);

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

/** A row with the number it is ordered by (larger first; null last, then by name). */
type Ranked = ListEntry & { rank: number | null };

function entriesOf(layer: ListLayer, features: readonly FeatureProps[], view: AtlasView, lm: FeatureListMessages): Ranked[] {
  return features.map((p) => {
    const { name, kind, ...row } = layer.row(p, view, lm);
    return { kind: kind ?? layer.kind, id: String(p[layer.idProperty]), name: name ?? String(p[view.messages.nameField] ?? p.name ?? ''), ...row };
  });
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
  rendered: ReadonlyMap<ListLayerKey, readonly FeatureProps[]>,
  view: AtlasView,
  lm: FeatureListMessages,
): ListGroup[] {
  return LIST_LAYERS.flatMap((layer) => {
    const unique = new Map<string, FeatureProps>();
    for (const p of rendered.get(layer.key) ?? []) unique.set(String(p[layer.idProperty]), p);
    if (unique.size === 0) return [];
    const ranked = entriesOf(layer, [...unique.values()], view, lm).sort(byRankThenName(view.messages.numberLocale));
    const entries = ranked.slice(0, MAX_ROWS_PER_GROUP).map(({ rank: _rank, ...entry }) => entry);
    return [{ key: layer.key, name: lm.layerNames[layer.key], entries, more: ranked.length - entries.length }];
  });
}

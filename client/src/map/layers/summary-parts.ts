/** What the layer modules' selection summaries share: a name in the view's language, a metric's value and class. */
import type { AtlasView } from './types';
import type { Classification } from '../classes';

/** The name in the view's language (the Chinese name when there is no English one). */
export function nameIn(view: AtlasView, item: { name: string; nameEn?: string | null } | undefined): string | null {
  return item ? (view.messages.nameField === 'nameEn' && item.nameEn ? item.nameEn : item.name) : null;
}

/** A tile's feature carries its names as attributes (a missing one left out). */
export function tileName(view: AtlasView, props: Record<string, unknown> | null): string | null {
  return props ? nameIn(view, { name: String(props.name ?? ''), nameEn: props.nameEn == null ? null : String(props.nameEn) }) : null;
}

/** The metric the map is shaded by, an area's value and class of it. */
export function metricFigures(view: AtlasView, code: string, classification: Classification = view.classification) {
  return {
    metric: view.metric,
    value: classification.valueOf.get(code) ?? null,
    classIndex: classification.classOf.get(code) ?? null,
  };
}

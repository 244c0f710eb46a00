/**
 * What an exported map says, from the view on screen, for the PNG and the
 * printed sheet alike (cartography.md rule 7): the title (prefecture, metric,
 * year), the classes of the level drawn (county or township) in the very
 * colours of their layer, labelled and described (level, year, method,
 * scope) in the legend's own words, why fewer classes were made than asked, a key for every overlay symbol drawn at the
 * map's zoom (each layer module's own `legend()` items, so the key cannot
 * drift from the map), the footnote of the metric's policy line (the exit
 * line only for incidence), the boundary note, the source and the date.
 * Pure, so it can be tested without a canvas.
 */
import type { LayerSpecification } from 'maplibre-gl';
import { NO_DATA_COLOR, type Classification } from '../map/classes';
import { LAYER_REGISTRY, OVERLAY_KEYS } from '../map/layers/registry';
import type { AtlasView, LayerLegend, LayerModule, OverlayKey, Swatch } from '../map/layers/types';
import { formatNumber } from '../map/messages';
import { classLabel } from '../map/class-labels';
import { unitLabel } from '../map/metric-format';
import { passes } from '../state/view-state';
import type { ExportMessages } from './messages';

export interface KeyEntry {
  label: string;
  swatch: Swatch;
}

/** One overlay's key: its name, the symbols it draws, its notes (e.g. what a circle's size means). */
export interface KeySection {
  key: OverlayKey;
  title: string;
  items: KeyEntry[];
  notes: string[];
}

export type MapLevel = 'county' | 'township';

export interface PngContent {
  /** prefecture, metric and year */
  title: string;
  /** the platform's name */
  brand: string;
  /** level, method, classes made, scope */
  subtitle: string;
  /** the metric and its unit */
  legendTitle: string;
  /** the level whose classes the key shows */
  level: MapLevel;
  classes: KeyEntry[];
  /** the "no data" swatch, when an area of the level has no value */
  noData: KeyEntry | null;
  /** why fewer classes were made than asked; null when as many as asked */
  classesNote: string | null;
  /** a key for each overlay drawn at the map's zoom */
  overlays: KeySection[];
  /** the metric's policy line (the exit line for incidence), null for a metric without one */
  footnote: string | null;
  /** 示意图: boundaries are not authoritative */
  schematic: string;
  /** data source and export date */
  source: string;
}

export interface PngTexts {
  /** the platform's name (the page's title) */
  brand: string;
  prefecture: string;
  /** the day of the export, YYYY-MM-DD */
  date: string;
  /** the map's zoom: which level is shaded and which overlays are drawn */
  zoom: number;
}

/** The zoom from which a module's features are drawn: its tiles' and its data layers' minimum zoom. */
export function drawnFromZoom(module: LayerModule, view: AtlasView): number {
  const layers = module.layers(view);
  const dataIds = module.select?.layerIds;
  const data = dataIds ? layers.filter((l) => dataIds.includes(l.id)) : layers;
  const minzoom = (l: LayerSpecification) => ('minzoom' in l && l.minzoom != null ? l.minzoom : 0);
  return Math.max(module.tiles?.minzoom ?? 0, Math.min(...(data.length > 0 ? data : layers).map(minzoom)));
}

/** An overlay is drawn when it is switched on, its data of the year is in and the map is zoomed in far enough. */
export function overlayDrawn(view: AtlasView, key: OverlayKey, zoom: number): boolean {
  return !view.hidden.has(key) && view.loaded.has(key) && zoom >= drawnFromZoom(LAYER_REGISTRY[key], view);
}

/** The level the map is shaded at: townships where they are drawn over the counties. */
export function shadedLevel(view: AtlasView, zoom: number): MapLevel {
  return view.overlays.townships && overlayDrawn(view, 'townships', zoom) ? 'township' : 'county';
}

/** The classification of the level drawn. */
export function shadedClassification(view: AtlasView, level: MapLevel): Classification {
  return level === 'township' && view.overlays.townships ? view.overlays.townships.classification : view.classification;
}

/** The overlays' keys: each drawn overlay's legend items whose symbols its filters let through. */
function overlaySections(view: AtlasView, zoom: number, level: MapLevel): KeySection[] {
  return OVERLAY_KEYS.flatMap((key): KeySection[] => {
    // At township level the townships' classes are the main key.
    if (key === 'townships' && level === 'township') return [];
    if (!overlayDrawn(view, key, zoom)) return [];
    const legend: LayerLegend | null | undefined = (LAYER_REGISTRY[key] as LayerModule).legend?.(view);
    if (!legend) return [];
    const items = legend.items
      .filter((item) => !item.filter || passes(view.filters[item.filter] as readonly string[], item.value))
      .map(({ label, swatch }) => ({ label, swatch }));
    if (items.length === 0) return [];
    return [{ key, title: view.messages.layerNames[key], items, notes: legend.notes }];
  });
}

/**
 * The policy line's note, as the legend writes it: incidence's exit line
 * (with, at county level, whether every county is under it, from the values
 * themselves), another metric's line as a policy line, none for a metric
 * without one.
 */
function footnote(view: AtlasView, classification: Classification): string | null {
  const { threshold, unit, level } = classification;
  if (threshold == null) return null;
  const { messages } = view;
  const text = formatNumber(messages, threshold, threshold % 1 === 0 ? 0 : 1);
  if (view.metric !== 'POVERTY_INCIDENCE') return messages.legendPolicyLine(text, unitLabel(messages, unit));
  const line = messages.legendThreshold(text);
  if (level !== 'COUNTY') return line;
  const values = [...classification.valueOf.values()];
  const below = values.filter((v) => v < threshold).length;
  if (values.length > 0 && below === values.length) return messages.legendAllBelow(text);
  if (values.length > 0 && below === 0) return messages.legendAllAbove(text);
  return `${line} · ${messages.legendThresholdNote(text)}`;
}

export function pngContent(view: AtlasView, texts: PngTexts, m: ExportMessages): PngContent {
  const { messages, year } = view;
  const level = shadedLevel(view, texts.zoom);
  const classification = shadedClassification(view, level);
  const { classes, note, requested } = classification;
  const metricName = messages.metricNames[view.metric];
  return {
    title: m.documentTitle(texts.prefecture, metricName, year),
    brand: texts.brand,
    subtitle: messages.legendDescription({
      level: classification.level,
      year,
      classes: classes.length,
      method: classification.method,
      scope: classification.scope,
    }),
    legendTitle: messages.legendTitle(view.metric, unitLabel(messages, classification.unit)),
    level,
    classes: classes.map((c, i) => ({ label: classLabel(classification, i, messages), swatch: { shape: 'fill', color: c.color } })),
    noData: classification.missing > 0 ? { label: messages.legendNoData, swatch: { shape: 'fill', color: NO_DATA_COLOR } } : null,
    classesNote: note && classes.length < requested ? messages.legendClassesNote(note, classes.length, requested) : null,
    overlays: overlaySections(view, texts.zoom, level),
    footnote: footnote(view, classification),
    schematic: m.schematicNote,
    source: m.source(texts.date),
  };
}

/** Every text the image draws, in reading order (the PNG's description; tests read it). */
export function contentLines(content: PngContent, scaleLabel: string | null): string[] {
  return [
    content.title,
    content.brand,
    content.subtitle,
    content.legendTitle,
    ...content.classes.map((c) => c.label),
    ...(content.noData ? [content.noData.label] : []),
    ...(content.classesNote ? [content.classesNote] : []),
    ...content.overlays.flatMap((s) => [s.title, ...s.items.map((i) => i.label), ...s.notes]),
    ...(content.footnote ? [content.footnote] : []),
    ...(scaleLabel ? [scaleLabel] : []),
    content.schematic,
    content.source,
  ];
}

/**
 * The one interface every map layer module satisfies. A module is a plain
 * object (no class, no base class): it owns one source and everything of its
 * layer — the style layers drawn from it, its row in the feature list
 * (`list`), its table and features in the exports (`export`), what a click
 * selects with the selection's summary and detail panel part (`select`),
 * and, for an overlay, its data loading (`load`) and legend. Each entry is
 * required (null where the layer has none), so the compiler names what a
 * new module lacks; the machinery that uses them is generic. A module also
 * carries its names in both languages (`names`), and an overlay its toggle
 * (`toggle`: the layer panel's order, the link's `layers=`, shown at first
 * or not). Adding a layer kind = one `<kind>-layer.ts` file plus one line in
 * `registry.ts`; an overlay's module declares its data part in
 * `OverlayData` (module augmentation), which makes its key an overlay the
 * registry then requires a loader, legend and toggle of.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { ComponentType } from 'react';
import type {
  AtlasAlliance,
  AtlasFinding,
  AtlasWarning,
  AtlasProject,
  AtlasQuery,
  PovertyStatus,
  ClassificationMethod,
  ClassesNote,
  ClassScope,
  CountyFigures,
  Metric,
  MetricPolarity,
  PairingKind,
} from '../../graphql/documents';
import type { Selection, SelectionKind, ViewFilters, ViewLocale } from '../../state/view-state';
import type { PovertyCause } from '../../graphql/documents';
import type { Classification } from '../classes';
import type { MapMessages } from '../messages';
import type { ExportMessages } from '../../export/messages';
import type { DetailPartProps } from '../../panels/detail/parts';
import type { ExportData, TableParts } from '../../export/table-parts';

/**
 * The layers a user can switch on and off (the others are the base map):
 * those with a part in `OverlayData`.
 */
export type OverlayKey = keyof OverlayData;

/** A layer's name in one language. */
export interface LayerName {
  /** its heading: the layer panel's toggle, the feature list's group, the PNG legend */
  readonly name: string;
  /** inside a sentence or a file's name (the export menu, a CSV's name), where it differs (English: lower case) */
  readonly inText?: string;
}

/** A layer's names in every language the atlas speaks (zh-CN first). */
export type LayerNames = { readonly [L in ViewLocale]: LayerName };

/** An overlay's switch in the layer panel. */
export interface OverlayToggle {
  /** its place among the panel's toggles, and in a link's `layers=` */
  readonly order: number;
  /** whether a first view shows it: few enough that the shading reads (cartography rule 8) */
  readonly shownAtFirst: boolean;
}

/**
 * The overlays' data, each null until its first answer arrives. A yearly part
 * carries the year it answers: while the next year loads, the last one stays
 * on the map rather than blanking it. A new overlay's module may declare its
 * own part here (`declare module './types' { interface OverlayData { … } }`).
 */
export interface OverlayData {
  /**
   * The pairings of `year`: the lines come as vector tiles of that year, so
   * they are drawn as soon as the year is known; `counts` (the legend's) is
   * null until its answer is in.
   */
  pairings: { year: number; counts: PairingCounts | null } | null;
  /**
   * The villages of `year` as the legend counts them (the circles themselves
   * come as vector tiles: a region may hold far more villages than a page)
   */
  villages: { year: number; counts: VillageCounts } | null;
  /** industry projects running in `year` */
  projects: { year: number; items: readonly AtlasProject[] } | null;
  /** every alliance (the map shows those founded by the view's year) */
  alliances: readonly AtlasAlliance[] | null;
  /** the server's township classes of `year` (the boundaries come as vector tiles) */
  townships: { year: number; classification: Classification } | null;
  /** the year's early warnings (预警), most severe first */
  warnings: { year: number; items: readonly AtlasWarning[] } | null;
  /** the year's open and overdue inspection findings (督查问题) */
  findings: { year: number; items: readonly AtlasFinding[] } | null;
}

/** How the counties are shaded: the townships are classified the same way. */
export interface Shading {
  metric: Metric;
  /** null: the metric's own */
  method: ClassificationMethod | null;
  classes: number;
  scope: ClassScope;
  breaks: number[] | null;
  /** the cause of poverty of CAUSE_SHARE */
  cause: PovertyCause;
}

/** What an overlay's loader knows when it decides what to ask for. */
export interface OverlayLoadContext {
  /** the year asked for (the counties' figures of it may still be loading) */
  year: number | null;
  /** the year the counties on the map show: an overlay is loaded when its data is of this year */
  shown: number | null;
  /** the map has been drawn with the counties (its first 'idle'): what waits for it may be asked for */
  drawn: boolean;
  shading: Shading;
  /** the overlay is switched on (one off by default loads on demand) */
  wanted: boolean;
  /** whether the overlay named by the loader's `after` has its answer (or error) in */
  afterSettled: boolean;
}

/** An overlay loader's answer, each render. */
export interface OverlayAnswer<T> {
  /** the part to draw (`OverlayData[key]`) */
  part: T | null;
  /** `part` answers the shown year */
  loaded: boolean;
  /** an answer or an error is in (a loader `after` this one may ask) */
  settled: boolean;
  error: Error | null;
}

/**
 * How an overlay gets its data: a React hook, called once per render of the
 * atlas in the registry's order. The embedded database answers one query at a
 * time, so a loader asks late (`drawn`, `afterSettled`) for what the first
 * map does not need.
 */
export interface OverlayLoader<K extends OverlayKey> {
  /** another overlay whose answer this one waits for */
  readonly after?: OverlayKey;
  useData(ctx: OverlayLoadContext): OverlayAnswer<NonNullable<OverlayData[K]>>;
}

/** Pairings active in a year: those drawn, by kind, and those without a line (an enterprise helper without a home village). */
export interface PairingCounts {
  drawn: Readonly<Record<PairingKind, number>>;
  withoutLine: number;
}

/** How many villages have each status and each strength in a year (the legend's counts). */
export interface VillageCounts {
  total: number;
  status: Readonly<Record<PovertyStatus, number>>;
  strength: Readonly<Record<'STRONG' | 'WEAK', number>>;
}

/**
 * A layer drawn from the hub's vector tiles (`/tiles/{layer}/{z}/{x}/{y}.mvt`)
 * rather than from GeoJSON: for the layers too large to send whole.
 */
export interface TileSource {
  /** the server's tile layer (also the `source-layer` of the module's style layers) */
  layer: string;
  /** the tiles carry the view's year's attributes (`?year=`) */
  yearly: boolean;
  /** no tiles are asked for below this zoom (a tile of a whole country's villages would be megabytes) */
  minzoom: number;
  /** the attribute that becomes the feature id, for `feature-state` (hover) */
  promoteId?: string;
  /**
   * the first map needs these tiles and they do not depend on the year: they
   * are fetched as soon as the camera is set, while the view's data is on its way
   */
  early?: boolean;
}

/** Everything a layer may draw from: the data on screen and how it is shown. */
export interface AtlasView {
  atlas: AtlasQuery;
  year: number;
  /** figures for `year`, by county code */
  figures: ReadonlyMap<string, CountyFigures | null>;
  /** the server's classes of the year, with their colours */
  classification: Classification;
  /** how the server chose the breaks */
  method: ClassificationMethod;
  /** what the counties and townships are shaded by */
  metric: Metric;
  /** the cause of poverty a CAUSE_SHARE map shows (null or absent for other metrics) */
  cause?: PovertyCause | null;
  /** the server's unit of the metric's values ("%", "人", "万元" or "个") */
  unit: string;
  /** breaks over every year (colours compare across years) or this year only */
  scope: ClassScope;
  /** which way the metric is worse (picks the ramp) */
  polarity: MetricPolarity;
  /** decimals the metric's values are shown with */
  decimals: number;
  /** classes asked for (more than made when `classesNote` says why) */
  requestedClasses: number;
  classesNote: ClassesNote | null;
  /** which villages, pairings and projects the overlays show */
  filters: ViewFilters;
  /** the feature whose panel is open (outlined on the map) */
  selection: Selection | null;
  messages: MapMessages;
  overlays: OverlayData;
  /** overlays the user switched off */
  hidden: ReadonlySet<OverlayKey>;
  /** registry keys whose data for `year` is on the view (reported to tests by the test hook) */
  loaded: ReadonlySet<string>;
}

/** How a legend entry draws its sample. */
export type Swatch =
  | { shape: 'arrow'; color: string }
  | { shape: 'line'; color: string; dashed?: boolean }
  | { shape: 'circle'; color: string; stroke: string; strokeWidth: number }
  /** a closed outline, its points in CSS pixels about the sample's centre (a triangle, a diamond) */
  | { shape: 'polygon'; points: ReadonlyArray<readonly [number, number]>; color: string; stroke: string; strokeWidth: number }
  | { shape: 'fill'; color: string; stroke?: string; opacity?: number };

export interface LegendItem {
  label: string;
  swatch: Swatch;
  /** the data value the item stands for (e.g. `POOR`), for tests and list views */
  value: string;
  /** the view filter the item switches (its checkbox shows and hides these features) */
  filter?: keyof ViewFilters;
}

/** A layer's legend entry, in the layer panel under its toggle. */
export interface LayerLegend {
  items: LegendItem[];
  notes: string[];
}

/** An image the style needs, drawn at run time (there is no sprite URL: offline). */
export interface RuntimeImage {
  id: string;
  /** device pixels per CSS pixel of the drawn image */
  pixelRatio: number;
  /** RGBA pixels, not premultiplied (ImageData's layout) */
  draw(): { width: number; height: number; data: Uint8ClampedArray };
}

/** A drawn feature's properties, as `queryRenderedFeatures` gives them. */
export type FeatureProps = Readonly<Record<string, unknown>>;

/** What a layer says of one drawn feature in the feature list: the figure that matters for the layer, and the number rows are ordered by. */
export interface ListFigure {
  figure: string;
  /** larger first; null last (then by name) */
  rank: number | null;
  /** when not the feature's name in the language shown */
  name?: string;
  /** when not the layer's kind (a warning mark is its place's kind) */
  kind?: SelectionKind;
}

/** The feature list's words a layer's rows use. */
export interface ListRowTexts {
  noData: string;
  /** an alliance's figure */
  members(count: number): string;
}

/**
 * A layer in the feature list (列表): its place (areas first, then what lies
 * on them), the style layers whose rendered features stand for its
 * features, the property holding the selection's id, and each feature's
 * figure.
 */
export interface ListSpec {
  readonly order: number;
  readonly kind: SelectionKind;
  readonly layerIds: readonly string[];
  readonly idProperty: 'code' | 'id';
  row(p: FeatureProps, view: AtlasView, texts: ListRowTexts): ListFigure;
}

/**
 * A layer's export (导出): its CSV table and its features in the GeoJSON
 * file, as the map shows them (filters included).
 */
export interface LayerExport {
  /** place in the export menu and among the GeoJSON's features */
  readonly order: number;
  /**
   * The layer's data features, filters applied. A GeoJSON layer's default is
   * its `toGeoJSON(view)`; a tiled one reads the export's own data (the
   * tiles hold only what is in view, simplified).
   */
  features?(view: AtlasView, data: ExportData): FeatureCollection;
  /** the table, from the features (each tagged with `layer` and `year`) */
  table(view: AtlasView, m: ExportMessages, features: readonly Feature[], data: ExportData): TableParts;
  /** the menu's count of rows, when a row is not one feature */
  count?(features: readonly Feature[]): number;
}

/**
 * A tiled layer's feature as the map holds it (its tile's properties), or
 * null when no loaded tile has it (e.g. scrolled out of view).
 */
export type TileFeatureLookup = (source: string, idProperty: string, id: string) => Record<string, unknown> | null;

/** What the map holds about a selected feature for the view's year: its name and figures (as an embedding page receives them). */
export interface SelectionSummary {
  name: string | null;
  /** the figures the map holds for it (county: population, poor population, incidence, the metric's value) */
  figures: Record<string, number | string | null>;
}

/**
 * What a click on the module's features selects, and what the selection
 * shows: the selection kind, the layers that answer a click (topmost first
 * wins across modules), the feature property holding the code or id, the
 * summary of the selected feature and its part of the detail panel.
 */
export interface SelectSpec {
  readonly kind: SelectionKind;
  readonly layerIds: readonly string[];
  readonly idProperty: string;
  summary(view: AtlasView, id: string, tileFeature: TileFeatureLookup): SelectionSummary;
  /** the selected feature in the side panel: its figures, trend and links */
  readonly detail: ComponentType<DetailPartProps>;
}

/**
 * A style layer whose `metadata` sets this flag is drawn above every module's
 * other layers (area names: no village circle or pairing line may hide a
 * county's name), though it reads its own module's source.
 */
export const ABOVE_OVERLAYS = 'lingyan:above-overlays';

interface LayerModuleBase {
  /** registry key, also the id of the module's source */
  readonly key: string;
  /** what the layer shows, for people reading the registry */
  readonly description: string;
  /** what the atlas calls it, in each language */
  readonly names: LayerNames;
  /** an overlay's switch (the registry requires it of every overlay) */
  readonly toggle?: OverlayToggle;
  /** style layers in draw order, all reading source `key` */
  layers(view: AtlasView): LayerSpecification[];
  /** ids of layers that answer hover (tooltip), if any */
  readonly hoverLayerIds?: readonly string[];
  /** what a click on its features selects; null: nothing */
  readonly select: SelectSpec | null;
  /** images its layers use, added to the map once */
  readonly images?: readonly RuntimeImage[];
  /** an overlay's data loading (the registry requires it of every overlay) */
  readonly load?: OverlayLoader<OverlayKey>;
  /** the layer in the feature list (列表): the map's drawn features as rows of text; null: not listed */
  readonly list: ListSpec | null;
  /** its table and features in the exports; null: not exported */
  readonly export: LayerExport | null;
  /**
   * An overlay (one with a toggle and a legend entry) gives its legend;
   * null while its data is not in.
   */
  legend?(view: AtlasView): LayerLegend | null;
  /**
   * The colours each drawn symbol is made of, halo and outline included
   * (cartography rule 8: a symbol keeps contrast on every class colour; the
   * symbol-contrast test holds each against every colour a class can take).
   */
  readonly symbols?: Readonly<Record<string, readonly string[]>>;
}

/** A layer whose data the client holds, as one GeoJSON source. */
export interface GeoJsonLayerModule extends LayerModuleBase {
  readonly tiles?: undefined;
  /**
   * The parts of the view `toGeoJSON` reads. The source's data is replaced
   * only when one of them changed (by identity): a language or visibility
   * change then re-sends nothing to the map's worker.
   */
  dataInputs(view: AtlasView): readonly unknown[];
  /** the source data; features carry the properties the layers' expressions read */
  toGeoJSON(view: AtlasView): FeatureCollection;
}

/** A layer drawn from the hub's vector tiles: the map asks for the tiles it shows. */
export interface TiledLayerModule extends LayerModuleBase {
  readonly tiles: TileSource;
  readonly export: (LayerExport & Required<Pick<LayerExport, 'features'>>) | null;
  /**
   * Each feature's class by id (`promoteId`), which the map keeps as the
   * feature-state `class` that the layer's paint reads (`fillColorByClass`);
   * null until the classes are known.
   */
  classes?(view: AtlasView): ReadonlyMap<string, number> | null;
}

export type LayerModule = GeoJsonLayerModule | TiledLayerModule;

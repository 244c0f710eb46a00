/**
 * Counties (旗县区) shaded by poverty incidence for the chosen year, in the
 * classes the server made (`classes.ts`), with outlines, a hover highlight and
 * name labels. Labels have no glyph server: the style has no `glyphs` URL, so
 * MapLibre draws each glyph locally with the system font named in `text-font`.
 *
 * Drawn from the hub's vector tiles (a country has ~2,974 counties, a
 * megabyte of boundaries the first map would otherwise wait for): each tile
 * carries the boundary and one label point per county, with code and names;
 * the colour of each code is its class in the server's choropleth of the
 * year, the tooltip's figures come from that answer too.
 */
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { NO_DATA_COLOR, type Classification } from '../classes';
import { formatMetricValue } from '../metric-format';
import { perFeatureColor, selectedFilter } from './expressions';
import { ABOVE_OVERLAYS, type AtlasView, type TiledLayerModule } from './types';
import { TOWNSHIP_MIN_ZOOM } from './zoom';
import { assessmentCells, assessmentHeader } from '../../assessment/export-columns';
import { boundDecimals } from '../class-labels';
import { unitLabel } from '../metric-format';
import { roundTo } from '../../export/rounding';
import { figure, figureColumn, num, props, str, type FigureKey } from '../../export/table-parts';
import type { LayerExport, SelectionSummary } from './types';
import { CountyDetail } from '../../panels/detail/CountyDetail';
import { metricFigures, nameIn } from './summary-parts';

export const COUNTY_FILL_LAYER_ID = 'county-fill';
/** System CJK fonts, in order of preference (no web font, see style.md). */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];

/** Boundaries (a tile also holds each area's label point). */
export const AREA_FILTER: FilterSpecification = ['!=', ['geometry-type'], 'Point'];

/**
 * `fill-antialias` off for area fills: their edges are drawn by the white
 * outline layer above anyway, and MapLibre's antialiasing is a second pass
 * with a shader of its own, compiled before the first map can show.
 */
export const NO_FILL_ANTIALIAS = false;

/**
 * The counties of the view as GeoJSON, with their figures and class of the
 * year (exports: the tiles hold boundaries only, cut to what is in view).
 */
export function countyFeatures(
  { atlas, figures, classification }: Pick<AtlasView, 'atlas' | 'figures' | 'classification'>,
  boundaryOf: ReadonlyMap<string, Geometry>,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: atlas.counties.flatMap((county): Feature[] => {
      const geometry = boundaryOf.get(county.code);
      if (!geometry) return [];
      const f = figures.get(county.code) ?? null;
      const classIndex = classification.classOf.get(county.code);
      const properties = {
        code: county.code,
        name: county.name,
        nameEn: county.nameEn,
        kind: county.kind,
        // null values are left out, as in a tile.
        ...(f?.povertyIncidence != null ? { incidence: f.povertyIncidence } : {}),
        ...(classification.valueOf.has(county.code) ? { value: classification.valueOf.get(county.code) } : {}),
        ...(classIndex != null ? { classIndex } : {}),
        ...(f ? { poorPopulation: f.poorPopulation, ruralPopulation: f.ruralPopulation } : {}),
      };
      return [{ type: 'Feature', properties, geometry }];
    }),
  };
}

/** The feature-state that holds an area's class (sync.ts sets it from the module's `classes`). */
export const CLASS_STATE = 'class';

/**
 * The fill colour of an area by its class, in the server's classes: tiled
 * areas carry no class, so the map keeps each one's class of the view as
 * feature-state. Not a `match` listing every code: with the 41,000
 * townships of a country that expression made every township tile cost
 * seconds to lay out, and it is sent again with each change of year.
 */
export function fillColorByClass(classification: Classification): ExpressionSpecification | string {
  const branches = classification.classes.flatMap((c, i) => [i, c.color]);
  if (branches.length === 0) return NO_DATA_COLOR;
  return ['match', ['coalesce', ['feature-state', CLASS_STATE], -1], ...branches, NO_DATA_COLOR] as unknown as ExpressionSpecification;
}

/**
 * One row per county: the metric the map is shaded by (named with its unit),
 * the county's class and its bounds in the same unit, how the classes were
 * made (method, scope), then the year's population figures. Incidence is not
 * repeated when it is the metric.
 */
const countyExport: LayerExport & Required<Pick<LayerExport, 'features'>> = {
  order: 0,
  features: (view, data) => countyFeatures(view, data.countyBoundaries),
  table: (view, m, features, data) => {
    const c = m.columns.counties;
    const { classification, messages } = view;
    const { classes } = classification;
    const metricColumn = m.metricColumn(messages.metricNames[view.metric], unitLabel(messages, view.unit));
    const boundsDecimals = boundDecimals(classification);
    const method = messages.methodNames[classification.method];
    // Policy and manual bands are the same in every year, whatever scope the computed classes would take.
    const fixed = classification.method === 'POLICY' || classification.method === 'MANUAL';
    const scope = messages.scopeNames[fixed ? 'ALL_YEARS' : classification.scope];
    const extra: FigureKey[] = view.metric === 'POVERTY_INCIDENCE' ? [] : ['povertyIncidence'];
    const figureKeys: FigureKey[] = [...extra, 'poorPopulation', 'ruralPopulation'];
    const rows = features.map((f) => {
      const p = props(f);
      const classIndex = num(p.classIndex);
      const cls = classIndex == null ? undefined : classes[classIndex];
      const figures = { povertyIncidence: p.incidence, poorPopulation: p.poorPopulation, ruralPopulation: p.ruralPopulation };
      return [
        view.year, str(p.code), str(p.name), str(p.nameEn),
        roundTo(num(p.value), view.decimals),
        classIndex == null ? null : classIndex + 1,
        roundTo(cls?.from, boundsDecimals), roundTo(cls?.to, boundsDecimals),
        method, scope,
        ...figureKeys.map((key) => figure(key, figures[key as keyof typeof figures])),
        ...(data.assessment?.size ? assessmentCells(messages.numberLocale, data.assessment.get(String(p.code))) : []),
      ];
    });
    return {
      header: [
        c.year, c.code, c.name, c.nameEn, metricColumn, c.classNumber, c.classFrom(metricColumn), c.classTo(metricColumn), c.method, c.scope,
        ...figureKeys.map((key) => figureColumn(view, m, key)),
        ...(data.assessment?.size ? assessmentHeader(messages.numberLocale) : []),
      ],
      rows,
    };
  },
};

export const countyLayer = {
  key: 'counties',
  description: 'Counties (vector tiles) shaded by the chosen metric (the server\'s classes), outlined and labelled; the selected one outlined',
  names: { 'zh-CN': { name: '旗县区' }, en: { name: 'Counties', inText: 'counties' } },
  export: countyExport,
  hoverLayerIds: [COUNTY_FILL_LAYER_ID],
  select: {
    kind: 'county',
    layerIds: [COUNTY_FILL_LAYER_ID],
    idProperty: 'code',
    summary: (view, id): SelectionSummary => {
      const f = view.figures.get(id) ?? null;
      return {
        name: nameIn(view, view.atlas.counties.find((c) => c.code === id)),
        figures: {
          ruralPopulation: f?.ruralPopulation ?? null,
          poorPopulation: f?.poorPopulation ?? null,
          povertyIncidence: f?.povertyIncidence ?? null,
          ...metricFigures(view, id),
        },
      };
    },
    detail: CountyDetail,
  },
  list: {
    order: 0,
    kind: 'county',
    layerIds: [COUNTY_FILL_LAYER_ID],
    idProperty: 'code',
    // The metric's value of the year by code (a county's tile carries its names only), written as the legend writes it.
    row: (p, view, texts) => {
      const value = view.classification.valueOf.get(String(p.code)) ?? null;
      return { figure: value == null ? texts.noData : formatMetricValue(view.messages, value, view.classification), rank: value };
    },
  },
  tiles: { layer: 'counties', yearly: false, minzoom: 0, promoteId: 'code', early: true },
  classes: (view) => view.classification.classOf,
  layers: (view) => [
    {
      id: COUNTY_FILL_LAYER_ID,
      type: 'fill',
      source: 'counties',
      'source-layer': 'counties',
      filter: AREA_FILTER,
      // Opaque, so the colours on the canvas are the legend's colours exactly.
      paint: { 'fill-color': fillColorByClass(view.classification), 'fill-opacity': countyFillOpacity(view), 'fill-antialias': NO_FILL_ANTIALIAS },
    },
    {
      id: 'county-outline',
      type: 'line',
      source: 'counties',
      'source-layer': 'counties',
      filter: AREA_FILTER,
      paint: { 'line-color': perFeatureColor('#ffffff'), 'line-width': 1 },
    },
    {
      // Its own layer, above every outline, so neighbours cannot draw over it.
      id: 'county-hover',
      type: 'line',
      source: 'counties',
      'source-layer': 'counties',
      filter: AREA_FILTER,
      // Hidden by a transparent colour, not by opacity: a data-driven colour (and constant
      // opacity and width) is the pairing lines' shader, so the first map compiles one
      // line program fewer (each is a noticeable pause in a software-rendered browser).
      paint: {
        'line-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#1f2d3d', 'rgba(31,45,61,0)'],
        'line-width': 2.5,
      },
    },
    {
      // The open panel's county, outlined above its neighbours.
      id: 'county-selected',
      type: 'line',
      source: 'counties',
      'source-layer': 'counties',
      filter: ['all', AREA_FILTER, selectedFilter(view, 'county', 'code')] as FilterSpecification,
      paint: { 'line-color': perFeatureColor('#0b3d91'), 'line-width': 3.5 },
    },
    {
      id: 'county-label',
      type: 'symbol',
      source: 'counties',
      'source-layer': 'counties',
      metadata: { [ABOVE_OVERLAYS]: true },
      filter: ['==', ['geometry-type'], 'Point'],
      layout: {
        'text-field': ['get', view.messages.nameField],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 11, 9, 16],
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: {
        'text-color': '#1f2d3d',
        'text-halo-color': 'rgba(255,255,255,0.9)',
        'text-halo-width': 1.6,
      },
    },
  ],
} satisfies TiledLayerModule;

/**
 * Closer in, the townships (drawn under the counties) show through: the fill
 * turns transparent but stays queryable, so hovering a county still works.
 * With the township layer off or not loaded yet, the counties stay shaded.
 */
function countyFillOpacity(view: AtlasView): ExpressionSpecification | number {
  if (view.hidden.has('townships') || !view.overlays.townships) return 1;
  return ['step', ['zoom'], 1, TOWNSHIP_MIN_ZOOM, 0];
}

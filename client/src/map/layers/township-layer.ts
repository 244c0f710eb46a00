/**
 * Townships (苏木乡镇) shaded by the same metric as the counties, in the
 * server's township classes of the year, with Chinese labels drawn locally
 * (no glyph server: see county-layer.ts). Drawn under the counties and shown
 * from TOWNSHIP_MIN_ZOOM, where the county fill turns transparent: county
 * outlines and names stay on top of their townships.
 *
 * Drawn from the hub's vector tiles (a country has some 41,000 townships):
 * each tile carries the township's boundary and one label point (inside
 * it, one per township however many tiles it crosses), with code and names; the class of each code is the
 * server's township choropleth of the year.
 */
import type { FilterSpecification } from 'maplibre-gl';
import { classBounds } from '../class-labels';
import { formatMetricValue } from '../metric-format';
import { AREA_FILTER, fillColorByClass, LABEL_FONTS, NO_FILL_ANTIALIAS } from './county-layer';
import { perFeatureColor, selectedFilter } from './expressions';
import { ABOVE_OVERLAYS, type TiledLayerModule } from './types';
import { TOWNSHIP_MIN_ZOOM } from './zoom';
import { useMemo } from 'react';
import { skipToken, useQuery } from '@apollo/client/react';
import { ATLAS_TOWNSHIP_CHOROPLETH } from '../../graphql/documents';
import { fromChoropleth } from '../classes';
import { useOfShownYear, yearlyAnswer } from './shown-year';
import type { OverlayLoader, SelectionSummary } from './types';
import { TownshipDetail } from '../../panels/detail/TownshipDetail';
import { metricFigures, tileName } from './summary-parts';

export const TOWNSHIP_FILL_LAYER_ID = 'township-fill';
export const TOWNSHIP_LABEL_LAYER_ID = 'township-label';

/**
 * The townships' classes, shaded as the counties are; asked for once the
 * villages' counts are in (their boundaries are vector tiles too).
 */
const load: OverlayLoader<'townships'> = {
  after: 'villages',
  useData({ year, shown, shading, afterSettled }) {
    const townshipYear = useQuery(ATLAS_TOWNSHIP_CHOROPLETH, afterSettled && year != null ? { variables: { year, ...shading } } : skipToken);
    const choropleth = (townshipYear.data ?? townshipYear.previousData)?.choropleth ?? null;
    const part = useOfShownYear(
      useMemo(
        () => (choropleth ? { year: choropleth.year, classification: fromChoropleth({ ...choropleth, level: 'TOWNSHIP' }) } : null),
        [choropleth],
      ),
      shown,
    );
    return yearlyAnswer(part, shown, townshipYear);
  },
};

export const townshipLayer = {
  key: 'townships',
  description: 'Townships (vector tiles) shaded by the chosen metric (the server\'s township classes) at closer zoom, outlined and labelled',
  names: { 'zh-CN': { name: '苏木乡镇' }, en: { name: 'Townships', inText: 'townships' } },
  // On at first: they take over the shading from their zoom on.
  toggle: { order: 5, shownAtFirst: true },
  export: null,
  load,
  select: {
    kind: 'township',
    layerIds: [TOWNSHIP_FILL_LAYER_ID],
    idProperty: 'code',
    summary: (view, id, tileFeature): SelectionSummary => {
      const townships = view.overlays.townships;
      return {
        name: tileName(view, tileFeature('townships', 'code', id)),
        figures: townships ? metricFigures(view, id, townships.classification) : {},
      };
    },
    detail: TownshipDetail,
  },
  list: {
    order: 1,
    kind: 'township',
    layerIds: [TOWNSHIP_FILL_LAYER_ID],
    idProperty: 'code',
    row: (p, view, texts) => {
      const classification = view.overlays.townships?.classification;
      const value = classification?.valueOf.get(String(p.code)) ?? null;
      return { figure: classification && value != null ? formatMetricValue(view.messages, value, classification) : texts.noData, rank: value };
    },
  },
  tiles: { layer: 'townships', yearly: false, minzoom: Math.floor(TOWNSHIP_MIN_ZOOM), promoteId: 'code' },
  classes: (view) => view.overlays.townships?.classification.classOf ?? null,
  layers: (view) => [
    {
      id: TOWNSHIP_FILL_LAYER_ID,
      type: 'fill',
      source: 'townships',
      'source-layer': 'townships',
      filter: AREA_FILTER,
      minzoom: TOWNSHIP_MIN_ZOOM,
      // Opaque like the counties: the canvas shows the legend's colours.
      paint: {
        'fill-color': view.overlays.townships ? fillColorByClass(view.overlays.townships.classification) : 'rgba(0,0,0,0)',
        'fill-opacity': 1,
        'fill-antialias': NO_FILL_ANTIALIAS,
      },
    },
    {
      id: 'township-outline',
      type: 'line',
      source: 'townships',
      'source-layer': 'townships',
      filter: AREA_FILTER,
      minzoom: TOWNSHIP_MIN_ZOOM,
      paint: { 'line-color': perFeatureColor('#ffffff'), 'line-width': 0.8, 'line-opacity': 0.9 },
    },
    {
      // The open panel's township, outlined above its neighbours.
      id: 'township-selected',
      type: 'line',
      source: 'townships',
      'source-layer': 'townships',
      filter: ['all', AREA_FILTER, selectedFilter(view, 'township', 'code')] as FilterSpecification,
      paint: { 'line-color': perFeatureColor('#0b3d91'), 'line-width': 3 },
    },
    {
      id: TOWNSHIP_LABEL_LAYER_ID,
      type: 'symbol',
      source: 'townships',
      'source-layer': 'townships',
      metadata: { [ABOVE_OVERLAYS]: true },
      filter: ['==', ['geometry-type'], 'Point'],
      minzoom: TOWNSHIP_MIN_ZOOM,
      layout: {
        'text-field': ['get', view.messages.nameField],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], TOWNSHIP_MIN_ZOOM, 11, 12, 14],
        'text-max-width': 7,
        'text-padding': 3,
      },
      paint: {
        'text-color': '#3c4a5c',
        'text-halo-color': 'rgba(255,255,255,0.85)',
        'text-halo-width': 1.4,
      },
    },
  ],
  legend: ({ overlays, messages }) => {
    const townships = overlays.townships;
    if (!townships) return null;
    const { classification } = townships;
    return {
      items: classification.classes.map((c, i) => ({
        label: messages.legendCount(classBounds(classification, i, messages), c.count),
        swatch: { shape: 'fill', color: c.color },
        value: String(i),
      })),
      notes: [messages.townshipZoomNote],
    };
  },
} satisfies TiledLayerModule;

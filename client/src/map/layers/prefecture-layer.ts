import { perFeatureColor } from './expressions';
import type { GeoJsonLayerModule } from './types';

/** The prefecture's outline, drawn under the counties as a soft outer rim. */
export const prefectureLayer = {
  key: 'prefecture',
  description: 'Outline of the whole prefecture',
  names: { 'zh-CN': { name: '盟市' }, en: { name: 'Prefecture', inText: 'prefecture' } },
  select: null,
  list: null,
  export: null,
  dataInputs: ({ atlas }) => [atlas.prefecture],
  toGeoJSON: ({ atlas }) => ({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: atlas.prefecture.code, name: atlas.prefecture.name },
        geometry: atlas.prefecture.boundary,
      },
    ],
  }),
  layers: () => [
    {
      id: 'prefecture-halo',
      type: 'line',
      source: 'prefecture',
      paint: { 'line-color': perFeatureColor('#1f2d3d'), 'line-opacity': 0.18, 'line-width': 10, 'line-blur': 4 },
    },
    {
      id: 'prefecture-outline',
      type: 'line',
      source: 'prefecture',
      paint: { 'line-color': perFeatureColor('#3c4a5c'), 'line-width': 1.6 },
    },
  ],
} satisfies GeoJsonLayerModule;

/**
 * Vector tiles without HTTP: the layers, the SQL builder (exported for
 * benchmarks) and the first picture's tiles. The /tiles handler that serves
 * them is http/tile-route.ts, assembled by http/tiles.ts.
 */
import { tileContaining } from './coordinates.js';
import type { Runner } from './engines.js';
import type { LayerName } from './layers.js';

export { tileSql } from './sql.js';
export { LAYER_NAMES, type LayerName } from './layers.js';

/** The zoom the atlas opens at, about: the prefecture fitted to a screen (z 6.2 at 1280×800 for the demo region and the national dataset's first prefecture). */
const OPENING_ZOOM = 6;

/** The layers of the atlas's first picture (counties with the pairing lines, issue 5). */
const OPENING_LAYERS = ['counties', 'pairings'] as const;

/** The tiles of the atlas's first picture: each opening layer at the tile holding the prefecture's centre (none without a prefecture). */
export async function openingTiles(run: Runner): Promise<Array<{ layer: LayerName; z: number; x: number; y: number }>> {
  const [centre] = await run<{ lon: number; lat: number }>({
    text: `select ST_X(c) as lon, ST_Y(c) as lat from (select ST_PointOnSurface(boundary) as c from prefecture order by code limit 1) s`,
    values: [],
  });
  if (!centre) return [];
  const at = tileContaining(Number(centre.lon), Number(centre.lat), OPENING_ZOOM);
  return OPENING_LAYERS.map((layer) => ({ layer, ...at }));
}

/**
 * Vector tiles, assembled: the engine the database allows (or TILE_ENGINE
 * names), the cache kept honest by the change bus, metrics, and the handler
 * for /tiles (served before Express: http/tile-path.ts). The SQL builder is
 * exported for benchmarks.
 */
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { AuthOptions } from '../graphql/auth.js';
import type { SharedReads } from '../graphql/shared-reads.js';
import type { Observability } from '../http/observability.js';
import { tileContaining } from './coordinates.js';
import { chooseEngine, type Runner } from './engines.js';
import type { LayerName } from './layers.js';
import { tileHandler, tileMetrics, type TileHandler } from './route.js';
import { TileService } from './service.js';

export { tileSql } from './sql.js';
export { LAYER_NAMES, type LayerName } from './layers.js';
export type { TileHandler } from './route.js';

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

export interface Tiles {
  /** the /tiles handler */
  handler: TileHandler;
  /**
   * Renders the tiles of the first picture at the prefecture's centre, once,
   * into the cache: the first tiles a process renders pay for code and query
   * plans used for the first time (on the embedded database 12 tiles took
   * ~420 ms cold and ~150 ms warm). Rejects on failure; the caller logs it.
   */
  warmUp(): Promise<void>;
}

/** The /tiles handler, once the engine is chosen (a probe query at start), and its warm-up. */
export async function createTiles(db: Database, config: Config, auth: AuthOptions, observability: Observability, shared: SharedReads): Promise<Tiles> {
  const run: Runner = (q) => db.orm.em.getConnection().execute(q.text, q.values as unknown[]);
  const engine = await chooseEngine(config.tileEngine, run);
  const metrics = tileMetrics(observability.registry, engine.kind);
  const service = new TileService({
    engine,
    cacheBytes: config.tileCacheMb * 1024 * 1024,
    changes: db.changes,
    em: () => db.orm.em.fork() as never,
    shared,
    onLookup: metrics.onLookup,
    onRender: metrics.onRender,
  });
  metrics.watch(service, db.changes);
  return {
    handler: tileHandler({ service, auth, logger: observability.logger }),
    async warmUp() {
      for (const address of await openingTiles(run)) await service.tile(address, null);
    },
  };
}

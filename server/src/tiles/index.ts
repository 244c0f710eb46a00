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
import { chooseEngine, type Runner } from './engines.js';
import { tileHandler, tileMetrics, type TileHandler } from './route.js';
import { TileService } from './service.js';

export { tileSql } from './sql.js';
export { LAYER_NAMES, type LayerName } from './layers.js';
export type { TileHandler } from './route.js';

/** The /tiles handler, once the engine is chosen (a probe query at start). */
export async function createTiles(db: Database, config: Config, auth: AuthOptions, observability: Observability, shared: SharedReads): Promise<TileHandler> {
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
  return tileHandler({ service, auth, logger: observability.logger });
}

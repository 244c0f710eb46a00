/**
 * Vector tiles, assembled: the engine the database allows (or TILE_ENGINE
 * names), the cache kept honest by the change bus, metrics, and the handler
 * for /tiles (served before Express: http/tile-path.ts).
 */
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { AuthOptions } from '../graphql/auth.js';
import type { SharedReads } from '../graphql/shared-reads.js';
import { chooseEngine, type Runner } from '../tiles/engines.js';
import { openingTiles } from '../tiles/index.js';
import { TileService } from '../tiles/service.js';
import type { Observability } from './observability.js';
import { tileHandler, tileMetrics, type TileHandler } from './tile-route.js';

export interface Tiles {
  /** the /tiles handler */
  handler: TileHandler;
  /**
   * Renders the tiles of the first picture at the prefecture's centre, once,
   * into the cache: the first tiles a process renders pay for code and query
   * plans used for the first time (what that costs: docs/performance.md,
   * the warm-up's row). Rejects on failure; the caller logs it.
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
    em: () => db.orm.em.fork(),
    shared,
    onLookup: metrics.onLookup,
    onRender: metrics.onRender,
  });
  metrics.watch(service, db.changes);
  // The lowest prefecture known before the hub listens: the warm-up's contexts are made without a request to name one.
  await service.prefectures();
  return {
    handler: tileHandler({ service, auth, logger: observability.logger }),
    async warmUp() {
      const [lowest] = await service.prefectures();
      if (lowest === undefined) return;
      for (const address of await openingTiles(run)) await service.tile(address, null, { prefecture: lowest, counties: null });
    },
  };
}

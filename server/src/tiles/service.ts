/**
 * A tile by address and year: from the cache, or rendered by the engine and
 * cached. The default year (the latest with figures, as GraphQL's
 * `choropleth` takes it) and the prefecture's thresholds come from the
 * process's shared reads, as GraphQL's do.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ANY_TABLE, type ChangeBus } from '../db/changes.js';
import { scopeKey, type ReadScope } from '../domain/region/read-scope.js';
import type { PolicySettings } from '../domain/rules.js';
import { TileCache, tileOf, type Tile } from './cache.js';
import type { TileAddress } from './coordinates.js';
import type { TileEngine } from './engines.js';
import { LAYER_NAMES, TILE_LAYERS, layersReading, type LayerName } from './layers.js';

export type Lookup = 'hit' | 'miss' | 'bypass';

/** The settings a tile reads, kept once per process (graphql/shared-reads.ts provides them). */
export interface TileReads {
  thresholds(em: () => EntityManager, prefecture: string): Promise<PolicySettings | null>;
  latestYear(em: () => EntityManager, prefecture: string): Promise<number | null>;
  /** the prefectures held, lowest code first (what a tile's `prefecture=` is checked against) */
  prefectures(em: () => EntityManager): Promise<string[]>;
}

export interface TileServiceOptions {
  engine: TileEngine;
  cacheBytes: number;
  changes: ChangeBus;
  /** A new EntityManager (fork) for reading the settings. */
  em: () => EntityManager;
  shared: TileReads;
  onLookup?: (layer: LayerName, lookup: Lookup) => void;
  onRender?: (layer: LayerName, seconds: number) => void;
}

const EMPTY: Tile = tileOf(Buffer.alloc(0));

export class TileService {
  readonly cache: TileCache;

  constructor(private readonly o: TileServiceOptions) {
    this.cache = new TileCache(o.cacheBytes, () => o.changes.live);
    o.changes.subscribe((table) => {
      this.cache.flush(table === ANY_TABLE ? LAYER_NAMES : layersReading(table));
    });
  }

  /** The prefectures held, lowest code first. */
  prefectures(): Promise<string[]> {
    return this.o.shared.prefectures(this.o.em);
  }

  /**
   * The tile at `address` for `year` (null: the latest year with figures;
   * ignored by layers without yearly attributes), holding only what `scope`
   * reads (a prefecture, or an embed token's counties).
   */
  async tile(address: TileAddress, year: number | null, scope: ReadScope): Promise<Tile> {
    const layer = TILE_LAYERS[address.layer as LayerName];
    // Before any read: a flush after this point keeps what this request renders out of the cache.
    const generation = this.cache.generation(layer.name);
    const [thresholds, latestYear] = await Promise.all([
      this.o.shared.thresholds(this.o.em, scope.prefecture),
      layer.yearly && year === null ? this.o.shared.latestYear(this.o.em, scope.prefecture) : null,
    ]);
    if (!thresholds) return EMPTY;
    const tileYear = layer.yearly ? (year ?? latestYear ?? new Date().getFullYear()) : null;
    // The layer first: a flush drops a layer's tiles by that prefix.
    const key = `${layer.name}/${address.z}/${address.x}/${address.y}${tileYear === null ? '' : `/${tileYear}`}@${scopeKey(scope)}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.o.onLookup?.(layer.name, 'hit');
      return cached;
    }
    this.o.onLookup?.(layer.name, this.cache.usable ? 'miss' : 'bypass');
    const started = process.hrtime.bigint();
    const tile = tileOf(await this.o.engine.render(layer, { z: address.z, x: address.x, y: address.y, year: tileYear, thresholds, scope }));
    this.o.onRender?.(layer.name, Number(process.hrtime.bigint() - started) / 1e9);
    this.cache.set(layer.name, key, generation, tile);
    return tile;
  }
}

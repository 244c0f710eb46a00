/**
 * A tile by address and year: from the cache, or rendered by the engine and
 * cached. The default year (the latest with figures, as GraphQL's
 * `choropleth` takes it) and the prefecture's thresholds are read as the
 * GraphQL context reads them, kept between requests and dropped on a write
 * to their tables, like the tiles.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ANY_TABLE, type ChangeBus } from '../db/changes.js';
import { Prefecture } from '../domain/entities.js';
import type { Thresholds } from '../domain/rules.js';
import { createLoaders } from '../graphql/context.js';
import { TileCache, tileOf, type Tile } from './cache.js';
import type { TileAddress } from './coordinates.js';
import type { TileEngine } from './engines.js';
import { LAYER_NAMES, TILE_LAYERS, layersReading, type LayerName } from './layers.js';

export type Lookup = 'hit' | 'miss' | 'bypass';

export interface TileServiceOptions {
  engine: TileEngine;
  cacheBytes: number;
  changes: ChangeBus;
  /** A new EntityManager (fork) for reading the settings. */
  em: () => EntityManager;
  onLookup?: (layer: LayerName, lookup: Lookup) => void;
  onRender?: (layer: LayerName, seconds: number) => void;
}

interface Settings {
  latestYear: number;
  /** null when no prefecture is loaded: then there is no geography, and every tile is empty. */
  thresholds: Thresholds | null;
}

/** Tables the settings are read from. */
const SETTINGS_TABLES = new Set([ANY_TABLE, 'village_year', 'prefecture']);

const EMPTY: Tile = tileOf(Buffer.alloc(0));

export class TileService {
  readonly cache: TileCache;
  private settings: Promise<Settings> | null = null;

  constructor(private readonly o: TileServiceOptions) {
    this.cache = new TileCache(o.cacheBytes, () => o.changes.live);
    o.changes.subscribe((table) => {
      this.cache.flush(table === ANY_TABLE ? LAYER_NAMES : layersReading(table));
      if (SETTINGS_TABLES.has(table)) this.settings = null;
    });
  }

  private async readSettings(): Promise<Settings> {
    const em = this.o.em();
    const loaders = createLoaders(em);
    const latestYear = await loaders.latestYear();
    const thresholds = (await em.count(Prefecture, {})) > 0 ? await loaders.thresholds() : null;
    return { latestYear, thresholds };
  }

  private currentSettings(): Promise<Settings> {
    if (!this.o.changes.live) return this.readSettings();
    this.settings ??= this.readSettings().catch((error: unknown) => {
      this.settings = null;
      throw error;
    });
    return this.settings;
  }

  /** The tile at `address` for `year` (null: the latest year with figures; ignored by layers without yearly attributes). */
  async tile(address: TileAddress, year: number | null): Promise<Tile> {
    const layer = TILE_LAYERS[address.layer as LayerName];
    // Before any read: a flush after this point keeps what this request renders out of the cache.
    const generation = this.cache.generation(layer.name);
    const settings = await this.currentSettings();
    if (!settings.thresholds) return EMPTY;
    const tileYear = layer.yearly ? (year ?? settings.latestYear) : null;
    const key = `${layer.name}/${address.z}/${address.x}/${address.y}${tileYear === null ? '' : `/${tileYear}`}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.o.onLookup?.(layer.name, 'hit');
      return cached;
    }
    this.o.onLookup?.(layer.name, this.cache.usable ? 'miss' : 'bypass');
    const started = process.hrtime.bigint();
    const tile = tileOf(await this.o.engine.render(layer, { z: address.z, x: address.x, y: address.y, year: tileYear, thresholds: settings.thresholds }));
    this.o.onRender?.(layer.name, Number(process.hrtime.bigint() - started) / 1e9);
    this.cache.set(layer.name, key, generation, tile);
    return tile;
  }
}

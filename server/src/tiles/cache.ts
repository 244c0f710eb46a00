/**
 * Encoded tiles in memory, least recently used first out, bounded by bytes.
 * Kept honest by the change bus: a write to a table flushes the layers
 * reading it, and while the bus is not live nothing is read from or written
 * to the cache.
 *
 * A tile rendered from a snapshot taken before a write must not be stored
 * after that write's flush. Each layer has a generation, bumped by every
 * flush; a render records it before its first query and its result is only
 * stored if the generation is still the same.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface Tile {
  /** Encoded MVT; empty when no feature falls in the tile. */
  body: Buffer;
  /** Strong ETag of the body (null for an empty tile). */
  etag: string | null;
}

/** A strong validator from the content: replicas rendering the same data give the same ETag. */
export function tileOf(body: Buffer): Tile {
  if (body.length === 0) return { body, etag: null };
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

/** Bookkeeping per entry (key, object, LRU links), so a cache of empty tiles is bounded too. */
const ENTRY_OVERHEAD = 200;

export class TileCache {
  private readonly lru: LRUCache<string, Tile> | null;
  private readonly generations = new Map<string, number>();

  constructor(
    maxBytes: number,
    private readonly isLive: () => boolean,
  ) {
    this.lru = maxBytes > 0 ? new LRUCache<string, Tile>({ maxSize: maxBytes, sizeCalculation: (tile, key) => tile.body.length + key.length + ENTRY_OVERHEAD }) : null;
  }

  /** Whether lookups may be answered now. */
  get usable(): boolean {
    return this.lru !== null && this.isLive();
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  get(key: string): Tile | undefined {
    return this.usable ? this.lru!.get(key) : undefined;
  }

  generation(layer: string): number {
    return this.generations.get(layer) ?? 0;
  }

  /** Stores the tile unless its layer was flushed since `generation` was read. */
  set(layer: string, key: string, generation: number, tile: Tile): void {
    if (this.usable && this.generation(layer) === generation) this.lru!.set(key, tile);
  }

  flush(layers: readonly string[]): void {
    for (const layer of layers) this.generations.set(layer, this.generation(layer) + 1);
    if (!this.lru) return;
    const prefixes = layers.map((l) => `${l}/`);
    const stale = [...this.lru.keys()].filter((k) => prefixes.some((p) => k.startsWith(p)));
    for (const key of stale) this.lru.delete(key);
  }
}

/**
 * The hub's vector tiles as map sources: the URL template of a tiled layer
 * for the view's year, and the request hook that sends a read token with
 * them (an embedded view on a private hub reads with one, as its GraphQL does).
 */
import type { RequestParameters, ResourceType, VectorSourceSpecification } from 'maplibre-gl';
import type { TileSource } from './layers/types';

/** Tiles are cut down to this zoom; MapLibre enlarges the deepest tile beyond it. */
export const TILE_MAX_ZOOM = 14;

/**
 * The tile URL template. Absolute: tiles are fetched by the map's workers,
 * which do not resolve a path against the page. Built by hand because `URL`
 * would percent-encode the `{z}` placeholders.
 */
export function tileUrl(origin: string, tiles: TileSource, year: number): string {
  const query = tiles.yearly ? `?year=${year}` : '';
  return `${origin}/tiles/${tiles.layer}/{z}/{x}/{y}.mvt${query}`;
}

export function tileSourceSpec(origin: string, tiles: TileSource, year: number): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [tileUrl(origin, tiles, year)],
    minzoom: tiles.minzoom,
    maxzoom: TILE_MAX_ZOOM,
    ...(tiles.promoteId ? { promoteId: tiles.promoteId } : {}),
  };
}

/** MapLibre's `transformRequest`: the token goes with the hub's tiles only, never to another host. */
export function withReadToken(origin: string, token: string | null) {
  return (url: string, kind?: ResourceType): RequestParameters => {
    if (!token || kind !== 'Tile' || !url.startsWith(`${origin}/tiles/`)) return { url };
    return { url, headers: { authorization: `Bearer ${token}` } };
  };
}

/**
 * The hub's vector tiles as map sources: the URL template of a tiled layer
 * for the view's year, and the request hook that sends a read token with
 * them (an embedded view on a private hub reads with one, as its GraphQL does).
 */
import type { RequestParameters, ResourceType, VectorSourceSpecification } from 'maplibre-gl';
import { scopedTileUrl } from '../graphql/read-scope';
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

/**
 * MapLibre's `transformRequest`: the hub's tiles read the page's prefecture
 * (`prefecture=`, read-scope.ts) and carry its token; nothing goes to another host.
 */
export function withReadToken(origin: string, token: string | null, prefecture: string | null = null) {
  return (url: string, kind?: ResourceType): RequestParameters => {
    if (kind !== 'Tile' || !url.startsWith(`${origin}/tiles/`)) return { url };
    const scoped = scopedTileUrl(url, prefecture);
    return token ? { url: scoped, headers: { authorization: `Bearer ${token}` } } : { url: scoped };
  };
}

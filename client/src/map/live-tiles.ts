/**
 * The hub's vector tiles asked for again after a change to its data (live
 * updates, graphql/live-updates.ts): each tiled source whose layer the
 * announcement names (every one when it says `everything`) reloads its tiles
 * in place. Same URLs: the hub sends tiles with an ETag and `no-cache`, so a
 * tile that did not change costs a 304 and is not parsed again (MapLibre
 * compares the ETag), and the old tiles stay drawn until the new ones are in
 * (no blink on a big screen).
 *
 * A tile still loading when the reload is asked for is not fetched again by
 * MapLibre but re-parsed from what it is loading, which may have been read
 * before the change; so a source that was loading is reloaded once more
 * when all its tiles are in.
 */
import type { Map as MapLibreMap, MapSourceDataEvent, VectorTileSource } from 'maplibre-gl';
import type { DataChange } from '../graphql/live-updates';
import { LAYER_ORDER } from './layers/registry';

function reloadSource(map: MapLibreMap, key: string): void {
  const source = map.getSource<VectorTileSource>(key);
  const tiles = source?.serialize().tiles;
  if (!source || !tiles) return;
  const busy = !map.isSourceLoaded(key);
  source.setTiles(tiles);
  if (!busy) return;
  const whenIn = (event: MapSourceDataEvent) => {
    if (event.sourceId !== key) return;
    if (!map.getSource(key)) return void map.off('sourcedata', whenIn);
    if (!map.isSourceLoaded(key)) return;
    map.off('sourcedata', whenIn);
    const again = map.getSource<VectorTileSource>(key);
    const now = again?.serialize().tiles;
    if (again && now) again.setTiles(now);
  };
  map.on('sourcedata', whenIn);
}

/** Reloads the tiles of the map's tiled layers that `change` may have changed; returns the source keys reloaded. */
export function reloadChangedTiles(map: MapLibreMap, change: Pick<DataChange, 'everything' | 'tileLayers'>): string[] {
  const reloaded: string[] = [];
  for (const module of LAYER_ORDER) {
    if (!module.tiles || !(change.everything || change.tileLayers.includes(module.tiles.layer))) continue;
    if (!map.getSource(module.key)) continue;
    reloadSource(map, module.key);
    reloaded.push(module.key);
  }
  return reloaded;
}

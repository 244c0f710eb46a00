/**
 * The overlays' data, each asked for by its layer module's loader
 * (`load.useData`), called in the registry's order with what the atlas knows.
 * The order of asking is the loaders' own: the embedded database answers one
 * query at a time, and an overlay asked for in parallel would queue in front
 * of the counties. The pairings are asked for with the counties' year (part
 * of what a leader must see at once); the rest waits until the first map is
 * drawn, since every answer that lands before then postpones it, and an
 * overlay off by default until it is switched on. Once an overlay has loaded,
 * a new year is asked for together with the counties' figures.
 */
import { useMemo } from 'react';
import { OVERLAY_LOADERS } from '../map/layers/registry';
import type { OverlayAnswer, OverlayData, OverlayKey, Shading } from '../map/layers/types';
import { useSameItems } from './use-same-items';

export type { Shading } from '../map/layers/types';

export interface Overlays {
  overlays: OverlayData;
  /** overlays whose data for `year` is in */
  loaded: ReadonlySet<OverlayKey>;
  error: Error | null;
}

export interface OverlayYears {
  /** the year asked for (the counties' figures of it may still be loading) */
  requested: number | null;
  /** the year the counties on the map show: an overlay is loaded when its data is of this year */
  shown: number | null;
}

/**
 * `drawn`: the map has been drawn with the counties (its first 'idle').
 * `wanted`: overlays switched on (a switched-off one that loads on demand is not asked for).
 */
export function useOverlays(
  { requested: year, shown }: OverlayYears,
  drawn: boolean,
  shading: Shading,
  wanted: ReadonlySet<OverlayKey>,
): Overlays {
  const answers = new Map<OverlayKey, OverlayAnswer<unknown>>();
  // A fixed list in a fixed order: each loader's hooks run in the same place every render.
  for (const { key, loader } of OVERLAY_LOADERS) {
    const afterSettled = loader.after == null || answers.get(loader.after)?.settled === true;
    answers.set(key, loader.useData({ year, shown, drawn, shading, wanted: wanted.has(key), afterSettled }));
  }
  // The parts themselves are the inputs: a new object only when one of them changed.
  const parts = useSameItems(OVERLAY_LOADERS.map(({ key }) => answers.get(key)!.part));
  const overlays = useMemo(() => Object.fromEntries(OVERLAY_LOADERS.map(({ key }, i) => [key, parts[i]])) as unknown as OverlayData, [parts]);
  const loadedKeys = useSameItems(OVERLAY_LOADERS.filter(({ key }) => answers.get(key)!.loaded).map(({ key }) => key));
  const loaded = useMemo(() => new Set(loadedKeys), [loadedKeys]);
  const error = OVERLAY_LOADERS.map(({ key }) => answers.get(key)!.error).find((e) => e != null) ?? null;
  return { overlays, loaded, error };
}

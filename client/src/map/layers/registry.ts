/**
 * Every layer kind of the atlas, keyed by a constant, in draw order (first is
 * lowest). Adding a layer kind is one module and one line here.
 */
import { countyLayer } from './county-layer';
import { prefectureLayer } from './prefecture-layer';
import type { LayerModule } from './types';

export const LAYER_REGISTRY = {
  prefecture: prefectureLayer,
  counties: countyLayer,
} as const satisfies Record<string, LayerModule>;

export type LayerKey = keyof typeof LAYER_REGISTRY;
export const LAYER_ORDER: readonly LayerModule[] = Object.values(LAYER_REGISTRY);

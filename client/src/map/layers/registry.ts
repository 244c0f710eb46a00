/**
 * Every layer kind of the atlas, keyed by a constant, in draw order (first is
 * lowest). Adding a layer kind is one module and one line here.
 *
 * Townships sit under the counties (whose fill clears at closer zoom) so that
 * county outlines and names stay above them; villages are last, so lines end
 * under their villages.
 */
import { allianceLayer } from './alliance-layer';
import { countyLayer } from './county-layer';
import { findingLayer } from './finding-layer';
import { pairingLayer } from './pairing-layer';
import { prefectureLayer } from './prefecture-layer';
import { projectLayer } from './project-layer';
import { townshipLayer } from './township-layer';
import { OVERLAYS } from '../../state/view-state';
import type { LayerModule, OverlayKey } from './types';
import { villageLayer } from './village-layer';
import { warningLayer } from './warning-layer';

export const LAYER_REGISTRY = {
  prefecture: prefectureLayer,
  townships: townshipLayer,
  counties: countyLayer,
  alliances: allianceLayer,
  pairings: pairingLayer,
  projects: projectLayer,
  villages: villageLayer,
  findings: findingLayer,
  warnings: warningLayer,
} as const satisfies Record<string, LayerModule>;

export type LayerKey = keyof typeof LAYER_REGISTRY;
export const LAYER_ORDER: readonly LayerModule[] = Object.values(LAYER_REGISTRY);

/** The overlays in the order the layer panel lists them (the view state's order). */
export const OVERLAY_KEYS: readonly OverlayKey[] = OVERLAYS;

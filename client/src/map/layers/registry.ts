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
import type { SelectionKind } from '../../state/view-state';
import type { AtlasView, LayerLegend, LayerModule, OverlayKey, OverlayLoader, SelectSpec } from './types';
import { villageLayer } from './village-layer';
import { warningLayer } from './warning-layer';

/**
 * What the registry requires of each overlay's module besides a layer's
 * (`LayerModule`: style layers, list, export, select): its data loading and
 * its legend. The compiler refuses a registry whose module lacks one.
 */
export type OverlayEntries = {
  readonly [K in OverlayKey]: { readonly load: OverlayLoader<K>; legend(view: AtlasView): LayerLegend | null };
};

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
} as const satisfies Record<string, LayerModule> & OverlayEntries;

export type LayerKey = keyof typeof LAYER_REGISTRY;
export const LAYER_ORDER: readonly LayerModule[] = Object.values(LAYER_REGISTRY);

/** The overlays in the order the layer panel lists them (the view state's order). */
export const OVERLAY_KEYS: readonly OverlayKey[] = OVERLAYS;

/**
 * The overlays' loaders, each after the overlay it waits for (its `after`),
 * otherwise in the registry's order.
 */
export const OVERLAY_LOADERS: ReadonlyArray<{ key: OverlayKey; loader: OverlayLoader<OverlayKey> }> = OVERLAY_KEYS.map(
  (key) => ({ key, loader: LAYER_REGISTRY[key].load as OverlayLoader<OverlayKey> }),
)
  .sort((a, b) => LAYER_ORDER.indexOf(LAYER_REGISTRY[a.key]) - LAYER_ORDER.indexOf(LAYER_REGISTRY[b.key]))
  .sort((a, b) => Number(a.loader.after != null) - Number(b.loader.after != null));

/** The registry's keys whose module has an entry `E` that is not null (`list`, `export`). */
export type KeysWith<E extends string> = {
  [K in LayerKey]: (typeof LAYER_REGISTRY)[K] extends { readonly [P in E]: infer V } ? (V extends null | undefined ? never : K) : never;
}[LayerKey];

/** The kinds the registry's modules select. */
type SelectedKinds = { [K in LayerKey]: (typeof LAYER_REGISTRY)[K]['select'] extends { kind: infer S } ? S : never }[LayerKey];
/** Every selection kind is some module's (the compiler names the one missing). */
const EVERY_KIND_SELECTABLE: [Exclude<SelectionKind, SelectedKinds>] extends [never] ? true : { missing: Exclude<SelectionKind, SelectedKinds> } = true;
void EVERY_KIND_SELECTABLE;

const SELECT_SPECS = new Map<SelectionKind, SelectSpec>(LAYER_ORDER.flatMap((m) => (m.select ? [[m.select.kind, m.select]] : [])));

/** The selection kind's module's `select` (its summary and its detail part). */
export function selectSpec(kind: SelectionKind): SelectSpec {
  const spec = SELECT_SPECS.get(kind);
  if (!spec) throw new Error(`no layer module selects ${JSON.stringify(kind)}`);
  return spec;
}

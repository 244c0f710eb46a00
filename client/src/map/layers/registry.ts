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
import type { SelectionKind, ViewLocale } from '../../state/view-state';
import type { AtlasView, LayerLegend, LayerModule, OverlayKey, OverlayLoader, OverlayToggle, SelectSpec } from './types';
import { villageLayer } from './village-layer';
import { warningLayer } from './warning-layer';

/**
 * What the registry requires of each overlay's module besides a layer's
 * (`LayerModule`: style layers, names, list, export, select): its data
 * loading, its legend and its toggle. The compiler refuses a registry whose
 * module lacks one, or that lacks the module of an overlay.
 */
export type OverlayEntries = {
  readonly [K in OverlayKey]: { readonly load: OverlayLoader<K>; legend(view: AtlasView): LayerLegend | null; readonly toggle: OverlayToggle };
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

/** The modules that have a toggle are the overlays (the compiler names a toggle on a module that has no `OverlayData` part). */
const TOGGLED: ReadonlyArray<{ key: OverlayKey; toggle: OverlayToggle }> = LAYER_ORDER.flatMap((m) =>
  m.toggle ? [{ key: m.key as OverlayKey, toggle: m.toggle }] : [],
).sort((a, b) => a.toggle.order - b.toggle.order);
const EVERY_TOGGLE_AN_OVERLAY: [Exclude<KeysWith<'toggle'>, OverlayKey>] extends [never] ? true : { notInOverlayData: Exclude<KeysWith<'toggle'>, OverlayKey> } = true;
void EVERY_TOGGLE_AN_OVERLAY;

/** The overlays in the order the layer panel lists them (and a link's `layers=` names them): their toggles' order. */
export const OVERLAY_KEYS: readonly OverlayKey[] = TOGGLED.map((o) => o.key);

/** The overlays a first view shows. */
export const OVERLAYS_SHOWN_AT_FIRST: ReadonlySet<OverlayKey> = new Set(TOGGLED.filter((o) => o.toggle.shownAtFirst).map((o) => o.key));

/**
 * Every layer's name in one language, by registry key: its heading, or with
 * `inText` its name inside a sentence or a file name. The message modules
 * take their layer names from here.
 */
export function layerNames(locale: ViewLocale, use: 'heading' | 'inText' = 'heading'): Readonly<Record<LayerKey, string>> {
  const names = {} as Record<LayerKey, string>;
  for (const [key, module] of Object.entries(LAYER_REGISTRY) as Array<[LayerKey, LayerModule]>) {
    const name = module.names[locale];
    names[key] = use === 'inText' ? (name.inText ?? name.name) : name.name;
  }
  return names;
}

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

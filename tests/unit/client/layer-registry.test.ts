/**
 * The layer registry is what the atlas's machinery reads for every layer
 * (data loading, list rows, export rows, selection summary, detail part):
 * each module carries every entry, and the registry is complete. The
 * `@ts-expect-error` lines are the compiler's half (the tests' typecheck
 * fails when an entry becomes optional); the rest checks what the
 * machinery derives from the registry at run time.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/app/i18n/en';
import { exportEn } from '../../../client/src/app/i18n/export.en';
import { exportZhCN } from '../../../client/src/app/i18n/export.zh-CN';
import { zhCN } from '../../../client/src/app/i18n/zh-CN';
import { EXPORT_LAYERS } from '../../../client/src/export/layer-tables';
import { findingLayer } from '../../../client/src/map/layers/finding-layer';
import { LAYER_ORDER, LAYER_REGISTRY, OVERLAY_LOADERS, selectSpec, type OverlayEntries } from '../../../client/src/map/layers/registry';
import type { GeoJsonLayerModule, LayerModule, TiledLayerModule } from '../../../client/src/map/layers/types';
import { villageLayer } from '../../../client/src/map/layers/village-layer';
import { LIST_LAYERS } from '../../../client/src/panels/feature-list-entries';
import { DEFAULT_LAYERS, formatView, DEFAULT_VIEW, OVERLAYS, parseView, SELECTION_KINDS, type SelectionKind } from '../../../client/src/state/view-state';

const minimal = {
  key: 'scratch',
  description: 'a layer with nothing to list, export or select',
  names: { 'zh-CN': { name: '草稿' }, en: { name: 'Scratch' } },
  layers: () => [],
  dataInputs: () => [],
  toGeoJSON: () => ({ type: 'FeatureCollection' as const, features: [] }),
  select: null,
  list: null,
  export: null,
} satisfies GeoJsonLayerModule;

describe('a layer module', () => {
  it('must say what it lists, exports and selects, if only null', () => {
    const { export: _export, ...lacksExport } = minimal;
    const { list: _list, ...lacksList } = minimal;
    const { select: _select, ...lacksSelect } = minimal;
    // @ts-expect-error -- no `export` entry
    const a: LayerModule = lacksExport;
    // @ts-expect-error -- no `list` entry
    const b: LayerModule = lacksList;
    // @ts-expect-error -- no `select` entry
    const c: LayerModule = lacksSelect;
    expect(a).not.toHaveProperty('export');
    expect(b).not.toHaveProperty('list');
    expect(c).not.toHaveProperty('select');
  });

  it('of an overlay must load its data and give its legend', () => {
    const { load: _load, ...lacksLoad } = findingLayer;
    const { legend: _legend, ...lacksLegend } = findingLayer;
    // @ts-expect-error -- no `load` entry
    const a: OverlayEntries['findings'] = lacksLoad;
    // @ts-expect-error -- no `legend` entry
    const b: OverlayEntries['findings'] = lacksLegend;
    // @ts-expect-error -- another overlay's loader
    const c: OverlayEntries['villages'] = findingLayer;
    expect(a).not.toHaveProperty('load');
    expect(b).not.toHaveProperty('legend');
    expect(c.load).toBe(findingLayer.load);
  });

  it('must give its names in both languages', () => {
    const { names: _names, ...lacksNames } = minimal;
    // @ts-expect-error -- no `names` entry
    const a: LayerModule = lacksNames;
    // @ts-expect-error -- no English name
    const b: LayerModule = { ...minimal, names: { 'zh-CN': { name: '草稿' } } };
    // @ts-expect-error -- no Chinese name
    const c: LayerModule = { ...minimal, names: { en: { name: 'Scratch' } } };
    expect(a).not.toHaveProperty('names');
    expect(b.names).not.toHaveProperty('en');
    expect(c.names).not.toHaveProperty('zh-CN');
  });

  it('of an overlay must give its toggle', () => {
    const { toggle: _toggle, ...lacksToggle } = findingLayer;
    // @ts-expect-error -- no `toggle` entry
    const a: OverlayEntries['findings'] = lacksToggle;
    expect(a).not.toHaveProperty('toggle');
  });

  it('drawn from tiles must give its exported features itself (the tiles hold what is in view)', () => {
    const { features: _features, ...fromTiles } = villageLayer.export;
    // @ts-expect-error -- a tiled layer's export without `features`
    const a: TiledLayerModule = { ...villageLayer, export: fromTiles };
    expect(a.export).not.toHaveProperty('features');
  });
});

describe('the registry', () => {
  it('loads every overlay once, each after the one it waits for', () => {
    const keys = OVERLAY_LOADERS.map((l) => l.key);
    expect([...keys].sort()).toEqual([...OVERLAYS].sort());
    OVERLAY_LOADERS.forEach(({ loader }, i) => {
      if (loader.after) expect(keys.indexOf(loader.after)).toBeLessThan(i);
    });
    expect(keys.indexOf('townships')).toBeGreaterThan(keys.indexOf('villages'));
  });

  it('has one module selecting each kind, whose summary and detail part the panel and the embed use', () => {
    for (const kind of SELECTION_KINDS) {
      const spec = selectSpec(kind);
      expect(spec.kind).toBe(kind);
      expect(typeof spec.summary).toBe('function');
      expect(typeof spec.detail).toBe('function');
    }
    expect(() => selectSpec('nothing' as SelectionKind)).toThrow(/no layer module selects "nothing"/);
    const selecting = LAYER_ORDER.filter((m) => m.select).map((m) => m.select!.kind);
    expect(selecting).toHaveLength(new Set(selecting).size);
  });

  it('exports and lists the modules that say so, in their own order', () => {
    expect(EXPORT_LAYERS).toEqual(['counties', 'villages', 'pairings', 'alliances', 'findings']);
    expect(LIST_LAYERS.map((l) => l.key)).toEqual(
      LAYER_ORDER.filter((m) => m.list).sort((a, b) => a.list!.order - b.list!.order).map((m) => m.key),
    );
    expect(LIST_LAYERS.map((l) => l.key)).toContain('warnings');
    expect(Object.keys(LAYER_REGISTRY)).toHaveLength(LAYER_ORDER.length);
  });

  it('is where the overlays of a link come from: the modules with a toggle, in the toggles\' order', () => {
    const toggled = LAYER_ORDER.filter((m) => m.toggle).sort((a, b) => a.toggle!.order - b.toggle!.order);
    expect(OVERLAYS).toEqual(toggled.map((m) => m.key));
    expect([...DEFAULT_LAYERS].sort()).toEqual(toggled.filter((m) => m.toggle!.shownAtFirst).map((m) => m.key).sort());
    expect(DEFAULT_LAYERS.size).toBeGreaterThan(0);
    expect(DEFAULT_LAYERS.size).toBeLessThan(OVERLAYS.length);
    // every overlay reads back from a link; a layer of the base map is no overlay
    for (const key of OVERLAYS) {
      const link = formatView({ ...DEFAULT_VIEW, layers: new Set([key]) });
      expect(link).toBe(`layers=${key}`);
      expect(parseView(link)).toEqual({ state: { ...DEFAULT_VIEW, layers: new Set([key]) }, rejected: [] });
    }
    expect(parseView('?layers=counties').rejected).toEqual(['layers']);
    expect(parseView('?layers=prefecture').rejected).toEqual(['layers']);
  });

  it("gives the message tables each layer's names, from its module", () => {
    for (const m of LAYER_ORDER) {
      for (const name of [m.names['zh-CN'].name, m.names.en.name]) expect(name.trim()).not.toBe('');
    }
    for (const key of OVERLAYS) {
      expect(zhCN.layerNames[key]).toBe(LAYER_REGISTRY[key].names['zh-CN'].name);
      expect(en.layerNames[key]).toBe(LAYER_REGISTRY[key].names.en.name);
    }
    for (const key of EXPORT_LAYERS) {
      expect(exportZhCN.menu.layerNames[key]).toBe(LAYER_REGISTRY[key].names['zh-CN'].name);
      expect(exportEn.menu.layerNames[key]).toBe(LAYER_REGISTRY[key].names.en.inText);
    }
    for (const { key } of LIST_LAYERS) expect(exportEn.list.layerNames[key]).toBe(LAYER_REGISTRY[key].names.en.name);
    // the English menu writes a layer inside a sentence in lower case; a heading is capitalised
    expect(exportEn.menu.layerNames.findings).toBe('inspection findings');
    expect(exportEn.list.layerNames.findings).toBe('Inspection findings');
  });
});

/**
 * The layer registry is what the atlas's machinery reads for every layer
 * (data loading, list rows, export rows, selection summary, detail part):
 * each module carries every entry, and the registry is complete. The
 * `@ts-expect-error` lines are the compiler's half (the tests' typecheck
 * fails when an entry becomes optional); the rest checks what the
 * machinery derives from the registry at run time.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_LAYERS } from '../../../client/src/export/layer-tables';
import { findingLayer } from '../../../client/src/map/layers/finding-layer';
import { LAYER_ORDER, LAYER_REGISTRY, OVERLAY_LOADERS, selectSpec, type OverlayEntries } from '../../../client/src/map/layers/registry';
import type { GeoJsonLayerModule, LayerModule, TiledLayerModule } from '../../../client/src/map/layers/types';
import { villageLayer } from '../../../client/src/map/layers/village-layer';
import { LIST_LAYERS } from '../../../client/src/panels/feature-list-entries';
import { OVERLAYS, SELECTION_KINDS, type SelectionKind } from '../../../client/src/state/view-state';

const minimal = {
  key: 'scratch',
  description: 'a layer with nothing to list, export or select',
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
});

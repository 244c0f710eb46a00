/**
 * The atlas's overlays in real Chromium against the real server (embedded
 * database, demo region), each checked against the GraphQL API: one line per
 * pairing active in the year (with an arrowhead, coloured by kind), village
 * circles in their status colour and strength ring, alliances founded by the
 * year with their spokes, townships shaded from the closer zoom on, toggles
 * that hide a layer, and nothing leaving the machine.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { changeAndSettle, hexToRgb, layoutProperty, loadTimings, mapStyleKeys, waitForMapReady } from './helpers/atlas-page';
import { villageSize } from '../../client/src/map/layers/village-layer';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';
import {
  featureClasses,
  jumpAndSettle,
  LAYER_IDS,
  layerLegend,
  mapImages,
  mapZoom,
  matchOutputs,
  paintProperty,
  pixelsAt,
  renderedProperties,
  waitForOverlays,
} from './helpers/layers-page';

/** client/src/map/layers/zoom.ts */
const TOWNSHIP_MIN_ZOOM = 8.5;

interface Pairing {
  id: number;
  kind: string;
  line: { type: string; coordinates: number[][] } | null;
}
interface Village {
  code: string;
  name: string;
  location: { coordinates: [number, number] };
  figures: { status: string; strength: string; ruralPopulation: number } | null;
}
interface Alliance {
  id: number;
  foundedYear: number;
  footprint: unknown;
  centre: { code: string };
  members: Array<{ code: string }>;
}

const PAIRINGS = `query($year: Int!) {
  pairings(filter: { activeInYear: $year }, limit: 500) { totalCount hasNextPage items { id kind line } }
}`;
const VILLAGES = `query($year: Int!, $offset: Int!) {
  villages(offset: $offset, limit: 500) { hasNextPage items { code name location figures(year: $year) { status strength ruralPopulation } } }
}`;
const ALLIANCES = '{ alliances(limit: 500) { hasNextPage items { id foundedYear footprint centre { code } members { code } } } }';
const TOWNSHIP_CLASSES = `query($year: Int!) {
  choropleth(year: $year, level: TOWNSHIP, metric: POVERTY_INCIDENCE, classes: 5, scope: ALL_YEARS) { areas { code classIndex } }
}`;

const drawable = (pairings: Pairing[]) => pairings.filter((p) => p.line?.type === 'LineString');
const PROJECTS = `query($year: Int!) {
  industryProjects(filter: { activeInYear: $year }, limit: 500) { hasNextPage items { id type } }
}`;
const sortedIds = (values: unknown[]) => values.map(Number).sort((a, b) => a - b);

describe('atlas overlays', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let years: number[];
  let year: number;

  async function allVillages(y: number): Promise<Village[]> {
    const villages: Village[] = [];
    for (let offset = 0; ; offset += 500) {
      const { villages: page } = await graphqlRequest<{ villages: { hasNextPage: boolean; items: Village[] } }>(
        server.url,
        VILLAGES,
        { year: y, offset },
      );
      villages.push(...page.items);
      if (!page.hasNextPage) return villages;
    }
  }

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
    const { prefecture } = await graphqlRequest<{ prefecture: { years: number[] } }>(server.url, '{ prefecture { years } }');
    years = [...prefecture.years].sort((a, b) => a - b);
    // The atlas opens on the latest year.
    year = years[years.length - 1]!;
  }, 180_000);

  afterAll(() => session?.close());

  it('draws the counties first, then loads the overlays', async () => {
    const started = performance.now();
    // Every overlay but the projects (alliances are off at first sight: honest-classes.test.ts checks the defaults).
    await page.goto(new URL('/?layers=pairings,villages,alliances,townships', server.url).href);
    await waitForMapReady(page);
    const firstIdle = performance.now() - started;
    await waitForOverlays(page);
    const allDrawn = performance.now() - started;
    const timings = await loadTimings(page);
    console.info(
      `[layers] navigation → first idle ${firstIdle.toFixed(0)} ms, every overlay drawn ${allDrawn.toFixed(0)} ms ` +
        `(/graphql ${timings.graphql.join(', ')} ms)`,
    );
    await page.screenshot({ path: resolve(ARTIFACTS, 'layers.png') });

    // Arrowheads are images drawn at run time: still no sprite, no glyphs, only our GeoJSON.
    const style = await mapStyleKeys(page);
    expect(style).toMatchObject({ glyphs: null, sprite: null });
    expect(new Set(style.sourceTypes)).toEqual(new Set(['geojson', 'vector']));
    for (const url of style.tileUrls) expect(url.startsWith(`${server.url}/tiles/`)).toBe(true);
    expect((await mapImages(page)).filter((id) => id.startsWith('pairing-arrow-')).sort()).toEqual([
      'pairing-arrow-CENTRE_RADIATES',
      'pairing-arrow-ENTERPRISE_VILLAGE',
      'pairing-arrow-STRONG_HELPS_WEAK',
    ]);
    for (const key of ['pairings', 'villages', 'alliances', 'townships']) {
      expect(await page.getByTestId(`layer-toggle-${key}`).isChecked()).toBe(true);
    }
  }, 120_000);

  it('draws one directed line per pairing active in the year, coloured by kind', async () => {
    const { pairings } = await graphqlRequest<{ pairings: { totalCount: number; hasNextPage: boolean; items: Pairing[] } }>(
      server.url,
      PAIRINGS,
      { year },
    );
    expect(pairings.hasNextPage).toBe(false);
    const expected = drawable(pairings.items);
    expect(expected.length).toBeGreaterThan(10);

    const lines = await renderedProperties(page, [LAYER_IDS.pairingLine], 'id');
    expect(sortedIds(lines.map((p) => p.id))).toEqual(sortedIds(expected.map((p) => p.id)));
    const kindOf = new Map(expected.map((p) => [p.id, p.kind]));
    for (const line of lines) expect(line.kind).toBe(kindOf.get(Number(line.id)));
    // One arrowhead per line, at the helped end.
    const arrows = await renderedProperties(page, [LAYER_IDS.pairingArrow], 'id');
    expect(sortedIds(arrows.map((p) => p.id))).toEqual(sortedIds(expected.map((p) => p.id)));

    // The legend names each kind in the line's colour, with its count.
    const colors = matchOutputs(await paintProperty(page, LAYER_IDS.pairingLine, 'line-color'));
    const legend = await layerLegend(page, 'pairings');
    expect(legend.map((i) => i.value).sort()).toEqual(['CENTRE_RADIATES', 'ENTERPRISE_VILLAGE', 'STRONG_HELPS_WEAK']);
    for (const item of legend) {
      expect(item.color).toBe(colors[item.value]);
      expect(item.text).toContain(`（${expected.filter((p) => p.kind === item.value).length}）`);
    }
    expect(new Set(Object.values(colors)).size).toBe(3);

    // Another year: only its active pairings.
    const earlier = years.find((y) => y > years[0]! && y < year) ?? years[0]!;
    const other = await graphqlRequest<{ pairings: { items: Pairing[] } }>(server.url, PAIRINGS, { year: earlier });
    await changeAndSettle(page, () => page.getByTestId('year-control').getByRole('button', { name: String(earlier) }).click());
    await waitForOverlays(page, ['pairings']);
    const earlierLines = await renderedProperties(page, [LAYER_IDS.pairingLine], 'id');
    expect(sortedIds(earlierLines.map((p) => p.id))).toEqual(sortedIds(drawable(other.pairings.items).map((p) => p.id)));
    console.info(`[layers] pairing lines: ${expected.length} in ${year} (of ${pairings.totalCount} active), ${earlierLines.length} in ${earlier}`);
    await changeAndSettle(page, () => page.getByTestId('year-control').getByRole('button', { name: String(year) }).click());
    await waitForOverlays(page);
  }, 90_000);

  it('colours village circles by status in the year and rings them by strength', async () => {
    const villages = await allVillages(year);
    const rendered = await renderedProperties(page, [LAYER_IDS.villageCircle], 'code');
    expect(rendered).toHaveLength(villages.length);
    const byCode = new Map(villages.map((v) => [v.code, v]));
    for (const r of rendered) {
      const v = byCode.get(String(r.code))!;
      // A tile leaves out the attributes a village lacks in the year.
      expect([r.status ?? null, r.strength ?? null, r.population ?? null]).toEqual([
        v.figures?.status ?? null,
        v.figures?.strength ?? null,
        v.figures?.ruralPopulation ?? null,
      ]);
    }

    const fills = matchOutputs(await paintProperty(page, LAYER_IDS.villageCircle, 'circle-color'));
    const rings = matchOutputs(await paintProperty(page, LAYER_IDS.villageCircle, 'circle-stroke-color'));
    const legend = await layerLegend(page, 'villages');
    for (const status of ['POOR', 'EXITED', 'NEVER_POOR']) {
      expect(legend.find((i) => i.value === status)?.color).toBe(fills[status]);
    }
    expect(new Set([fills.POOR, fills.EXITED, fills.NEVER_POOR]).size).toBe(3);

    // A sample village, close up: the canvas shows its status colour inside and its strength's ring around it.
    const sample =
      villages.find((v) => v.figures?.status === 'POOR' && v.figures.strength === 'WEAK') ??
      villages.find((v) => v.figures?.status === 'EXITED' && v.figures.strength !== 'MIDDLE')!;
    expect(sample).toBeDefined();
    await jumpAndSettle(page, sample.location.coordinates, 12);
    const { features } = await pixelsAt(page, sample.location.coordinates, [[0, 0]], [LAYER_IDS.villageCircle]);
    expect(features[0]?.code).toBe(sample.code);
    // client/src/map/layers/village-layer.ts: radius 4.5 + 12·size px at zoom 12, then a 2 px ring outside it.
    const r = 4.5 + 12 * villageSize(sample.figures!.ruralPopulation) + 1;
    const { rgb } = await pixelsAt(page, sample.location.coordinates, [[0, 0], [r, 0], [-r, 0], [0, r], [0, -r]]);
    const [centre, ...ring] = rgb as [[number, number, number], ...Array<[number, number, number]>];
    const near = (a: readonly number[], b: readonly number[], tolerance: number) => a.every((c, i) => Math.abs(c - b[i]!) <= tolerance);
    expect(near(centre, hexToRgb(String(fills[sample.figures!.status])), 3)).toBe(true);
    // A neighbour or a name may cover part of the ring: most of it shows.
    const ringColor = hexToRgb(String(rings[sample.figures!.strength]));
    expect(ring.filter((c) => near(c, ringColor, 24)).length).toBeGreaterThanOrEqual(2);
    console.info(
      `[layers] sample village ${sample.code} ${sample.name} (${sample.figures!.status}, ${sample.figures!.strength}): ` +
        `centre rgb(${centre.join(',')}), ring ${ring.map((c) => `rgb(${c.join(',')})`).join(' ')}`,
    );
    await page.screenshot({ path: resolve(ARTIFACTS, 'layers-village.png') });
  }, 60_000);

  it('draws the alliances founded by the year, with a spoke from the centre to each member', async () => {
    const { alliances } = await graphqlRequest<{ alliances: { hasNextPage: boolean; items: Alliance[] } }>(server.url, ALLIANCES);
    expect(alliances.hasNextPage).toBe(false);
    const founded = alliances.items.filter((a) => a.foundedYear <= year && a.footprint != null);
    expect(founded.length).toBeGreaterThan(0);
    // Back to the whole prefecture: no camera in the address (a reload would keep the camera the link now holds).
    await page.goto(new URL('/?layers=pairings,villages,alliances,townships', server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page);

    const footprints = await renderedProperties(page, [LAYER_IDS.allianceFill], 'id');
    expect(sortedIds(footprints.map((f) => f.id))).toEqual(sortedIds(founded.map((a) => a.id)));
    const spokes = await page.evaluate(
      (layer) => {
        type W = Window & { __lingyan?: { map: { queryRenderedFeatures(o: { layers: string[] }): Array<{ properties: Record<string, unknown> }> } } };
        const features = (window as W).__lingyan!.map.queryRenderedFeatures({ layers: [layer] });
        return [...new Set(features.map((f) => `${f.properties.id}:${f.properties.member}`))].sort();
      },
      LAYER_IDS.allianceSpoke,
    );
    const expectedSpokes = founded
      .flatMap((a) => a.members.filter((m) => m.code !== a.centre.code).map((m) => `${a.id}:${m.code}`))
      .sort();
    expect(spokes).toEqual(expectedSpokes);
  }, 60_000);

  it('hides a layer when its box is unchecked and shows it again', async () => {
    const toggle = page.getByRole('checkbox', { name: '结对帮扶' });
    await changeAndSettle(page, () => toggle.uncheck());
    expect(await layoutProperty(page, LAYER_IDS.pairingLine, 'visibility')).toBe('none');
    expect(await renderedProperties(page, [LAYER_IDS.pairingLine, LAYER_IDS.pairingArrow], 'id')).toEqual([]);
    expect(await page.getByTestId('layer-legend-pairings').count()).toBe(0);
    // The other overlays stay.
    expect((await renderedProperties(page, [LAYER_IDS.villageCircle], 'code')).length).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(ARTIFACTS, 'layers-pairings-off.png') });

    await changeAndSettle(page, () => toggle.check());
    expect(await layoutProperty(page, LAYER_IDS.pairingLine, 'visibility')).toBe('visible');
    expect((await renderedProperties(page, [LAYER_IDS.pairingLine], 'id')).length).toBeGreaterThan(0);
    expect(await page.getByTestId('layer-legend-pairings').count()).toBe(1);
  }, 60_000);

  it('shades the townships, labelled in Chinese, from the closer zoom on', async () => {
    expect(await mapZoom(page)).toBeLessThan(TOWNSHIP_MIN_ZOOM);
    expect(await renderedProperties(page, [LAYER_IDS.townshipFill], 'code')).toEqual([]);

    const { choropleth } = await graphqlRequest<{ choropleth: { areas: Array<{ code: string; classIndex: number | null }> } }>(
      server.url,
      TOWNSHIP_CLASSES,
      { year },
    );
    const classOf = new Map(choropleth.areas.map((a) => [a.code, a.classIndex]));
    const village = (await allVillages(year))[0]!;
    await jumpAndSettle(page, village.location.coordinates, TOWNSHIP_MIN_ZOOM + 1);

    const townships = await renderedProperties(page, [LAYER_IDS.townshipFill], 'code');
    expect(townships.length).toBeGreaterThan(1);
    // Each township in the colour of its class in the server's answer (the legend's colour), or none without a class:
    // the map holds each township's class as feature-state, and the fill colours a class as the legend does.
    const fills = matchOutputs(await paintProperty(page, LAYER_IDS.townshipFill, 'fill-color'));
    const held = await featureClasses(page, 'townships', townships.map((t) => String(t.code)));
    const classColor = new Map((await layerLegend(page, 'townships')).map((item) => [Number(item.value), item.color]));
    expect(Object.keys(fills).sort()).toEqual([...classColor.keys()].map(String).sort());
    for (const [cls, color] of classColor) expect(fills[String(cls)]).toBe(color);
    for (const t of townships) expect(held[String(t.code)]).toBe(classOf.get(String(t.code)) ?? null);
    const labels = await renderedProperties(page, [LAYER_IDS.townshipLabel], 'code');
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(String(label.name)).toMatch(/[\u4e00-\u9fff]/);
    expect(await layoutProperty(page, LAYER_IDS.townshipLabel, 'text-field')).toEqual(['get', 'name']);
    // The counties clear so the townships show through (and still answer hover).
    expect(await paintProperty(page, LAYER_IDS.countyFill, 'fill-opacity')).toEqual(['step', ['zoom'], 1, TOWNSHIP_MIN_ZOOM, 0]);
    await page.screenshot({ path: resolve(ARTIFACTS, 'layers-townships.png') });
  }, 60_000);

  it('names the layers in English too', async () => {
    await changeAndSettle(page, () => page.getByTestId('language-switch').getByRole('button', { name: 'English' }).click());
    await expect(page.getByRole('checkbox', { name: 'Pairings' }).isChecked()).resolves.toBe(true);
    expect(await page.getByTestId('layer-panel').textContent()).toContain('Strong village helps weak');
    expect(await layoutProperty(page, LAYER_IDS.townshipLabel, 'text-field')).toEqual(['get', 'nameEn']);
  });

  it('draws the industry projects of the year when switched on, coloured by type, filtered by the legend', async () => {
    const { industryProjects } = await graphqlRequest<{
      industryProjects: { hasNextPage: boolean; items: Array<{ id: number; type: string }> };
    }>(server.url, PROJECTS, { year });
    expect(industryProjects.hasNextPage).toBe(false);
    expect(industryProjects.items.length).toBeGreaterThan(0);
    // Off by default; a link can switch it on (here alone).
    await page.goto(new URL(`/?year=${year}&layers=projects`, server.url).href);
    await waitForMapReady(page);
    await waitForOverlays(page, ['projects']);
    const drawn = await renderedProperties(page, ['project-circle'], 'id');
    expect(sortedIds(drawn.map((p) => p.id))).toEqual(sortedIds(industryProjects.items.map((p) => p.id)));
    for (const p of drawn) expect(p.type).toBe(industryProjects.items.find((i) => i.id === p.id)!.type);
    const colours = matchOutputs(await paintProperty(page, 'project-circle', 'circle-color'));
    const legend = await layerLegend(page, 'projects');
    for (const item of legend) expect(item.color).toBe(colours[item.value]);

    const hiddenType = String(drawn[0]!.type);
    await changeAndSettle(page, () => page.getByTestId(`filter-industry-${hiddenType}`).uncheck());
    const filtered = await renderedProperties(page, ['project-circle'], 'id');
    expect(filtered.length).toBe(industryProjects.items.filter((p) => p.type !== hiddenType).length);
    expect(new URL(page.url()).searchParams.get('industry')).not.toContain(hiddenType.toLowerCase());
    await page.screenshot({ path: resolve(ARTIFACTS, 'layers-projects.png') });
  }, 90_000);

  it('draws the pairing lines in the first picture without waiting for their legend\'s counts', async () => {
    // The lines are tiles of the year; the counts only label the legend. Held
    // back here, as a newly launched browser asks for them late.
    const fresh = await session.context.newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await fresh.route('**/graphql', async (route) => {
      if ((route.request().postDataJSON() as { operationName?: string } | null)?.operationName === 'AtlasPairingCounts') await held;
      await route.continue();
    });
    try {
      await fresh.goto(new URL('/', session.server.url).href);
      await waitForMapReady(fresh);
      expect(await fresh.evaluate(() => (window as unknown as { __lingyan: { loaded: string[] } }).__lingyan.loaded)).toContain('pairings');
      expect((await renderedProperties(fresh, [LAYER_IDS.pairingLine], 'id')).length).toBeGreaterThan(10);
      expect((await renderedProperties(fresh, [LAYER_IDS.pairingArrow], 'id')).length).toBeGreaterThan(10);
      // The legend names the kinds meanwhile, and counts them once the counts are in.
      const before = await layerLegend(fresh, 'pairings');
      expect(before.length).toBe(3);
      for (const item of before) expect(item.text).not.toMatch(/\d/);
      release();
      await expect.poll(async () => (await layerLegend(fresh, 'pairings')).every((item) => /\d/.test(item.text)), { timeout: 15_000 }).toBe(true);
    } finally {
      release();
      await fresh.unrouteAll({ behavior: 'wait' });
      await fresh.close();
    }
  }, 90_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});

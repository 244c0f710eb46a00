/**
 * The hub's warm-up (graphql/warm-up.ts, tiles/index.ts): right after it
 * listens, it asks the atlas's opening questions itself and renders the first
 * picture's tiles, so the first visitor's choropleth is already kept and its
 * centre tiles cached; a hub that is closed while warming up waits for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openingTiles } from '../../server/src/tiles/index.js';
import { sql } from '../support/db.js';
import { capturedLog, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The atlas's opening choropleth, as the client asks for it (year left out: the latest). */
// The atlas's opening question: the metric's own classes (method null), over every year.
const OPENING = `query ($metric: Metric!, $method: ClassificationMethod, $classes: Int!, $scope: ClassScope!) {
  choropleth(level: COUNTY, metric: $metric, method: $method, classes: $classes, scope: $scope) { year areas { code value classIndex figures { year ruralPopulation poorPopulation povertyIncidence } } }
}`;

describe('warm-up', () => {
  it('asks the opening questions and renders the opening tiles at start: afterwards neither reads the database again', async () => {
    const statements: string[] = [];
    const { logger, lines } = capturedLog();
    server = await startTestServer({ warmUp: true }, { onQuery: (sql) => statements.push(sql) }, logger);
    await server.app.warmedUp;
    // The warm-up read the geography, the county figures, the summary's counts and the pairings.
    expect(statements.some((s) => /from\s+"?county"?/i.test(s))).toBe(true);
    expect(statements.some((s) => /area_figures_chosen/.test(s))).toBe(true);
    expect(statements.some((s) => /is_poor_village/.test(s))).toBe(true);
    expect(statements.some((s) => /from\s+"?pairing"?/i.test(s))).toBe(true);
    expect(lines.filter((l) => /warm-up/.test(l))).toEqual([]);

    statements.length = 0;
    const { data, errors } = await server.graphql(OPENING, { metric: 'POVERTY_INCIDENCE', method: null, classes: 5, scope: 'ALL_YEARS' });
    expect(errors).toBeUndefined();
    expect(data.choropleth.areas.length).toBeGreaterThan(0);
    expect(statements.filter((s) => /area_figures_chosen|area_year_figures/.test(s))).toEqual([]);

    // The first picture's tiles at the prefecture's centre were rendered into the cache.
    const opening = await openingTiles((q) => sql(q.text, q.values as unknown[]) as never);
    expect(opening.map((t) => t.layer)).toEqual(['counties', 'pairings']);
    for (const { layer, z, x, y } of opening) {
      statements.length = 0;
      const res = await fetch(`${server.url}/tiles/${layer}/${z}/${x}/${y}.mvt`);
      expect(res.status, layer).toBe(200);
      expect((await res.arrayBuffer()).byteLength, layer).toBeGreaterThan(0);
      expect(statements, layer).toEqual([]);
    }
  });

  it('is not done when off: the opening choropleth is then read from the figures', async () => {
    const statements: string[] = [];
    server = await startTestServer({ warmUp: false }, { onQuery: (sql) => statements.push(sql) });
    await server.app.warmedUp;
    // Area figures are read through the view area_figures_chosen (reported or from villages, migration 000011).
    expect(statements.filter((s) => /area_figures_chosen|area_year_figures/.test(s))).toEqual([]);
    const { errors } = await server.graphql(OPENING, { metric: 'POVERTY_INCIDENCE', method: null, classes: 5, scope: 'ALL_YEARS' });
    expect(errors).toBeUndefined();
    expect(statements.some((s) => /area_figures_chosen/.test(s))).toBe(true);
  });

  it('lets a hub closed while it warms up close cleanly, without an error logged', async () => {
    const { logger, lines } = capturedLog();
    server = await startTestServer({ warmUp: true }, {}, logger);
    const closing = server.close();
    server = null;
    await closing;
    expect(lines.filter((l) => /"level":50/.test(l))).toEqual([]);
  });
});

/** The demo region's assessment: a sound scheme for every demo year, and the county that lags on rectification ranks low. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeProblems } from '../../server/src/domain/assessment/scheme.js';
import { YEARS } from '../../data/src/demo/poverty.js';
import { LAGGING_COUNTY_CODE } from '../../data/src/demo/inspections.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('demo assessment', () => {
  it('has a sound scheme for every demo year', async () => {
    const { data, errors } = await server.graphql(`{ assessmentSchemes { year name version indicators { key weight rule floor target threshold } gradeBands { good fair average } } }`);
    expect(errors).toBeUndefined();
    expect(data.assessmentSchemes.map((s: { year: number }) => s.year)).toEqual(YEARS);
    for (const s of data.assessmentSchemes) expect(schemeProblems(s)).toEqual([]);
  });

  it('ranks the county that lags on rectification in the bottom three of 2025, for its findings', async () => {
    const { data, errors } = await server.graphql(
      `{ assessment(year: 2025, level: COUNTY) { totalCount items { code name score rank grade breakdown { key value points weight } } } }`,
    );
    expect(errors).toBeUndefined();
    const items = data.assessment.items as Array<{ code: string; score: number; rank: number; breakdown: Array<{ key: string; value: number | null; points: number; weight: number }> }>;
    const position = items.findIndex((i) => i.code === LAGGING_COUNTY_CODE);
    expect(position).toBeGreaterThanOrEqual(items.length - 3);
    const lagging = items[position]!;
    const findings = (i: (typeof items)[number]) => i.breakdown.find((l) => l.key === 'FINDINGS_RECTIFIED_ON_TIME')!;
    // it loses its points on rectification: fewer than any other county
    for (const other of items) if (other.code !== LAGGING_COUNTY_CODE) expect(findings(other).points).toBeGreaterThan(findings(lagging).points);
  });
});

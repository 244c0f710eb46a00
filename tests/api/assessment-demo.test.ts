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

  it('maps the score as ASSESSMENT_SCORE: higher is better, 0–100, the scheme\'s grade bands as policy bands', async () => {
    const { data, errors } = await server.graphql(`{
      metrics { metric name nameEn unit polarity defaultMethod policyBands min max }
      assessment(year: 2025, level: TOWNSHIP, limit: 500) { items { code score } scheme { gradeBands { good fair average } } }
      choropleth(year: 2025, level: TOWNSHIP, metric: ASSESSMENT_SCORE) { method polarity unit breaks cause areas { code value classIndex } }
    }`);
    expect(errors).toBeUndefined();
    const info = data.metrics.find((m: { metric: string }) => m.metric === 'ASSESSMENT_SCORE');
    const { good, fair, average } = data.assessment.scheme.gradeBands;
    expect(info).toEqual({ metric: 'ASSESSMENT_SCORE', name: '考核得分', nameEn: 'Assessment score', unit: '分', polarity: 'HIGHER_IS_BETTER', defaultMethod: 'POLICY', policyBands: [average, fair, good], min: 0, max: 100 });
    const map = data.choropleth;
    expect(map).toMatchObject({ method: 'POLICY', polarity: 'HIGHER_IS_BETTER', unit: '分', cause: null });
    expect(map.breaks.slice(1, -1)).toEqual([average, fair, good]);
    const scores = new Map(data.assessment.items.map((i: { code: string; score: number }) => [i.code, i.score]));
    expect(map.areas).toHaveLength(scores.size);
    for (const a of map.areas) {
      expect(a.value).toBe(scores.get(a.code));
      expect(a.classIndex).toBe([average, fair, good].filter((b) => a.value >= b).length);
    }
  });
});

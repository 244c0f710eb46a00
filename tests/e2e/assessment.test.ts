/**
 * 考核排名 in real Chromium against the real server (embedded database, demo
 * region): a leader opens the 2025 ranking of counties, reads it as the API
 * gives it (rank, score, grade), clicks the county ranked lowest, and its
 * panel opens with the breakdown of its score, line by line as the API
 * reckons it; the map frames the county. Nothing axe calls serious on the
 * way.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { BLOCKING, axeViolations, describeViolations } from './helpers/axe';
import { waitForCameraIdle, waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

interface Answer {
  assessment: {
    items: Array<{ code: string; name: string; score: number; rank: number; grade: string; breakdown: Array<{ key: string; points: number; missing: boolean }> }>;
  };
}
const RANKING = `{ assessment(year: 2025, level: COUNTY) { items { code name score rank grade breakdown { key points missing } } } }`;

describe('assessment ranking', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('opens the 2025 ranking, clicks the lowest county and shows its breakdown', async () => {
    const answer = await graphqlRequest<Answer>(server.url, RANKING);
    const items = answer.assessment.items;
    expect(items.length).toBeGreaterThan(3);
    await page.goto(new URL('/?year=2025', server.url).href);
    await waitForMapReady(page);
    await page.getByTestId('assessment-toggle').click();
    const table = page.locator('[data-testid="assessment-table"][data-year="2025"][data-level="COUNTY"]');
    await table.waitFor({ state: 'visible' });
    const rows = table.locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-code'), Number(tr.getAttribute('data-rank'))]))).toEqual(
      items.map((i) => [i.code, i.rank]),
    );
    expect(await table.textContent()).toContain('考核得分');

    const lowest = items.at(-1)!;
    const row = table.locator(`tr[data-code="${lowest.code}"]`);
    expect(await row.textContent()).toContain(lowest.name);
    expect(await row.locator('.assessment-grade').textContent()).toBe({ GOOD: '好', FAIR: '较好', AVERAGE: '一般', POOR: '差' }[lowest.grade]);
    await row.getByTestId('assessment-area').click();

    const panel = await waitForPanel(page, 'county', lowest.code, lowest.name);
    const summary = panel.getByTestId('assessment-summary');
    await summary.waitFor({ state: 'visible' });
    expect(Number(await summary.getAttribute('data-score'))).toBe(lowest.score);
    expect(Number(await summary.getAttribute('data-rank'))).toBe(lowest.rank);
    expect(await summary.textContent()).toContain(`第 ${lowest.rank} 名（共 ${items.length} 个）`);
    const lines = panel.getByTestId('assessment-breakdown').locator('tbody tr');
    expect(await lines.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-key'), Number(tr.getAttribute('data-points'))]))).toEqual(
      lowest.breakdown.map((l) => [l.key, l.points]),
    );
    // the row of the selected county is marked in the ranking
    expect(await row.getAttribute('aria-current')).toBe('true');
    // the ranking and the panel's section pass axe (grades' white text on their colours included)
    const blocking = (await axeViolations(page)).filter((v) => v.impact !== null && BLOCKING.has(v.impact));
    expect(describeViolations(blocking)).toEqual([]);
    await waitForCameraIdle(page);
    await page.screenshot({ path: resolve(ARTIFACTS, 'assessment-ranking.png') });
  }, 120_000);
});

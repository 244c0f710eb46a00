/**
 * 致贫原因 in the atlas, in real Chromium against the real server (embedded
 * database, demo region): a county's panel shows the year's causes as bars,
 * the top cause first as the API orders them, and follows the atlas year;
 * switching the map to CAUSE_SHARE and choosing a cause names it in the
 * legend (缺水致贫占比) and in the link.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { axeViolations, describeViolations } from './helpers/axe';
import { PANEL, waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import { openBrowserSession, type BrowserSession } from './helpers/session';

const ZH: Record<string, string> = {
  ILLNESS: '因病', DISABILITY: '因残', SCHOOLING: '因学', DISASTER: '因灾', LACK_OF_LAND: '缺土地', LACK_OF_WATER: '缺水',
  LACK_OF_SKILLS: '缺技术', LACK_OF_LABOUR: '缺劳力', LACK_OF_FUNDS: '缺资金', POOR_TRANSPORT: '交通条件落后', LACK_OF_DRIVE: '自身发展动力不足',
};

interface Causes {
  counties: Array<{ code: string; name: string; y2016: Array<{ cause: string; households: number }>; y2019: Array<{ cause: string; households: number }> }>;
}
const CAUSES = `{ counties { code name y2016: povertyCauses(year: 2016) { cause households } y2019: povertyCauses(year: 2019) { cause households } } }`;

describe('causes of poverty in the atlas', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('shows a county\'s causes with the API\'s top cause for the year, follows the year, and names the mapped cause in the legend', async () => {
    const { counties } = await graphqlRequest<Causes>(server.url, CAUSES);
    // The county with most recorded households in 2016 that still has records in 2019.
    const county = counties.filter((c) => c.y2019.length > 0).sort((a, b) => b.y2016.reduce((s, x) => s + x.households, 0) - a.y2016.reduce((s, x) => s + x.households, 0))[0]!;
    expect(county).toBeDefined();

    await page.goto(new URL(`/?year=2016&sel=county:${county.code}`, server.url).href);
    await waitForMapReady(page);
    const panel = await waitForPanel(page, 'county', county.code, county.name);
    const figure = panel.locator('[data-testid="detail-causes"] figure');
    await expect.poll(() => figure.getAttribute('data-year'), { timeout: 30_000 }).toBe('2016');
    expect(await figure.getAttribute('data-top-cause')).toBe(county.y2016[0]!.cause);
    const rows = panel.locator('[data-testid="causes-chart"] li');
    expect(await rows.evaluateAll((li) => li.map((x) => [x.getAttribute('data-cause'), Number(x.getAttribute('data-households'))]))).toEqual(
      county.y2016.map((c) => [c.cause, c.households]),
    );
    expect(await rows.first().locator('.cause-name').textContent()).toBe(ZH[county.y2016[0]!.cause]);
    expect(await panel.getByTestId('causes-summary').textContent()).toContain(`2016 年贫困户按主要致贫原因：${ZH[county.y2016[0]!.cause]} ${county.y2016[0]!.households.toLocaleString('zh-CN')} 户`);

    // Another year on the year slider: the chart follows.
    await page.locator('[data-testid="year-control"] .year-ticks button', { hasText: '2019' }).click();
    await expect.poll(() => page.locator(`${PANEL} [data-testid="detail-causes"] figure`).getAttribute('data-year'), { timeout: 30_000 }).toBe('2019');
    expect(await page.locator(`${PANEL} [data-testid="detail-causes"] figure`).getAttribute('data-top-cause')).toBe(county.y2019[0]!.cause);

    // The map by cause: the metric, then the cause; the legend and the link name it (the first map of a
    // metric classifies every year's values: it may take a few seconds on a busy machine).
    const SLOW = { timeout: 30_000 };
    await page.getByTestId('metric-select').selectOption('CAUSE_SHARE');
    const legendTitle = page.locator('[data-testid="legend"] #legend-title');
    await expect.poll(() => legendTitle.textContent(), SLOW).toBe('因病致贫占比 (%)');
    await page.getByTestId('cause-select').selectOption('LACK_OF_WATER');
    await expect.poll(() => legendTitle.textContent(), SLOW).toBe('缺水致贫占比 (%)');
    await expect.poll(() => new URL(page.url()).searchParams.get('cause'), SLOW).toBe('lack_of_water');
    expect(new URL(page.url()).searchParams.get('metric')).toBe('cause_share');

    // The chart and the cause select pass axe (the chart's sentence is its text; the bars are hidden from screen readers).
    const ours = (await axeViolations(page))
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => /cause/.test(n.target)) }))
      .filter((v) => v.nodes.length > 0);
    expect(describeViolations(ours)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});

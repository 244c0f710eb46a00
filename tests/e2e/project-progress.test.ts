/**
 * A project's progress (项目进度) in its panel, in real Chromium against the
 * real server (demo region), the example found through the API: selecting a
 * project shows the atlas year's stage and funds, every recorded year with
 * the atlas year marked, which moves with the year control; the funds by
 * source on demand; English too; nothing in the section fails axe.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { BLOCKING, axeViolations, describeViolations, type Impact } from './helpers/axe';
import { PANEL, waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

interface Year {
  year: number;
  stage: string;
  plannedTotal: number;
  deliveredTotal: number;
  deliveredFiscal: number;
  plannedFiscal: number;
  jobs: number;
  dividendsPoor: number;
}
interface Projects {
  industryProjects: { items: Array<{ id: number; name: string; progress: Year[] }> };
}
const PROJECTS = `{ industryProjects(limit: 500) { items { id name progress { year stage plannedTotal deliveredTotal plannedFiscal deliveredFiscal jobs dividendsPoor } } } }`;

const SECTION = '[data-testid="detail-progress"]';

async function rows(page: Page): Promise<Array<{ year: string; stage: string; current: boolean }>> {
  return page.locator(`${PANEL} ${SECTION} [data-testid="progress-table"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => ({ year: tr.getAttribute('data-year')!, stage: tr.getAttribute('data-stage')!, current: tr.getAttribute('aria-current') === 'true' })),
  );
}

describe('a project\'s progress in its panel', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 900 });
    ({ server, page } = session);
  }, 180_000);
  afterAll(() => session?.close());

  it('shows the atlas year\'s stage and funds, every year with the atlas year marked as the year moves, by source on demand, in both languages', async () => {
    const { industryProjects } = await graphqlRequest<Projects>(server.url, PROJECTS);
    // A project that went from building to operating with dividends, and was built in a year of fiscal funds.
    const project = industryProjects.items.find(
      (p) => p.progress.length >= 4 && p.progress.some((y) => y.stage === 'BUILDING' && y.plannedFiscal > 0) && p.progress.some((y) => y.stage === 'OPERATING' && y.dividendsPoor > 0),
    );
    expect(project, 'the demo region has a project built and then operating with dividends').toBeDefined();
    const { id, name, progress } = project!;
    const operating = progress.find((y) => y.stage === 'OPERATING' && y.dividendsPoor > 0)!;
    const building = progress.find((y) => y.stage === 'BUILDING' && y.plannedFiscal > 0)!;

    await page.goto(new URL(`/?year=${operating.year}&sel=project:${id}`, server.url).href);
    await waitForMapReady(page);
    const panel = await waitForPanel(page, 'project', String(id), name);
    const now = panel.locator(`${SECTION} [data-testid="progress-now"][data-year="${operating.year}"]`);
    await now.waitFor({ state: 'visible' });
    expect(await now.getAttribute('data-stage')).toBe('OPERATING');
    const text = (await now.textContent())!;
    expect(text).toContain(`${operating.year}年：投产`);
    expect(text).toContain(`分红 `);
    expect(text).toContain(`带动就业 ${operating.jobs.toLocaleString('zh-CN')} 人`);
    expect(await panel.locator(SECTION).getByRole('heading').first().textContent()).toBe('项目进度');

    // Every recorded year in order, with its stage; only the atlas year marked.
    const expected = [...progress].sort((a, b) => a.year - b.year).map((y) => ({ year: String(y.year), stage: y.stage, current: y.year === operating.year }));
    expect(await rows(page)).toEqual(expected);
    await page.screenshot({ path: resolve(ARTIFACTS, 'project-progress.png') });

    // The year control moves the mark to the building year.
    await page.getByTestId('year-control').getByRole('button', { name: String(building.year), exact: true }).click();
    await panel.locator(`${SECTION} [data-testid="progress-now"][data-year="${building.year}"][data-stage="BUILDING"]`).waitFor({ state: 'visible' });
    expect((await rows(page)).filter((r) => r.current).map((r) => r.year)).toEqual([String(building.year)]);
    const f2 = (x: number) => x.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await panel.locator(`${SECTION} [data-testid="progress-now"]`).textContent()).toContain(`计划投资 ${f2(building.plannedTotal)} 万元，到位 ${f2(building.deliveredTotal)} 万元`);
    expect(await panel.locator(`${SECTION} tr[aria-current="true"] .visually-hidden`).first().textContent()).toBe('（当前年份）');

    // By source, on demand: the building year's fiscal funds planned and delivered.
    const toggle = panel.locator(SECTION).getByRole('button', { name: '按资金来源显示' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const sources = panel.locator(`${SECTION} [data-testid="progress-sources"][data-year="${building.year}"]`);
    await sources.waitFor({ state: 'visible' });
    expect(await panel.locator(SECTION).getByRole('button', { name: '收起资金来源' }).getAttribute('aria-expanded')).toBe('true');
    const fiscal = await sources.locator('tr[data-source="fiscal"] td').allTextContents();
    expect(fiscal).toEqual([f2(building.plannedFiscal), f2(building.deliveredFiscal)]);

    // Nothing in the section fails axe's serious or critical rules.
    await axeViolations(page); // loads axe into the page
    const inSection = await page.evaluate(async (selector) => {
      const axe = (window as unknown as { axe: { run(context: string, options: object): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> } }).axe;
      const result = await axe.run(selector, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: (v.impact ?? null) as Impact | null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })) }));
    }, `${PANEL} ${SECTION}`);
    expect(describeViolations(inSection.filter((v) => v.impact !== null && BLOCKING.has(v.impact)))).toEqual([]);

    // English.
    await page.goto(new URL(`/?year=${operating.year}&sel=project:${id}&lang=en`, server.url).href);
    await waitForMapReady(page);
    const en = page.locator(`${PANEL}[data-kind="project"][data-id="${id}"] ${SECTION} [data-testid="progress-now"][data-year="${operating.year}"]`);
    await en.waitFor({ state: 'visible' });
    expect(await en.textContent()).toContain(`${operating.year}: Operating`);
    expect(await page.locator(`${PANEL} ${SECTION}`).getByRole('heading').first().textContent()).toBe('Project progress');
  }, 120_000);
});

/**
 * Import in the browser (issue 24 item 5), in real Chromium: a planner opens
 * /import, gives a token, picks a figures CSV, sees the detected kind, the
 * column mapping, the first rows and the report, and writes it; the atlas
 * open in another tab shows the new poor population in its KPI bar without a
 * reload. A file with a bad row cannot be written and says which row; a
 * column the hub did not recognise is mapped by hand in the page. The page
 * passes axe with no serious or critical violation. Figures are put back.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/db';
import { token } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { BLOCKING, axeViolations, describeViolations } from './helpers/axe';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

const HEADER = '村代码,年份,户数,乡村人口,贫困户数,贫困人口,集体经济收入';

interface Figures {
  code: string;
  households: number;
  rural: number;
  poorHouseholds: number;
  poor: number;
  income: number;
}

let session: BrowserSession;
let page: Page;
let planner: string;
let year: number;
let village: Figures;

const line = (f: Figures, poor = f.poor) => [f.code, year, f.households, f.rural, f.poorHouseholds, poor, f.income].join(',');
const csv = (...lines: string[]) => Buffer.from(`${[HEADER, ...lines].join('\n')}\n`, 'utf8');
const poorPopulation = async () => (await graphqlRequest<{ summary: { poorPopulation: number } }>(session.server.url, `{ summary(year: ${year}) { poorPopulation } }`)).summary.poorPopulation;
const digits = async (p: Page, selector: string) => (await p.locator(selector).innerText()).replace(/[^\d]/g, '');

/** Opens the import page with the planner's token typed in and picks `file`. */
async function pick(name: string, body: Buffer): Promise<void> {
  await page.goto(`${session.server.url}/import`);
  await page.getByTestId('import-token').fill(planner);
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  await page.getByTestId('import-report').waitFor();
}

beforeAll(async () => {
  session = await openBrowserSession({ width: 1280, height: 900 });
  page = session.page;
  planner = await token('planner', [], 1, 'planner-import-e2e');
  const { prefecture } = await graphqlRequest<{ prefecture: { years: number[] } }>(session.server.url, '{ prefecture { years } }');
  year = Math.max(...prefecture.years);
  const [r] = await sql<Record<string, string | number>>(
    `select * from village_year where year = $1 and rural_population > poor_population + 10 order by village_code limit 1 offset 5`,
    [year],
  );
  village = { code: String(r!.village_code), households: Number(r!.households), rural: Number(r!.rural_population), poorHouseholds: Number(r!.poor_households), poor: Number(r!.poor_population), income: Number(r!.collective_income) };
}, 180_000);

afterAll(async () => {
  if (village) {
    const response = await fetch(`${session.server.url}/import/commit?${new URLSearchParams({ name: 'restore.csv', options: JSON.stringify({ kind: 'figures' }) })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${planner}` },
      body: csv(line(village)),
    });
    expect(await response.text()).toContain('"written":true');
    await sql(`delete from audit_entry where subject = 'planner-import-e2e'`);
  }
  await session?.close();
});

describe('the import page', () => {
  it('imports a figures CSV and the open atlas shows the new KPI', async () => {
    const atlas = await session.context.newPage();
    atlas.on('pageerror', (error) => session.pageErrors.push(`atlas pageerror: ${error.message}`));
    await atlas.goto(`${session.server.url}/`);
    await waitForMapReady(atlas);
    const kpi = '[data-testid="kpi-poorPopulation"]';
    const before = await poorPopulation();
    await atlas.waitForFunction(([s, n]) => (document.querySelector(s)?.textContent ?? '').replace(/[^\d]/g, '').includes(n), [kpi, String(before)] as const);

    await pick('村数据.csv', csv(line(village, village.poor + 7)));
    expect(await page.getByTestId('import-detected').innerText()).toContain('嘎查村年度数据');
    expect(await page.getByTestId('import-kind').inputValue()).toBe('figures');
    const mapped = page.getByTestId('import-mapping').locator('tr[data-field="poorPopulation"] select');
    expect(await mapped.inputValue()).toBe('贫困人口');
    expect(await page.getByTestId('import-rows').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('import-rows').locator('tbody tr th').innerText()).toBe('2');
    expect(await page.getByTestId('import-summary').innerText()).toContain('读取 1 行');
    expect(await page.getByTestId('import-outcome').innerText()).toContain('预览不写入');
    expect(await poorPopulation()).toBe(before);

    await page.screenshot({ path: resolve(ARTIFACTS, 'import-page.png'), fullPage: true });
    const violations = await axeViolations(page);
    const blocking = violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact));
    expect(describeViolations(blocking)).toEqual([]);

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-open-atlas').waitFor();
    expect(await page.getByTestId('import-outcome').innerText()).toContain('已写入');
    expect(await page.getByTestId('import-progress').getAttribute('value')).toBe('1');
    expect(await poorPopulation()).toBe(before + 7);
    // The atlas was not touched: the change feed brought the new figure.
    await atlas.waitForFunction(([s, n]) => (document.querySelector(s)?.textContent ?? '').replace(/[^\d]/g, '').includes(n), [kpi, String(before + 7)] as const, { timeout: 15_000 });
    expect(await digits(atlas, kpi)).toContain(String(before + 7));
    await atlas.close();
  });

  it('is reached from the atlas: the last item of its export menu, by keyboard', async () => {
    await page.goto(`${session.server.url}/`);
    await waitForMapReady(page);
    await page.getByTestId('export-button').focus();
    await page.keyboard.press('ArrowUp');
    const link = page.getByRole('menuitem', { name: '导入数据（表格、边界）…' });
    await link.waitFor();
    // The menu takes focus once its items are counted (the export data is in).
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'import-link');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${session.server.url}/import`);
    await page.getByTestId('import-token').waitFor();
  });

  it('a file with a bad row names it and cannot be written', async () => {
    const before = await poorPopulation();
    await pick('坏数据.csv', csv(line(village, village.poor + 1).replace(`,${village.poor + 1},`, ',很多,')));
    const problems = page.getByTestId('import-problems').locator('tbody tr');
    expect(await problems.count()).toBe(1);
    expect(await problems.locator('td').nth(0).innerText()).toBe('2');
    expect(await problems.locator('td').nth(1).innerText()).toContain(village.code);
    expect(await problems.locator('td').nth(2).innerText()).toBe('贫困人口');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await poorPopulation()).toBe(before);
  });

  it('a column the hub did not recognise is mapped by hand, and the report follows', async () => {
    await pick('改名.csv', Buffer.from(csv(line(village)).toString('utf8').replace('贫困人口', 'B列'), 'utf8'));
    expect(await page.getByTestId('import-problems').locator('tbody tr').count()).toBe(1);
    const select = page.getByTestId('import-mapping').locator('tr[data-field="poorPopulation"] select');
    expect(await select.inputValue()).toBe('');
    await select.selectOption('B列');
    await page.getByText('没有发现问题。').waitFor();
    expect(await select.inputValue()).toBe('B列');
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true);
  });

  it('offers the choice when the counties are of another prefecture than the demo region, and checks again', async () => {
    const other = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { 代码: '150202000000', 名称: '测试县', 地市: '测试市' }, geometry: { type: 'Polygon', coordinates: [[[110, 40], [110.2, 40], [110.2, 40.2], [110, 40.2], [110, 40]]] } }],
    };
    await pick('另一盟市旗县.geojson', Buffer.from(JSON.stringify(other)));
    const choice = page.getByTestId('import-demo-region');
    await choice.waitFor();
    expect(await page.getByTestId('import-report').innerText()).toContain('演示地区');
    await choice.getByLabel(/两个地区并存/).check();
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-report"]')?.textContent?.includes('--replace-demo'));
    expect(await choice.getByLabel(/两个地区并存/).isChecked()).toBe(true);
  });

  it('in English, with the templates to download', async () => {
    await page.goto(`${session.server.url}/import?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    const templates = page.getByTestId('import-templates');
    await templates.locator('summary').click();
    const csvLink = templates.getByRole('link', { name: 'Village figures CSV' });
    expect(await csvLink.getAttribute('href')).toBe('/import/template/figures.csv?lang=en');
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toBe('figures-template.csv');

    // The counties' GeoJSON template, previewed: its boundary is drawn on the page's map.
    const geojson = Buffer.from(await (await fetch(`${session.server.url}/import/template/counties.geojson?lang=en`)).arrayBuffer());
    await page.getByTestId('import-token').fill(planner);
    await page.getByTestId('import-file').setInputFiles({ name: 'counties.geojson', mimeType: 'application/geo+json', buffer: geojson });
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-kind').inputValue()).toBe('counties');
    expect(await page.locator('.import-map').getAttribute('data-features')).toBe('1');
    await page.waitForFunction(() => {
      const handle = (window as Window & { __lingyanImport?: { map: { queryRenderedFeatures(o: { layers: string[] }): unknown[] } } }).__lingyanImport;
      return (handle?.map.queryRenderedFeatures({ layers: ['preview-fill'] }).length ?? 0) > 0;
    });
    await page.screenshot({ path: resolve(ARTIFACTS, 'import-page-en.png'), fullPage: true });
    const violations = await axeViolations(page);
    expect(describeViolations(violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact)))).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(session.offline.external).toEqual([]);
  });
});

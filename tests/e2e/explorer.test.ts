/**
 * The GraphQL IDE at /explorer in real Chromium against the real server: it
 * renders offline (every off-machine request is aborted and recorded; the list
 * must stay empty), shows the cookbook, and runs its first example through
 * GraphiQL's run button to a result with data.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server';
import { guardOffline, launchChromium, type OfflineGuard } from './helpers/browser';
import { ensureClientBuild } from './helpers/client-build';
import { EXECUTE_BUTTON, editorText, tabTitles, waitForExplorer } from './helpers/explorer-page';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ARTIFACTS = resolve(HERE, '../artifacts');
const COOKBOOK_DIR = resolve(HERE, '../../schema/operations/cookbook');

describe('explorer page', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let offline: OfflineGuard;
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const examples = readdirSync(COOKBOOK_DIR).filter((f) => f.endsWith('.graphql')).sort();

  beforeAll(async () => {
    ensureClientBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    offline = await guardOffline(context);
    context.on('request', (request) => requested.push(request.url()));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('renders GraphiQL with the cookbook and the first example loaded', async () => {
    const response = await page.goto(new URL('/explorer', server.url).href);
    expect(response?.status()).toBe(200);
    await waitForExplorer(page);
    expect(await page.title()).toContain('领雁');

    const items = page.getByTestId('cookbook').locator('.cookbook-item');
    await items.first().waitFor({ state: 'visible' });
    expect(await items.count()).toBe(examples.length);
    expect(await items.first().getAttribute('data-example')).toBe(examples[0]!.replace(/\.graphql$/, ''));

    await expect.poll(() => editorText(page, 'query'), { timeout: 30_000 }).toContain('query CountiesIncidenceJenks');
  }, 90_000);

  it('runs the first example with the run button and shows data', async () => {
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('CountiesIncidenceJenks'),
    );
    await page.locator(EXECUTE_BUTTON).click();
    const body = (await (await answer).json()) as {
      data?: { choropleth?: { areas: unknown[]; breaks: number[] } };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.choropleth?.areas.length).toBeGreaterThan(0);

    await expect.poll(() => editorText(page, 'response'), { timeout: 30_000 }).toContain('"choropleth"');
    const shown = await editorText(page, 'response');
    expect(shown).toContain('"data"');
    expect(shown).not.toContain('"errors"');
    await page.screenshot({ path: resolve(ARTIFACTS, 'explorer.png') });
  }, 60_000);

  it('opens another example from the cookbook in a new tab', async () => {
    const before = (await tabTitles(page)).length;
    await page.locator('.cookbook-item[data-example="13-year-summary"]').click();
    await expect.poll(() => tabTitles(page)).toHaveLength(Math.max(before, 1) + 1);
    await expect.poll(() => editorText(page, 'query')).toContain('query YearSummary');
  });

  it('loaded everything from its own origin (Monaco workers included) and logged no error', () => {
    const origin = new URL(server.url).origin;
    expect(offline.external).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(requested.some((url) => /\/assets\/[^/]*worker[^/]*\.js$/.test(url))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Issue 4's path through the real IDE: a planner finds a coverage gap of
 * their county and the best helper for it, then, in /explorer in Chromium,
 * puts their token in GraphiQL's headers editor and creates the pairing; the
 * next query shows it. The same mutation with a viewer token is refused with
 * a message that says which role is missing.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, token, type TestServer } from '../support/server';
import { guardOffline, launchChromium, type OfflineGuard } from './helpers/browser';
import { ensureClientBuild } from './helpers/client-build';
import { EXECUTE_BUTTON, editorText, waitForExplorer } from './helpers/explorer-page';

const ARTIFACTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../artifacts');
const COUNTY = '159909000000';
const YEAR = 2019;

/** Replaces the text of a visible Monaco editor inside `container` as a user would (select all, type). */
async function setEditor(page: Page, container: string, text: string): Promise<void> {
  const editor = page.locator(`${container} .monaco-editor`).filter({ visible: true }).first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // insertText bypasses Monaco's auto-closing of brackets and quotes.
  await page.keyboard.insertText(text);
}

describe('a planner pairs a village through the explorer', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let offline: OfflineGuard;
  let helper: string;
  let weak: string;

  beforeAll(async () => {
    ensureClientBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startTestServer();
    const gaps = await server.graphql(`{ coverageGaps(countyCode: "${COUNTY}", year: ${YEAR}, radiusMeters: 20000, limit: 500) { items { village { code } strongVillagesWithinRadius } } }`);
    weak = gaps.data.coverageGaps.items.find((g: { strongVillagesWithinRadius: number }) => g.strongVillagesWithinRadius > 0).village.code;
    const s = await server.graphql(`{ pairingSuggestions(villageCode: "${weak}", year: ${YEAR}, radiusMeters: 20000, limit: 1) { candidates { village { code } } } }`);
    helper = s.data.pairingSuggestions.candidates[0].village.code;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    offline = await guardOffline(context);
    page = await context.newPage();
    await page.goto(new URL('/explorer', server.url).href);
    await waitForExplorer(page);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const mutation = () =>
    `mutation PairFromExplorer { createPairing(input: { kind: STRONG_HELPS_WEAK, helperVillageCode: "${helper}", helpedVillageCode: "${weak}", startYear: ${YEAR} }) { id helperVillage { code } helpedVillage { code } } }`;

  async function run(bearer: string): Promise<{ data?: { createPairing?: { id: number } }; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
    await page.getByRole('button', { name: 'Headers' }).click();
    await setEditor(page, '.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${bearer}` }));
    await setEditor(page, '.graphiql-query-editor', mutation());
    const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('PairFromExplorer'));
    await page.locator(EXECUTE_BUTTON).click();
    const response = await answer;
    expect(response.request().headers()['authorization']).toBe(`Bearer ${bearer}`);
    return response.json();
  }

  it('refuses the viewer, naming the role, and shows the error in the response pane', async () => {
    const body = await run(await token('viewer'));
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0]?.message).toBe('createPairing needs role planner; this token has role viewer');
    await expect.poll(() => editorText(page, 'response'), { timeout: 30_000 }).toContain('FORBIDDEN');
  }, 90_000);

  it('creates the pairing with the planner\'s token; the next query shows it and the gap is closed', async () => {
    const body = await run(await token('planner', [COUNTY], 1, 'planner-explorer'));
    expect(body.errors).toBeUndefined();
    const id = body.data!.createPairing!.id;
    await expect.poll(() => editorText(page, 'response'), { timeout: 30_000 }).toContain('"createPairing"');
    await page.screenshot({ path: resolve(ARTIFACTS, 'explorer-planner.png') });
    const v = await server.graphql(`{ village(code: "${weak}") { pairingsReceived { id helperVillage { code } active } } }`);
    expect(v.data.village.pairingsReceived).toContainEqual({ id, helperVillage: { code: helper }, active: true });
    const gaps = await server.graphql(`{ coverageGaps(countyCode: "${COUNTY}", year: ${YEAR}, radiusMeters: 20000, limit: 500) { items { village { code } } } }`);
    expect(gaps.data.coverageGaps.items.map((g: { village: { code: string } }) => g.village.code)).not.toContain(weak);
    const [audit] = (await server.graphql(`{ auditTrail(filter: { countyCode: "${COUNTY}", entity: "Pairing" }, limit: 1) { items { subject role action entityId } } }`, {}, await token('admin'))).data.auditTrail.items;
    expect(audit).toEqual({ subject: 'planner-explorer', role: 'planner', action: 'createPairing', entityId: String(id) });
  }, 90_000);

  it('sent nothing off the machine', () => {
    expect(offline.external).toEqual([]);
  });
});

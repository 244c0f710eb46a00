/**
 * Embedding, in real Chromium: a host page on another origin (another
 * loopback port) embeds a view with the embed script, hears `ready`, drives
 * the year and the selection by messages and hears `selectionChanged` with
 * the figures the API gives; malformed messages are ignored; a small frame
 * keeps its layout; the Share dialog's snippet, pasted into a plain page on
 * the other origin, shows the same view; an origin not in EMBED_ORIGINS is
 * refused framing, and the atlas may not be framed at all; on a hub without
 * anonymous reading, a missing or expired embed token is explained and a
 * valid one works; nothing leaves the machine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, token, type TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { graphqlRequest } from './helpers/graphql';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

/** A plain web server for host pages: `/<name>` answers the HTML registered under that name. */
async function startHost(): Promise<{ origin: string; pages: Map<string, string>; close(): Promise<void> }> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const body = pages.get((req.url ?? '/').slice(1).split('?')[0]!);
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, pages, close: () => new Promise((done) => server.close(() => done())) };
}

/** A host page with the embed script and one <lingyan-map>, recording the map's events in `window.events`. */
function hostPage(hub: string, attributes: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Report</title></head><body>
<h1>年度报告</h1>
<script src="${hub}/embed.js"></script>
<lingyan-map id="map" ${attributes} style="display:block;width:640px;height:480px"></lingyan-map>
<script>
  window.events = [];
  const map = document.getElementById('map');
  for (const type of ['ready', 'selectionChanged', 'viewChanged']) {
    map.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
  }
</script></body></html>`;
}

type HostWindow = Window & {
  events: Array<{ type: string; detail: Record<string, unknown> | null }>;
};
type MapElement = HTMLElement & {
  ready: Promise<string>;
  setYear(y: number): Promise<void>;
  select(s: { kind: string; id: string } | null): Promise<void>;
};

/** The map's frame, once the page has attached it (a lazy iframe starts loading a moment after the page). */
async function mapFrame(page: Page, hub: string): Promise<Frame> {
  const find = () => page.frames().find((f) => f.url().startsWith(`${hub}/embed`));
  await expect.poll(() => find() !== undefined, { timeout: 15_000 }).toBe(true);
  return find()!;
}

async function lastEvent(page: Page, type: string): Promise<Record<string, unknown> | null> {
  await page.waitForFunction((t) => (window as unknown as HostWindow).events.some((e) => e.type === t), type, { timeout: 30_000 });
  return page.evaluate((t) => [...(window as unknown as HostWindow).events].reverse().find((e) => e.type === t)!.detail, type);
}

describe('embedding', () => {
  let session: BrowserSession;
  let hub: TestServer;
  let page: Page;
  let allowed: Awaited<ReturnType<typeof startHost>>;
  let other: Awaited<ReturnType<typeof startHost>>;
  let closedHub: TestServer;
  let years: number[];

  beforeAll(async () => {
    allowed = await startHost();
    other = await startHost();
    session = await openBrowserSession({ width: 1100, height: 800 }, { embedOrigins: [allowed.origin] });
    ({ server: hub, page } = session);
    closedHub = await startTestServer({ embedOrigins: [allowed.origin], publicRead: false });
    const { prefecture } = await graphqlRequest<{ prefecture: { years: number[] } }>(hub.url, '{ prefecture { years } }');
    years = [...prefecture.years].sort((a, b) => a - b);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await closedHub?.close();
    await allowed?.close();
    await other?.close();
  });

  it('embeds a view from another origin with two lines of HTML and says when it is ready', async () => {
    allowed.pages.set('report', hostPage(hub.url, `view="year=${years[1]}&layers=" title="旗县贫困发生率"`));
    await page.goto(`${allowed.origin}/report`);
    const view = await page.evaluate(() => (document.getElementById('map') as MapElement).ready);
    expect(new URLSearchParams(view).get('year')).toBe(String(years[1]));
    expect(await lastEvent(page, 'ready')).toEqual({ view });
    const frame = await mapFrame(page, hub.url);
    expect(await frame.getByTestId('embed-title').textContent()).toBe('旗县贫困发生率');
    expect(await frame.getByTestId('legend').isVisible()).toBe(true);
    await page.screenshot({ path: resolve(ARTIFACTS, 'embed-host.png') });
  }, 90_000);

  it('follows the host: a year and a selection by message, answered with the figures the API gives', async () => {
    const year = years[years.length - 2]!;
    await page.evaluate((y) => (document.getElementById('map') as MapElement).setYear(y), year);
    const changed = await lastEvent(page, 'viewChanged');
    expect(new URLSearchParams(String(changed!.view)).get('year')).toBe(String(year));

    const { counties } = await graphqlRequest<{
      counties: Array<{ code: string; name: string; figures: { ruralPopulation: number; poorPopulation: number; povertyIncidence: number | null } | null }>;
    }>(hub.url, 'query($y: Int!) { counties { code name figures(year: $y) { ruralPopulation poorPopulation povertyIncidence } } }', { y: year });
    const county = counties.find((c) => c.figures)!;
    await page.evaluate((code) => (document.getElementById('map') as MapElement).select({ kind: 'county', id: code }), county.code);
    const selection = await lastEvent(page, 'selectionChanged');
    expect(selection).toMatchObject({ kind: 'county', id: county.code, name: county.name, year });
    expect(selection!.figures).toMatchObject({
      ruralPopulation: county.figures!.ruralPopulation,
      poorPopulation: county.figures!.poorPopulation,
      povertyIncidence: county.figures!.povertyIncidence,
    });
  }, 90_000);

  it('refuses a command it cannot take, with the reason, and ignores malformed messages', async () => {
    const refusal = await page.evaluate(() =>
      (document.getElementById('map') as MapElement).setYear(1900).then(
        () => 'accepted',
        (error: Error) => error.message,
      ),
    );
    expect(refusal).toContain('year');
    // Garbage straight at the frame: ignored (logged as warnings), the map keeps answering.
    await page.evaluate((hubOrigin) => {
      const frame = document.querySelector('iframe')!.contentWindow!;
      for (const junk of ['hello', 42, null, { protocol: 'lingyan-embed/1', type: 'set' }, { protocol: 'lingyan-embed/1', type: 'set', id: 'x', params: { year: 7 } }, { type: 'set', id: 'y', params: { year: '2017' } }]) {
        frame.postMessage(junk, hubOrigin);
      }
    }, hub.url);
    await page.evaluate((y) => (document.getElementById('map') as MapElement).setYear(y), years[0]!);
    const changed = await lastEvent(page, 'viewChanged');
    expect(new URLSearchParams(String(changed!.view)).get('year')).toBe(String(years[0]));
  }, 60_000);

  it('fits a 320×240 frame without breaking its layout', async () => {
    allowed.pages.set(
      'small',
      `<!doctype html><meta charset="utf-8"><script src="${hub.url}/embed.js"></script>
<div data-lingyan-view="year=${years[1]}" data-lingyan-controls="year" style="width:320px;height:240px"></div>`,
    );
    await page.goto(`${allowed.origin}/small`);
    await page.waitForFunction(() => document.querySelector('lingyan-map') !== null);
    await page.evaluate(() => (document.querySelector('lingyan-map') as MapElement).ready);
    const frame = await mapFrame(page, hub.url);
    const size = await frame.evaluate(() => ({
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      legend: document.querySelector('[data-testid="legend"]')!.getBoundingClientRect().toJSON() as DOMRect,
      year: document.querySelector('[data-testid="year-control"]')!.getBoundingClientRect().toJSON() as DOMRect,
    }));
    expect([size.width, size.height]).toEqual([320, 240]);
    expect(size.scrollWidth).toBeLessThanOrEqual(320);
    expect(size.scrollHeight).toBeLessThanOrEqual(240);
    for (const box of [size.legend, size.year]) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(320);
      expect(box.bottom).toBeLessThanOrEqual(240);
    }
    // The legend and the year slider do not cover each other.
    expect(size.legend.bottom <= size.year.top || size.legend.top >= size.year.bottom).toBe(true);
    await page.screenshot({ path: resolve(ARTIFACTS, 'embed-small.png') });
  }, 90_000);

  it('gives a snippet in the Share dialog that shows the same view on another origin', async () => {
    await page.goto(new URL(`/?year=${years[2]}&metric=weak_village_share&classes=4&sel=county:${(await firstCounty())}`, hub.url).href);
    await waitForMapReady(page);
    await page.getByTestId('share-button').click();
    const snippet = await page.getByTestId('share-script').inputValue();
    expect(snippet).toContain(`${hub.url}/embed.js`);
    const iframe = await page.getByTestId('share-iframe').inputValue();
    // In an HTML attribute, & is written &amp;.
    expect(iframe).toContain(`src="${hub.url}/embed?year=${years[2]}&amp;metric=weak_village_share&amp;classes=4`);
    const atlasView = new URL(page.url()).search.slice(1);
    await page.getByTestId('share-close').click();

    allowed.pages.set('pasted', `<!doctype html><meta charset="utf-8"><title>Pasted</title>\n${snippet}`);
    await page.goto(`${allowed.origin}/pasted`);
    const view = await page.evaluate(() => (document.querySelector('lingyan-map') as MapElement).ready);
    expect(view).toBe(atlasView);

    allowed.pages.set('pasted-iframe', `<!doctype html><meta charset="utf-8"><title>Pasted</title>\n${iframe}`);
    await page.goto(`${allowed.origin}/pasted-iframe`);
    const frame = await mapFrame(page, hub.url);
    await frame.waitForFunction(() => document.querySelectorAll('[data-testid="legend-class"]').length > 0);
    expect(await frame.locator('[data-testid="legend-class"]').count()).toBe(4);
  }, 120_000);

  async function firstCounty(): Promise<string> {
    const { counties } = await graphqlRequest<{ counties: Array<{ code: string }> }>(hub.url, '{ counties { code } }');
    return counties[0]!.code;
  }

  it('is refused framing by an origin not in EMBED_ORIGINS, and the atlas by every origin', async () => {
    const refused = await session.context.newPage();
    const messages: string[] = [];
    refused.on('console', (m) => messages.push(m.text()));
    try {
      other.pages.set('report', hostPage(hub.url, `view="year=${years[1]}"`));
      await refused.goto(`${other.origin}/report`);
      await refused.waitForFunction(() => document.querySelector('iframe') !== null);
      await refused.waitForFunction(() => true, undefined, { timeout: 1000 });
      await expect.poll(() => messages.some((m) => /frame-ancestors/.test(m)), { timeout: 15_000 }).toBe(true);
      const readyFired = await refused.evaluate(() => (window as unknown as HostWindow).events.length);
      expect(readyFired).toBe(0);

      messages.length = 0;
      allowed.pages.set('atlas-frame', `<!doctype html><iframe src="${hub.url}/" width="600" height="400"></iframe><iframe src="${hub.url}/explorer" width="600" height="400"></iframe>`);
      await refused.goto(`${allowed.origin}/atlas-frame`);
      await expect.poll(() => messages.filter((m) => /frame-ancestors 'none'/.test(m)).length, { timeout: 15_000 }).toBe(2);
    } finally {
      await refused.close();
    }
  }, 60_000);

  it('explains a missing or expired embed token, and shows the map with a valid one', async () => {
    const expired = await token('viewer', [], 1 / 86_400, 'embed:expired');
    await new Promise((done) => setTimeout(done, 1500));
    const valid = await token('viewer', [], 1, 'embed:report');
    const checks: Array<[string, RegExp | null]> = [
      ['', /需要访问令牌/],
      [`&token=${expired}`, /已过期/],
      [`&token=${valid}`, null],
    ];
    for (const [tokenParam, message] of checks) {
      allowed.pages.set('closed', `<!doctype html><iframe src="${closedHub.url}/embed?year=${years[1]}${tokenParam}" width="640" height="480"></iframe>`);
      await page.goto(`${allowed.origin}/closed`);
      const frame = await mapFrame(page, closedHub.url);
      if (message) {
        await frame.getByTestId('embed-error').waitFor();
        expect(await frame.getByTestId('embed-error').textContent()).toMatch(message);
      } else {
        await frame.waitForFunction(() => document.querySelectorAll('[data-testid="legend-class"]').length > 0, undefined, { timeout: 30_000 });
        expect(await frame.getByTestId('embed-error').count()).toBe(0);
      }
    }
  }, 120_000);

  it('lets an analyst mint an embed token through the API, and no one below', async () => {
    const mutation = 'mutation { createEmbedToken(label: "年度报告", days: 7) { token expiresAt subject } }';
    const refused = await closedHub.graphql(mutation, {}, await token('viewer'));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const minted = await closedHub.graphql(mutation, {}, await token('analyst'));
    expect(minted.errors).toBeUndefined();
    const embed = minted.data as { createEmbedToken: { token: string; expiresAt: string; subject: string } };
    expect(embed.createEmbedToken.subject).toContain('年度报告');
    expect(Date.parse(embed.createEmbedToken.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const read = await closedHub.graphql('{ prefecture { name } }', {}, embed.createEmbedToken.token);
    expect(read.errors).toBeUndefined();
    const write = await closedHub.graphql('mutation { endPairing(id: 1, version: 1, endYear: 2020) { id } }', {}, embed.createEmbedToken.token);
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooLong = await closedHub.graphql('mutation { createEmbedToken(label: "x", days: 400) { token } }', {}, await token('analyst'));
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
  });
});

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
 *
 * Nothing hangs: a refused frame, a missing or bad token, a hub that is not
 * there (or goes away) make `ready` and the commands reject within the
 * timeout with the reason, which the element shows in the map's language;
 * events and answers carry the state after the command (a year's selection
 * with that year's figures); a small frame keeps a compact legend and shows
 * the year.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const name = (req.url ?? '/').slice(1).split('?')[0]!;
    const body = pages.get(name);
    const type = name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    res.writeHead(body ? 200 : 404, { 'content-type': type }).end(body ?? 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The embed script as the client build wrote it. */
const EMBED_SCRIPT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../client/dist/embed.js');
/** The embed script's default timeout (docs/embedding.md), and what a page takes to load around it. */
const TIMEOUT_MS = 8000;
const PAGE_LOAD_MS = 2000;

/** A host page with the embed script and one <lingyan-map>, recording the map's events in `window.events`. */
function hostPage(hub: string, attributes: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Report</title></head><body>
<h1>年度报告</h1>
<script src="${hub}/embed.js"></script>
<lingyan-map id="map" ${attributes} style="display:block;width:640px;height:480px"></lingyan-map>
<script>
  window.events = [];
  const map = document.getElementById('map');
  for (const type of ['ready', 'selectionChanged', 'viewChanged', 'error']) {
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

/** How `ready` or a command settled, and when (`at`: ms since the page's navigation; `ms`: since it was asked). */
type Outcome = { ok: boolean; at: number; ms: number; name?: string; code?: string; message?: string };

/** Waits for `ready` (or a command) of the map matching `selector`, and reports how it settled. */
function outcome(page: Page, selector: string, command: ['ready'] | ['setYear', number] | ['select', { kind: string; id: string }] = ['ready']): Promise<Outcome> {
  return page.evaluate(
    async ({ selector, command }) => {
      const map = document.querySelector(selector) as unknown as Record<string, unknown>;
      const started = performance.now();
      const [name, arg] = command;
      try {
        await (name === 'ready' ? map.ready : (map[name] as (a: unknown) => Promise<void>).call(map, arg));
        return { ok: true, at: performance.now(), ms: performance.now() - started };
      } catch (error) {
        const e = error as Error & { code?: string };
        return { ok: false, at: performance.now(), ms: performance.now() - started, name: e.name, code: e.code, message: e.message };
      }
    },
    { selector, command },
  );
}

/** The explanation the element shows in place of the map: its code, language and text, and whether the frame is hidden. */
function problemShown(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const map = document.querySelector(selector)!;
    const box = map.querySelector<HTMLElement>('.lingyan-map-problem')!;
    const frame = map.querySelector('iframe')!;
    const boxRect = box.getBoundingClientRect();
    const mapRect = map.getBoundingClientRect();
    return {
      code: box.dataset.code,
      lang: box.lang,
      role: box.getAttribute('role'),
      text: box.innerText,
      visible: getComputedStyle(box).display !== 'none' && boxRect.width > 0,
      coversMap: boxRect.width >= mapRect.width - 1 && boxRect.height >= mapRect.height - 1,
      frameHidden: getComputedStyle(frame).visibility === 'hidden',
    };
  }, selector);
}

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

  it.each([
    [320, 240, 'zh-CN'],
    [480, 320, 'en'],
  ])('fits a %i×%i frame with a compact legend and the year shown (%s)', async (width, height, lang) => {
    const view = `year=${years[1]}${lang === 'en' ? '&lang=en' : ''}`;
    allowed.pages.set(
      'small',
      `<!doctype html><meta charset="utf-8"><script src="${hub.url}/embed.js"></script>
<div data-lingyan-view="${view}" data-lingyan-controls="year" style="width:${width}px;height:${height}px"></div>`,
    );
    await page.goto(`${allowed.origin}/small`);
    await page.waitForFunction(() => document.querySelector('lingyan-map') !== null);
    await page.evaluate(() => (document.querySelector('lingyan-map') as MapElement).ready);
    const frame = await mapFrame(page, hub.url);
    await frame.getByTestId('embed-year').waitFor();
    const size = await frame.evaluate(() => {
      const box = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)!.getBoundingClientRect().toJSON() as DOMRect;
      const badge = document.querySelector<HTMLElement>('[data-testid="embed-year"]')!;
      return {
        width: document.documentElement.clientWidth,
        height: document.documentElement.clientHeight,
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        legend: box('legend'),
        year: box('year-control'),
        badge: box('embed-year'),
        badgeText: badge.textContent,
        badgeShown: getComputedStyle(badge).visibility === 'visible' && getComputedStyle(badge).display !== 'none',
        // The colour bar is what a compact legend keeps.
        classes: document.querySelectorAll('[data-testid="legend-class"]').length,
      };
    });
    expect([size.width, size.height]).toEqual([width, height]);
    expect(size.scrollWidth).toBeLessThanOrEqual(width);
    expect(size.scrollHeight).toBeLessThanOrEqual(height);
    for (const box of [size.legend, size.year, size.badge]) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(width);
      expect(box.bottom).toBeLessThanOrEqual(height);
    }
    // The legend covers at most a fifth of the map (it covered 45 % of a 320×240 frame).
    expect((size.legend.width * size.legend.height) / (width * height)).toBeLessThanOrEqual(0.2);
    expect(size.classes).toBeGreaterThan(0);
    // The year is shown, in the map's language, clear of the legend and the year slider.
    expect(size.badgeShown).toBe(true);
    expect(size.badge.width).toBeGreaterThan(0);
    expect(size.badgeText).toBe(lang === 'en' ? String(years[1]) : `${years[1]} 年`);
    const apart = (a: DOMRect, b: DOMRect) => a.bottom <= b.top || a.top >= b.bottom || a.right <= b.left || a.left >= b.right;
    expect(apart(size.legend, size.year)).toBe(true);
    expect(apart(size.badge, size.legend)).toBe(true);
    expect(apart(size.badge, size.year)).toBe(true);
    // The badge follows the year.
    await page.evaluate((y) => (document.querySelector('lingyan-map') as MapElement).setYear(y), years[2]!);
    expect(await frame.getByTestId('embed-year').textContent()).toBe(lang === 'en' ? String(years[2]) : `${years[2]} 年`);
    await page.screenshot({ path: resolve(ARTIFACTS, `embed-small-${width}x${height}.png`) });
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
    // Expired a day ago: no wait for a token to run out.
    const expired = await token('viewer', [], -1, 'embed:expired');
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

  it('answers a year and a selection with the figures of that year, never the year before', async () => {
    const from = years[1]!;
    const to = years.includes(2019) && from !== 2019 ? 2019 : years[3]!;
    const later = years[years.indexOf(to) + 1]!;
    type Counties = { counties: Array<{ code: string; name: string; figures: { ruralPopulation: number; poorPopulation: number; povertyIncidence: number | null } | null }> };
    const countiesOf = async (y: number) =>
      (await graphqlRequest<Counties>(hub.url, 'query($y: Int!) { counties { code name figures(year: $y) { ruralPopulation poorPopulation povertyIncidence } } }', { y })).counties;
    const [before, after, next] = await Promise.all([countiesOf(from), countiesOf(to), countiesOf(later)]);
    const poor = (list: Counties['counties'], code: string) => list.find((c) => c.code === code)?.figures?.poorPopulation;
    // A county whose figures change from year to year, so figures of the wrong year would show.
    const county = after.find((c) => c.figures && poor(before, c.code) !== c.figures.poorPopulation && poor(next, c.code) !== c.figures.poorPopulation);
    expect(county).toBeDefined();
    const figuresOf = (list: Counties['counties']) => {
      const { ruralPopulation, poorPopulation, povertyIncidence } = list.find((c) => c.code === county!.code)!.figures!;
      return { ruralPopulation, poorPopulation, povertyIncidence };
    };

    allowed.pages.set('follow', hostPage(hub.url, `view="year=${from}"`));
    await page.goto(`${allowed.origin}/follow`);
    await page.evaluate(() => (document.getElementById('map') as MapElement).ready);
    // Both commands at once, as a page sends them: what is heard until both resolve.
    const heard = await page.evaluate(
      async ({ to, code }) => {
        const host = window as unknown as HostWindow;
        const map = document.getElementById('map') as MapElement;
        const first = host.events.length;
        await Promise.all([map.setYear(to), map.select({ kind: 'county', id: code })]);
        return host.events.slice(first);
      },
      { to, code: county!.code },
    );
    const selections = heard.filter((e) => e.type === 'selectionChanged').map((e) => e.detail);
    expect(selections.length).toBeGreaterThan(0);
    for (const selection of selections) {
      expect(selection).toMatchObject({ kind: 'county', id: county!.code, name: county!.name, year: to });
      expect(selection!.figures).toMatchObject(figuresOf(after));
    }
    const views = heard.filter((e) => e.type === 'viewChanged');
    expect(new URLSearchParams(String(views.at(-1)!.detail!.view)).get('year')).toBe(String(to));

    // The next year, the selection kept: the event with its figures is in before the command resolves.
    const changed = await page.evaluate(async (y) => {
      const host = window as unknown as HostWindow;
      const first = host.events.length;
      await (document.getElementById('map') as MapElement).setYear(y);
      return host.events.slice(first).filter((e) => e.type === 'selectionChanged').map((e) => e.detail);
    }, later);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: county!.code, year: later });
    expect(changed[0]!.figures).toMatchObject(figuresOf(next));
  }, 90_000);

  it('rejects ready and every command with the reason when the page may not frame the map, and says so in the element', async () => {
    const refused = await session.context.newPage();
    try {
      other.pages.set('refused-report', hostPage(hub.url, `view="year=${years[1]}"`));
      await refused.goto(`${other.origin}/refused-report`);
      const ready = await outcome(refused, '#map');
      expect(ready).toMatchObject({ ok: false, name: 'LingyanMapError', code: 'frame-refused' });
      expect(ready.message).toContain(other.origin);
      expect(ready.message).toContain('EMBED_ORIGINS');
      expect(ready.at).toBeLessThan(TIMEOUT_MS + PAGE_LOAD_MS);
      const command = await outcome(refused, '#map', ['setYear', years[0]!]);
      expect(command).toMatchObject({ ok: false, code: 'frame-refused' });
      expect(command.ms).toBeLessThan(1000);
      const shown = await problemShown(refused, '#map');
      expect(shown).toMatchObject({ code: 'frame-refused', lang: 'zh-CN', role: 'alert', visible: true, coversMap: true, frameHidden: true });
      expect(shown.text).toContain('地图无法显示');
      expect(shown.text).toContain(`不允许本网页（${other.origin}）嵌入地图`);
      expect(await refused.evaluate(() => (window as unknown as HostWindow).events.map((e) => e.type))).toEqual([]);
    } finally {
      await refused.close();
    }
  }, 60_000);

  it('rejects ready with the token problem where a token is needed, and says so in the map\'s language', async () => {
    const expired = await token('viewer', [], -1, 'embed:expired');
    const maps: Array<[string, string, string]> = [
      ['missing', `view="year=${years[1]}"`, 'token-missing'],
      ['invalid', `view="year=${years[1]}&lang=en" token="not-a-token"`, 'token-invalid'],
      ['expired', `view="year=${years[1]}" token="${expired}"`, 'token-expired'],
    ];
    allowed.pages.set(
      'tokens',
      `<!doctype html><meta charset="utf-8"><script src="${closedHub.url}/embed.js"></script>
${maps.map(([id, attributes]) => `<lingyan-map id="${id}" ${attributes} style="display:block;width:320px;height:240px"></lingyan-map>`).join('\n')}`,
    );
    await page.goto(`${allowed.origin}/tokens`);
    const outcomes = await Promise.all(maps.map(([id]) => outcome(page, `#${id}`)));
    for (const [i, [, , code]] of maps.entries()) {
      expect(outcomes[i]).toMatchObject({ ok: false, name: 'LingyanMapError', code });
      expect(outcomes[i]!.at).toBeLessThan(TIMEOUT_MS + PAGE_LOAD_MS);
    }
    expect(await problemShown(page, '#missing')).toMatchObject({ code: 'token-missing', lang: 'zh-CN', visible: true, text: expect.stringMatching(/需要访问令牌/) });
    expect(await problemShown(page, '#invalid')).toMatchObject({ code: 'token-invalid', lang: 'en', visible: true, text: expect.stringMatching(/access token is not valid/) });
    expect(await problemShown(page, '#expired')).toMatchObject({ code: 'token-expired', lang: 'zh-CN', visible: true, text: expect.stringMatching(/已过期/) });
  }, 60_000);

  it('rejects with "hub unreachable" once the hub has gone: a command, and a map added after', async () => {
    const doomed = await startTestServer({ embedOrigins: [allowed.origin] });
    const gone = await session.context.newPage();
    let closed = false;
    try {
      allowed.pages.set('doomed', hostPage(doomed.url, `view="year=${years[1]}&layers="`));
      await gone.goto(`${allowed.origin}/doomed`);
      expect(await outcome(gone, '#map')).toMatchObject({ ok: true });
      await doomed.close();
      closed = true;
      // A year the map has not loaded: its figures would have to come from the hub.
      const command = await outcome(gone, '#map', ['setYear', years[years.length - 1]!]);
      expect(command).toMatchObject({ ok: false, name: 'LingyanMapError', code: 'hub-unreachable' });
      expect(command.ms).toBeLessThan(TIMEOUT_MS);
      expect(await gone.evaluate(() => (window as unknown as HostWindow).events.filter((e) => e.type === 'error').map((e) => e.detail!.code))).toEqual(['hub-unreachable']);

      await gone.evaluate((view) => {
        const map = document.createElement('lingyan-map');
        map.id = 'late';
        map.setAttribute('view', view);
        map.style.cssText = 'display:block;width:320px;height:240px';
        document.body.append(map);
      }, `year=${years[1]}`);
      const late = await outcome(gone, '#late');
      expect(late).toMatchObject({ ok: false, code: 'hub-unreachable' });
      expect(late.message).toContain(doomed.url);
      expect(late.ms).toBeLessThan(TIMEOUT_MS);
      const shown = await problemShown(gone, '#late');
      expect(shown).toMatchObject({ code: 'hub-unreachable', lang: 'zh-CN', visible: true, frameHidden: true });
      expect(shown.text).toContain(`无法连接数据平台（${doomed.url}）`);
    } finally {
      await gone.close();
      if (!closed) await doomed.close();
    }
  }, 90_000);

  it('rejects within its timeout option when the map\'s page does not load, and soon when nothing answers at the hub\'s address', async () => {
    // Not a hub: it serves the embed script and nothing else.
    const notHub = await startHost();
    notHub.pages.set('embed.js', readFileSync(EMBED_SCRIPT, 'utf8'));
    const blank = await session.context.newPage();
    let closed = false;
    try {
      allowed.pages.set(
        'not-a-hub',
        `<!doctype html><meta charset="utf-8"><script src="${notHub.origin}/embed.js"></script>
<lingyan-map id="short" view="year=${years[1]}&lang=en" timeout="2" style="display:block;width:320px;height:240px"></lingyan-map>`,
      );
      await blank.goto(`${allowed.origin}/not-a-hub`);
      const short = await outcome(blank, '#short');
      expect(short).toMatchObject({ ok: false, name: 'LingyanMapError', code: 'frame-not-loaded' });
      expect(short.message).toContain(notHub.origin);
      expect(short.at).toBeGreaterThanOrEqual(2000);
      expect(short.at).toBeLessThan(2000 + PAGE_LOAD_MS);
      const shown = await problemShown(blank, '#short');
      expect(shown).toMatchObject({ code: 'frame-not-loaded', lang: 'en', visible: true, frameHidden: true });
      expect(shown.text).toContain("The map's page did not load in its frame");

      // Nothing listens at the hub's address any more.
      await notHub.close();
      closed = true;
      await blank.evaluate((view) => {
        const map = document.createElement('lingyan-map');
        map.id = 'nothing';
        map.setAttribute('view', view);
        map.style.cssText = 'display:block;width:320px;height:240px';
        document.body.append(map);
      }, `year=${years[1]}`);
      const nothing = await outcome(blank, '#nothing');
      expect(nothing).toMatchObject({ ok: false, code: 'hub-unreachable' });
      expect(nothing.ms).toBeLessThan(TIMEOUT_MS);
      expect(await problemShown(blank, '#nothing')).toMatchObject({ code: 'hub-unreachable', visible: true });
    } finally {
      await blank.close();
      if (!closed) await notHub.close();
    }
  }, 60_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
  });
});

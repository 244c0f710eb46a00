/**
 * `/screen`, the big screen's page, as the hub serves it: its own page of the
 * client build with the same security headers as the atlas (`/`), never
 * cached stale, carrying the hub's default rotation (SCREEN_VIEWS,
 * SCREEN_INTERVAL) in a meta tag; a clear answer when it is not built; and
 * the settings refused at start when a view could never hold them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config/config.js';
import { ensureClientBuild } from '../e2e/helpers/client-build.js';
import { startTestServer, type TestServer } from '../support/server.js';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../client/dist');
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy'];

/** The content of the page's rotation meta tag (null: no tag). */
function screenMeta(html: string): string | null {
  const match = /<meta name="lingyan-screen" content="([^"]*)" \/>/.exec(html);
  return match ? match[1]! : null;
}

let plain: TestServer;
let configured: TestServer;
beforeAll(async () => {
  ensureClientBuild();
  plain = await startTestServer();
  configured = await startTestServer({ screenViews: '2016:poverty_incidence,latest:collective_income_median', screenIntervalSeconds: 20 });
}, 180_000);
afterAll(async () => {
  await plain?.close();
  await configured?.close();
});

describe('/screen', () => {
  it('is the big screen\'s page, with the same security headers as the atlas, never cached stale', async () => {
    const atlas = await fetch(`${plain.url}/`);
    for (const path of ['/screen', '/screen/', '/screen?views=2016:poverty_incidence&interval=20&lang=en']) {
      const res = await fetch(`${plain.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      for (const name of SECURITY_HEADERS) {
        expect(res.headers.get(name), `${path} ${name}`).toBe(atlas.headers.get(name));
        expect(res.headers.get(name), `${path} ${name}`).not.toBeNull();
      }
      const html = await res.text();
      // The screen's own script, not the atlas's.
      const built = readFileSync(join(DIST, 'screen.html'), 'utf8');
      const script = /<script type="module" crossorigin src="(\/assets\/screen-[^"]+\.js)"/.exec(built)![1]!;
      expect(html).toContain(script);
      expect(html).not.toContain(/src="(\/assets\/main-[^"]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))![1]!);
      // No defaults configured: an empty tag, the page's own defaults apply.
      expect(screenMeta(html), path).toBe('');
    }
    // Its script exists and is served.
    const script = /src="(\/assets\/screen-[^"]+\.js)"/.exec(await (await fetch(`${plain.url}/screen`)).text())![1]!;
    expect((await fetch(`${plain.url}${script}`)).status).toBe(200);
  });

  it('carries the hub\'s default rotation for the page to read', async () => {
    const html = await (await fetch(`${configured.url}/screen`)).text();
    expect(screenMeta(html)).toBe('views=2016:poverty_incidence,latest:collective_income_median&amp;interval=20');
    // Only in the big screen's page.
    expect(screenMeta(await (await fetch(`${configured.url}/`)).text())).toBeNull();
  });

  it('says so when the client is built without it', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'lingyan-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>atlas</title>');
    const server = await startTestServer({ clientDist: dist });
    try {
      const res = await fetch(`${server.url}/screen`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/big screen is not built.*pnpm build/);
      expect(res.headers.get('content-security-policy')).not.toBeNull();
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('SCREEN_VIEWS and SCREEN_INTERVAL', () => {
  it('are read as given, and absent when unset', () => {
    expect(loadConfig({})).toMatchObject({ screenViews: null, screenIntervalSeconds: null });
    expect(loadConfig({ SCREEN_VIEWS: ' 2016:poverty_incidence,latest:150221000000 ', SCREEN_INTERVAL: '45' })).toMatchObject({
      screenViews: '2016:poverty_incidence,latest:150221000000',
      screenIntervalSeconds: 45,
    });
  });

  it('stop the hub at start with what is wrong and where', () => {
    expect(() => loadConfig({ SCREEN_VIEWS: '2016:poverty incidence' })).toThrow(ConfigError);
    expect(() => loadConfig({ SCREEN_VIEWS: '2016:poverty incidence' })).toThrow(/SCREEN_VIEWS: " " at position 13 cannot be part of a view/);
    expect(() => loadConfig({ SCREEN_VIEWS: '2016:poverty_incidence"><script>' })).toThrow(/SCREEN_VIEWS: """ at position 23/);
    expect(() => loadConfig({ SCREEN_VIEWS: '2016,'.repeat(401) })).toThrow(/SCREEN_VIEWS: longer than 2000 characters/);
    for (const bad of ['1', '3601', '2.5', 'soon']) {
      expect(() => loadConfig({ SCREEN_INTERVAL: bad }), bad).toThrow(/SCREEN_INTERVAL must be an integer from 2 to 3600/);
    }
  });
});

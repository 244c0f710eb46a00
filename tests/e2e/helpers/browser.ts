/**
 * Real Chromium for the e2e tests: the Debian package at /usr/bin/chromium
 * driven by playwright-core (no browser download). WebGL comes from
 * SwiftShader, which MapLibre needs in headless mode.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      // WebGL in headless Chromium without a GPU.
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      // Nothing phones home while we check that the page does not.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
    ],
  });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for URLs that stay on this machine (loopback, or data:/blob: in the page). */
export function isLocalUrl(raw: string): boolean {
  const url = new URL(raw);
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  return LOOPBACK_HOSTS.has(url.hostname);
}

export interface OfflineGuard {
  /** every URL the context tried to fetch from off the machine (aborted), in order */
  readonly external: string[];
}

/**
 * Aborts and records every request of the context whose host is not loopback
 * (pages and their workers alike), so a test can assert the page is offline.
 */
export async function guardOffline(context: BrowserContext): Promise<OfflineGuard> {
  const external = new Set<string>();
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    // fallback, not continue: with no handler after this one the request goes on as it would unrouted, and a
    // route another handler (a test's page.route) has already answered is not answered twice
    // (route.continue then rejected, unhandled, with "Route is already handled!").
    if (isLocalUrl(url)) return route.fallback();
    external.add(url);
    return route.abort('blockedbyclient');
  });
  // Belt and braces: a request the router did not see is still recorded.
  context.on('request', (request) => {
    if (!isLocalUrl(request.url())) external.add(request.url());
  });
  return {
    get external() {
      return [...external];
    },
  };
}

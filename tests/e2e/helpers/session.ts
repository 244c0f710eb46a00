/**
 * One browser test file's session: the real hub on the run's database, the
 * client built, Debian's Chromium with every off-machine request blocked and
 * recorded, and one page whose errors are collected (a test asserts both
 * lists are empty at the end).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/server';
import { guardOffline, launchChromium, type OfflineGuard } from './browser';
import { ensureClientBuild } from './client-build';

/** Where browser tests keep their screenshots (tests/artifacts, ignored by git). */
export const ARTIFACTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../artifacts');

export interface BrowserSession {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  offline: OfflineGuard;
  /** uncaught page errors and console errors, in order */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * `context`: more options for the browser context, over the defaults (scale 1,
 * zh-CN): a phone's touch screen, say ({ hasTouch, isMobile, deviceScaleFactor }).
 */
export async function openBrowserSession(
  viewport: { width: number; height: number },
  serverConfig: Parameters<typeof startTestServer>[0] = {},
  context: Omit<BrowserContextOptions, 'viewport'> = {},
): Promise<BrowserSession> {
  ensureClientBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startTestServer(serverConfig);
  const browser = await launchChromium();
  const browserContext = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', ...context });
  const offline = await guardOffline(browserContext);
  const page = await browserContext.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  return {
    server,
    browser,
    context: browserContext,
    page,
    offline,
    pageErrors,
    async close() {
      await browserContext.close();
      await browser.close();
      await server.close();
    },
  };
}

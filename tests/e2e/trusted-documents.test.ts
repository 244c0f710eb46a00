/**
 * With TRUSTED_DOCUMENTS=true the hub's own pages still work (issue 25): the
 * atlas, the embedded map (anonymous, and with an embed token) and the big
 * screen draw their map, and every GraphQL request they send is answered,
 * none refused as an operation the hub does not ship.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../server/src/auth/tokens.js';
import { TEST_SECRET } from '../support/server.js';
import { waitForMapReady } from './helpers/atlas-page';
import { openBrowserSession, type BrowserSession } from './helpers/session';

interface Sent {
  operation: string;
  status: number;
}

/** Every POST /graphql the page makes from now on, with the status it got. */
function recordGraphql(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() !== 'POST' || new URL(response.url()).pathname !== '/graphql') return;
    sent.push({ operation: String((request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '(none)'), status: response.status() });
  });
  return sent;
}

let session: BrowserSession;
beforeAll(async () => {
  session = await openBrowserSession({ width: 1280, height: 800 }, { trustedDocuments: true, rateLimitPerMinute: 0 });
}, 300_000);
afterAll(() => session?.close());

describe('the hub\'s pages under TRUSTED_DOCUMENTS=true', () => {
  const visit = async (path: string): Promise<Sent[]> => {
    const page = await session.context.newPage();
    try {
      const sent = recordGraphql(page);
      await page.goto(`${session.server.url}${path}`);
      await waitForMapReady(page);
      await page.waitForLoadState('networkidle');
      return sent;
    } finally {
      await page.close();
    }
  };

  it('answers everything the atlas asks', async () => {
    const sent = await visit('/');
    expect(sent.map((s) => s.operation)).toEqual(expect.arrayContaining(['Atlas', 'AtlasChoropleth']));
    expect(sent.filter((s) => s.status !== 200)).toEqual([]);
  }, 120_000);

  it('answers everything the embedded map asks, anonymous and with an embed token', async () => {
    const embed = await mintToken(new TextEncoder().encode(TEST_SECRET), { subject: 'embed:trusted', role: 'viewer', days: 1, embed: true });
    for (const path of ['/embed', `/embed?token=${embed}`]) {
      const sent = await visit(path);
      expect(sent.length, path).toBeGreaterThan(0);
      expect(sent.filter((s) => s.status !== 200), path).toEqual([]);
    }
  }, 120_000);

  it('answers everything the big screen asks', async () => {
    const sent = await visit('/screen');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => s.status !== 200)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 120_000);
});

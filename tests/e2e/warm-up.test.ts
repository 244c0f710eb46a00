/**
 * The hub's warm-up (server/src/graphql/warm-up.ts) as the first visitor
 * meets it: a newly launched browser opening the atlas on a hub that has
 * warmed up gets its opening answers from the GraphQL answer cache, because
 * the warm-up asked them in the very form the page sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForMapReady } from './helpers/atlas-page';
import { openBrowserSession, type BrowserSession } from './helpers/session';

/** The answer cache's hits so far, from the hub's /metrics. */
async function cacheHits(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^lingyan_graphql_cache_lookups_total\{result="hit"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('warm-up, seen from the atlas', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    // As the hub runs by default: warm-up and answer cache on (the test servers turn both off).
    session = await openBrowserSession({ width: 1280, height: 800 }, { warmUp: true, responseCacheMb: 64 });
    await session.server.app.warmedUp;
  }, 180_000);

  afterAll(() => session?.close());

  it('answers the first page\'s four opening questions from the answer cache', async () => {
    const { page, server } = session;
    const opening = new Set(['Atlas', 'AtlasChoropleth', 'AtlasSummary', 'AtlasPairingCounts']);
    const asked: string[] = [];
    page.on('request', (request) => {
      const name = request.url().endsWith('/graphql') ? (request.postDataJSON() as { operationName?: string } | null)?.operationName : undefined;
      if (name) asked.push(name);
    });
    const before = await cacheHits(server.url);
    await page.goto(new URL('/', server.url).href);
    await waitForMapReady(page);
    const openingAsked = asked.filter((name) => opening.has(name));
    expect(new Set(openingAsked)).toEqual(opening);
    // Each opening question was a hit (later questions, asked after the first picture, may add more).
    expect((await cacheHits(server.url)) - before).toBeGreaterThanOrEqual(openingAsked.length);
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 90_000);
});

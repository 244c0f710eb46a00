/**
 * Stopping the hub (what SIGTERM does in main.ts: app.close()) while a
 * request is running: the request still gets its whole answer, and the hub
 * accepts nothing new afterwards.
 */
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.js';

describe('graceful shutdown', () => {
  it('drains a request in flight, then refuses new connections', async () => {
    let signalQueryStarted: () => void = () => {};
    const queryStarted = new Promise<void>((resolve) => (signalQueryStarted = resolve));
    // The coverage gaps' own statement (ST_DWithin), not any read of villages: the hub reads the region's sizes at start too.
    const server = await startTestServer({}, { onQuery: (sql) => /ST_DWithin/.test(sql) && signalQueryStarted() });
    const inFlight = server.graphql(`{ coverageGaps(year: 2018, radiusMeters: 20000, limit: 500) { totalCount items { village { code } } } }`);
    // Close only once the request is inside the server, talking to the database.
    await queryStarted;
    const closed = server.close();
    const answer = await inFlight;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.coverageGaps.totalCount).toBeGreaterThan(0);
    expect(answer.data.coverageGaps.items).toHaveLength(Math.min(500, answer.data.coverageGaps.totalCount));
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});

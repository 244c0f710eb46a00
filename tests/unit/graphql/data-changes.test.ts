/**
 * server/src/graphql/data-changes.ts: the change feed folded into
 * announcements. Time is the test's (fake timers), so the windows are exact.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANY_TABLE } from '../../../server/src/db/changes.js';
import { ANNOUNCE_WINDOW_MS, DataChanges, type DataChange } from '../../../server/src/graphql/data-changes.js';

/** A feed the test publishes on, as the change bus does. */
function feed() {
  const listeners = new Set<(table: string) => void>();
  return {
    live: true,
    subscribe(listener: (table: string) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish: (table: string) => listeners.forEach((l) => l(table)),
    get listeners() {
      return listeners.size;
    },
  };
}

/** What a subscriber has received so far (read in the background as it comes). */
function received(iterator: AsyncIterableIterator<DataChange>): DataChange[] {
  const seen: DataChange[] = [];
  void (async () => {
    for await (const c of iterator) seen.push(c);
  })();
  return seen;
}

describe('DataChanges', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('announces what was heard one window after the first change, tables sorted, tile layers named', async () => {
    const f = feed();
    const changes = new DataChanges(f);
    const seen = received(changes.subscribe());
    f.publish('village_year');
    f.publish('pairing');
    f.publish('village_year');
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS - 1);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toMatchObject([{ sequence: 1, everything: false, tables: ['pairing', 'village_year'], tileLayers: ['villages', 'pairings'] }]);
    changes.close();
  });

  it('sends at most one announcement a window however many changes come', async () => {
    const f = feed();
    const changes = new DataChanges(f);
    const seen = received(changes.subscribe());
    // 100 statements over one second (an import).
    for (let i = 0; i < 100; i++) {
      f.publish(i % 2 ? 'village' : 'village_year');
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(1000 / ANNOUNCE_WINDOW_MS) + 1);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.map((c) => c.sequence)).toEqual(seen.map((_, i) => i + 1));
    changes.close();
  });

  it('merges what a slow subscriber has not taken yet into one announcement', async () => {
    const f = feed();
    const changes = new DataChanges(f);
    const slow = changes.subscribe();
    f.publish('county');
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    f.publish('village_year');
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    // Nothing was taken during the two announcements: the first take holds both.
    expect(await slow.next()).toMatchObject({ done: false, value: { sequence: 2, tables: ['county', 'village_year'], tileLayers: ['counties', 'villages'] } });
    const seen = received(slow);
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    expect(seen).toEqual([]);
    changes.close();
  });

  it('says everything when the bus lost what changed, and ignores changes while nobody listens', async () => {
    const f = feed();
    const changes = new DataChanges(f);
    f.publish(ANY_TABLE);
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    const seen = received(changes.subscribe());
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    expect(seen).toEqual([]);
    f.publish('village');
    f.publish(ANY_TABLE);
    await vi.advanceTimersByTimeAsync(ANNOUNCE_WINDOW_MS);
    expect(seen).toMatchObject([{ sequence: 1, everything: true, tables: [], tileLayers: ['counties', 'townships', 'villages', 'alliances', 'pairings', 'projects'] }]);
    changes.close();
  });

  it('ends every subscriber and stops listening when closed; a returned iterator is dropped', async () => {
    const f = feed();
    const changes = new DataChanges(f);
    const a = changes.subscribe();
    const b = changes.subscribe();
    expect(changes.size).toBe(2);
    await a.return!();
    expect(changes.size).toBe(1);
    const waiting = b.next();
    changes.close();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(f.listeners).toBe(0);
    expect(await changes.subscribe().next()).toEqual({ value: undefined, done: true });
  });
});

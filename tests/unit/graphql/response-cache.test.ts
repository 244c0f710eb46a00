/**
 * The answer cache's rules that a live server cannot show on demand: an
 * answer computed while a write was published is not kept; nothing is served
 * or kept while the change feed is not live; only queries are kept.
 */
import { describe, expect, it, vi } from 'vitest';
import { responseCache, type ChangeFeed } from '../../../server/src/graphql/response-cache.js';

class Feed implements ChangeFeed {
  live = true;
  private listeners = new Set<(table: string) => void>();
  subscribe(l: (table: string) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  publish(table: string) {
    for (const l of this.listeners) l(table);
  }
}

const QUERY = '{ summary(year: 2020) { poorPopulation } }';

/** Runs one request through the plugin's hooks: returns the cached answer, or stores `answer` as the executed one. */
async function request(cache: ReturnType<typeof responseCache>, answer: object, o: { operation?: 'query' | 'mutation'; between?: () => void } = {}) {
  const listener = await cache.plugin.requestDidStart!({} as never);
  const rc = { operation: { operation: o.operation ?? 'query' }, source: QUERY, request: { variables: {} }, contextValue: { principal: null } };
  const cached = await listener!.responseForOperation!(rc as never);
  if (cached) return { served: true, body: cached.body };
  o.between?.();
  await listener!.willSendResponse!({ ...rc, response: { body: { kind: 'single', singleResult: answer } } } as never);
  return { served: false, body: answer };
}

describe('response cache rules', () => {
  it('keeps an answer and serves it, with its text made once', async () => {
    const cache = responseCache(new Feed(), 1 << 20);
    await request(cache, { data: { n: 1 } });
    const again = await request(cache, { data: { n: 2 } });
    expect(again.served).toBe(true);
    const result = (again.body as { singleResult: object }).singleResult;
    expect(result).toEqual({ data: { n: 1 } });
    expect(cache.stringify(result as never)).toBe('{"data":{"n":1}}');
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('keeps the text only: the answer object is not held, and Apollo\'s copy of a result is sent as the stored text', async () => {
    const cache = responseCache(new Feed(), 1 << 20);
    const answer = { data: { villages: [{ code: '150421101201', name: '村', location: { type: 'Point', coordinates: [119.1, 42.2] } }] } };
    await request(cache, answer);
    const text = JSON.stringify(answer);
    // Apollo stringifies { errors, data, extensions }, a copy holding the same data: no second JSON.stringify.
    const spy = vi.spyOn(JSON, 'stringify');
    try {
      expect(cache.stringify({ errors: undefined, data: answer.data, extensions: undefined } as never)).toBe(text);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    // Changing the object afterwards does not change what is served: the cache holds the text, not the object.
    answer.data.villages[0]!.name = 'changed';
    const hit = await request(cache, { data: { n: 2 } });
    expect(hit.served).toBe(true);
    const served = (hit.body as { singleResult: { data: object } }).singleResult;
    expect(served).toEqual(JSON.parse(text));
    expect(cache.stringify({ errors: undefined, data: served.data, extensions: undefined } as never)).toBe(text);
    // Its size counts both strings at two bytes a unit.
    expect(cache.stats().bytes).toBeGreaterThanOrEqual(2 * text.length);
  });

  it('stays within its budget, least recently used out', async () => {
    const budget = 64 * 1024;
    const cache = responseCache(new Feed(), budget);
    const listener = async (i: number, answer: object) => {
      const l = await cache.plugin.requestDidStart!({} as never);
      const rc = { operation: { operation: 'query' }, source: `{ q${i} }`, request: { variables: {} }, contextValue: { principal: null } };
      await l!.responseForOperation!(rc as never);
      await l!.willSendResponse!({ ...rc, response: { body: { kind: 'single', singleResult: answer } } } as never);
    };
    for (let i = 0; i < 100; i++) await listener(i, { data: { items: Array.from({ length: 50 }, (_, k) => ({ code: `${i}-${k}`, name: '嘎查村' })) } });
    const { bytes, entries } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(budget);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(100);
  });

  it('does not keep an answer computed while a write was published', async () => {
    const feed = new Feed();
    const cache = responseCache(feed, 1 << 20);
    await request(cache, { data: { n: 1 } }, { between: () => feed.publish('village_year') });
    expect(cache.stats().entries).toBe(0);
    expect((await request(cache, { data: { n: 2 } })).served).toBe(false);
    expect((await request(cache, { data: { n: 3 } })).served).toBe(true);
  });

  it('empties on any change', async () => {
    const feed = new Feed();
    const cache = responseCache(feed, 1 << 20);
    await request(cache, { data: { n: 1 } });
    feed.publish('pairing');
    expect(cache.stats().entries).toBe(0);
    expect((await request(cache, { data: { n: 2 } })).served).toBe(false);
  });

  it('neither serves nor keeps while the feed is not live', async () => {
    const feed = new Feed();
    const cache = responseCache(feed, 1 << 20);
    await request(cache, { data: { n: 1 } });
    feed.live = false;
    expect((await request(cache, { data: { n: 2 } })).served).toBe(false);
    feed.live = true;
    feed.publish('*');
    await request(cache, { data: { n: 3 } });
    feed.live = false;
    await request(cache, { data: { n: 4 } });
    feed.live = true;
    const r = await request(cache, { data: { n: 5 } });
    expect((r.body as { singleResult: object }).singleResult).toEqual({ data: { n: 3 } });
  });

  it('never keeps a mutation, an answer with errors, or anything when its size is 0', async () => {
    const cache = responseCache(new Feed(), 1 << 20);
    await request(cache, { data: { n: 1 } }, { operation: 'mutation' });
    await request(cache, { data: null, errors: [{ message: 'x' }] });
    expect(cache.stats().entries).toBe(0);
    // Size 0: the plugin still writes each answer's text once (and caps its size) but keeps and serves nothing.
    const off = responseCache(new Feed(), 0);
    await request(off, { data: { n: 1 } });
    expect(await request(off, { data: { n: 2 } })).toEqual({ served: false, body: { data: { n: 2 } } });
    expect(off.stats()).toMatchObject({ entries: 0, hits: 0 });
  });
});

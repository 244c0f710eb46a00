/**
 * The revocation list's reading policy (auth/revocations.ts): it reads its
 * table once, again as soon as the change feed names the table (or says
 * anything may have changed), every request while the feed is not live, and
 * judges by the list held while the table cannot be read. The table itself
 * and the feed's NOTIFY are exercised end to end by api/token-revocation.
 */
import { describe, expect, it, vi } from 'vitest';
import { Revocations, REVOKED_TABLE } from '../../../server/src/auth/revocations.js';
import { ANY_TABLE } from '../../../server/src/db/changes.js';

/** A change feed as the hub's ChangeBus presents it. */
class Feed {
  live = true;
  private listeners = new Set<(table: string) => void>();
  subscribe(listener: (table: string) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(table: string) {
    for (const l of this.listeners) l(table);
  }
}

function source(initial: string[] = []) {
  const s = { ids: [...initial], reads: 0, down: false };
  const read = async () => {
    s.reads += 1;
    if (s.down) throw new Error('connection refused');
    return [...s.ids];
  };
  return { s, read };
}

describe('the revocation list', () => {
  it('reads once, then again only when its table is reported changed', async () => {
    const feed = new Feed();
    const { s, read } = source(['a']);
    const list = new Revocations(read, feed);
    expect(await list.isRevoked('a')).toBe(true);
    expect(await list.isRevoked('b')).toBe(false);
    expect(s.reads).toBe(1);
    s.ids.push('b');
    feed.publish('village');
    expect(await list.isRevoked('b')).toBe(false);
    expect(s.reads).toBe(1);
    feed.publish(REVOKED_TABLE);
    expect(await list.isRevoked('b')).toBe(true);
    expect(s.reads).toBe(2);
    s.ids.push('c');
    feed.publish(ANY_TABLE);
    expect(await list.isRevoked('c')).toBe(true);
    list.close();
  });

  it('reads again a change heard while it was reading', async () => {
    const feed = new Feed();
    const ids = ['a'];
    let release!: () => void;
    let reads = 0;
    const list = new Revocations(async () => {
      reads += 1;
      const seen = [...ids];
      if (reads === 1) await new Promise<void>((r) => (release = r));
      return seen;
    }, feed);
    const first = list.isRevoked('b');
    await new Promise((r) => setImmediate(r));
    ids.push('b');
    feed.publish(REVOKED_TABLE);
    release();
    expect(await first).toBe(true);
    expect(reads).toBe(2);
  });

  it('while the feed is not live, reads again once the list is a second old', async () => {
    // The clock (Date only) is faked: the list's age is read from it.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const feed = new Feed();
      const { s, read } = source();
      const list = new Revocations(read, feed);
      await list.isRevoked('x');
      feed.live = false;
      await list.isRevoked('x');
      expect(s.reads).toBe(1);
      s.ids.push('x');
      vi.setSystemTime(Date.now() + 1000);
      expect(await list.isRevoked('x')).toBe(false);
      expect(s.reads).toBe(1);
      vi.setSystemTime(Date.now() + 1);
      expect(await list.isRevoked('x')).toBe(true);
      expect(s.reads).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('judges by the list held while the table cannot be read, and fails when it never could', async () => {
    const feed = new Feed();
    const { s, read } = source(['a']);
    const list = new Revocations(read, feed);
    expect(await list.isRevoked('a')).toBe(true);
    s.down = true;
    feed.publish(REVOKED_TABLE);
    expect(await list.isRevoked('a')).toBe(true);
    const reads = s.reads;
    // A second check right after a failure does not wait on the database again.
    expect(await list.isRevoked('a')).toBe(true);
    expect(s.reads).toBe(reads);

    const never = new Revocations(async () => {
      throw new Error('connection refused');
    }, new Feed());
    await expect(never.isRevoked('a')).rejects.toThrow('connection refused');
  });
});

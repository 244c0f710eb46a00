/**
 * Live updates (数据更新): the change feed (db/changes.ts: this process's
 * writes, every other replica's, imports and psql, by NOTIFY) turned into
 * announcements for the `dataChanged` subscription, so open maps refetch
 * what they show instead of polling.
 *
 * Bursts are folded: an import writes in many statements and transactions,
 * a planner's edit is announced once by the connection that made it and
 * again by idle pooled connections. An announcement goes out `windowMs`
 * after the first change it carries, with every table heard until then, so
 * a subscriber gets at most one a window.
 *
 * Each subscriber holds at most one announcement not yet taken: one that
 * comes while the previous is still waiting (a slow socket) is merged into
 * it. Memory stays bounded whatever the subscriber's pace, and nothing is
 * lost: a merged announcement names everything both named.
 */
import { ANY_TABLE } from '../db/changes.js';
import { LAYER_NAMES, layersReading } from '../tiles/layers.js';
import type { ChangeFeed } from './response-cache.js';

/** What one announcement says (the GraphQL type DataChange). */
export interface DataChange {
  /** this hub process's count of announcements, from 1 */
  sequence: number;
  /** the tables written, sorted; empty when `everything` */
  tables: string[];
  /** what changed is not known (the hub lost and regained its change listener): anything may have */
  everything: boolean;
  /** the vector tile layers whose tiles may have changed, in the order of LAYER_NAMES */
  tileLayers: string[];
  /** when the last change it carries was heard */
  at: Date;
}

/** Announcements go out at most this often (ms). */
export const ANNOUNCE_WINDOW_MS = 300;

function merge(a: DataChange, b: DataChange): DataChange {
  const everything = a.everything || b.everything;
  const tables = everything ? [] : [...new Set([...a.tables, ...b.tables])].sort();
  const layers = new Set([...a.tileLayers, ...b.tileLayers]);
  return { sequence: b.sequence, tables, everything, tileLayers: LAYER_NAMES.filter((l) => layers.has(l)), at: b.at };
}

/** One subscriber's announcements as an async iterator (what a GraphQL subscription resolver returns). */
class Subscriber implements AsyncIterableIterator<DataChange> {
  private pending: DataChange | null = null;
  private waiting: ((result: IteratorResult<DataChange>) => void) | null = null;
  private done = false;

  constructor(private readonly onEnd: (s: Subscriber) => void) {}

  push(change: DataChange): void {
    if (this.done) return;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting({ value: change, done: false });
    } else {
      this.pending = this.pending ? merge(this.pending, change) : change;
    }
  }

  next(): Promise<IteratorResult<DataChange>> {
    if (this.pending) {
      const value = this.pending;
      this.pending = null;
      return Promise.resolve({ value, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<DataChange>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.pending = null;
    this.onEnd(this);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DataChange> {
    return this;
  }
}

export class DataChanges {
  private readonly subscribers = new Set<Subscriber>();
  private readonly heardTables = new Set<string>();
  private heardEverything = false;
  private lastHeard = 0;
  private timer: NodeJS.Timeout | null = null;
  private sequence = 0;
  private readonly stopListening: () => void;
  private closed = false;

  constructor(
    feed: ChangeFeed,
    private readonly windowMs = ANNOUNCE_WINDOW_MS,
    private readonly onAnnounce: (change: DataChange, subscribers: number) => void = () => {},
  ) {
    this.stopListening = feed.subscribe((table) => this.heard(table));
  }

  /** Subscribers listening now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** The announcements from now on, until the iterator is returned or the hub closes. */
  subscribe(): AsyncIterableIterator<DataChange> {
    const subscriber = new Subscriber((s) => this.subscribers.delete(s));
    if (this.closed) subscriber.end();
    else this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Stops listening to the feed and ends every subscriber's iterator. */
  close(): void {
    this.closed = true;
    this.stopListening();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const subscriber of [...this.subscribers]) subscriber.end();
  }

  private heard(table: string): void {
    // Nobody to tell (as at start, when the bus announces '*'): a later subscriber reads after this change anyway.
    if (this.closed || this.subscribers.size === 0) return;
    if (table === ANY_TABLE) this.heardEverything = true;
    else this.heardTables.add(table);
    this.lastHeard = Date.now();
    this.timer ??= setTimeout(() => this.announce(), this.windowMs);
  }

  private announce(): void {
    this.timer = null;
    const everything = this.heardEverything;
    const tables = everything ? [] : [...this.heardTables].sort();
    const layers = new Set(everything ? LAYER_NAMES : tables.flatMap((t) => layersReading(t)));
    this.heardTables.clear();
    this.heardEverything = false;
    const change: DataChange = {
      sequence: ++this.sequence,
      tables,
      everything,
      tileLayers: LAYER_NAMES.filter((l) => layers.has(l)),
      at: new Date(this.lastHeard),
    };
    for (const subscriber of this.subscribers) subscriber.push(change);
    this.onAnnounce(change, this.subscribers.size);
  }
}

/**
 * Two reads nearly every request (GraphQL or tile) makes and writes rarely
 * change: the prefecture's thresholds (the rules need them) and the latest
 * year with figures (the default year). Kept once per process instead of two round
 * trips per request, and dropped when the change feed reports their table;
 * while the feed is not live they are read afresh every time.
 *
 * Besides, the last few classified choropleths (a national map is every
 * county's or township's figures, classified): the atlas asks for the same
 * map again and again, and the answer cache keeps whole answers only per
 * operation text; and the class breaks computed over every year (a year's
 * map reads them, and every year of a metric has the same). Dropped by a
 * write to any table.
 *
 * A value is dropped by any change published after its read began (the
 * promise is stored when the read starts), so a read that raced a commit is
 * never kept.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { ANY_TABLE } from '../db/changes.js';
import { Prefecture } from '../domain/entities.js';
import type { Classification } from '../domain/classify.js';
import type { PolicySettings } from '../domain/rules.js';
import { latestFigureYear } from '../spatial/aggregates.js';
import type { ChangeFeed } from './response-cache.js';
import type { Choropleth } from './types/indicators.type.js';
import { CHOSEN_PREFECTURE } from '../domain/region/chosen-prefecture.js';

/** Choropleths kept (a national county map with figures is ~2 MB; township maps with figures are not kept). */
const CHOROPLETHS_KEPT = 8;

export interface SharedReads {
  /** the prefecture's thresholds; null when it is not held (then there is no geography either) */
  /** `em` is asked for only when the value must be read (a cache hit needs no EntityManager) */
  thresholds(em: () => EntityManager, prefecture: string): Promise<PolicySettings | null>;
  /** the latest year with figures in the prefecture; null when there are none yet */
  latestYear(em: () => EntityManager, prefecture: string): Promise<number | null>;
  /** the codes of the prefectures held, ascending (what a request's scope is checked against) */
  prefectures(em: () => EntityManager): Promise<string[]>;
  /** the lowest prefecture code the last read of `prefectures` found, for a context made without a request (the warm-up); undefined before the first */
  lastDefault(): string | undefined;
  /** the choropleth `key` names (everything its answer depends on besides the data), computed by `compute` when not kept */
  choropleth(key: string, compute: () => Promise<Choropleth>): Promise<Choropleth>;
  /** class breaks over every year (`key` names level, metric, method and classes), computed by `compute` when not kept */
  breaks(key: string, compute: () => Promise<ClassBreaks>): Promise<ClassBreaks>;
  close(): void;
}

/** Breaks over every year and the years they were computed from. */
export interface ClassBreaks {
  classification: Classification;
  years: number[];
}

/** How long the list of prefectures held is kept at most, ms. */
const HELD_PREFECTURES_MS = 1000;

/** Breaks over every year kept: one per level, metric and method asked for (a few hundred bytes each). */
const BREAKS_KEPT = 64;

async function readThresholds(em: EntityManager, prefecture: string): Promise<PolicySettings | null> {
  const p = await em.findOne(Prefecture, { code: prefecture });
  return p ? p.getPolicySettings() : null;
}

/** The codes of the prefectures the database holds, lowest first (CHOSEN_PREFECTURE's order). */
export async function heldPrefectures(em: EntityManager): Promise<string[]> {
  const rows = await em.find(Prefecture, {}, { orderBy: CHOSEN_PREFECTURE.orderBy, fields: ['code'] });
  return rows.map((p) => p.code);
}

/**
 * Caches reads by key while the feed is live (at most `max` keys, the least
 * recently used dropped); `tables` are the tables whose change drops them
 * all, null for any table.
 */
function kept<T extends object | number | null | string[]>(feed: ChangeFeed | null, tables: readonly string[] | null, max = 1, ttlMs = 0) {
  // lru-cache holds no null or undefined: the promise of the value is what is kept.
  const values = new LRUCache<string, Promise<T>>({ max, ...(ttlMs > 0 ? { ttl: ttlMs } : {}) });
  const unsubscribe = feed?.subscribe((table) => {
    if (tables === null || table === ANY_TABLE || tables.includes(table)) values.clear();
  });
  return {
    get(key: string, read: () => Promise<T>): Promise<T> {
      if (!feed?.live) return read();
      let value = values.get(key);
      if (value === undefined) {
        const reading = read();
        value = reading;
        values.set(key, reading);
        // A failed read (database down) must not be kept.
        reading.catch(() => {
          if (values.peek(key) === reading) values.delete(key);
        });
      }
      return value;
    },
    close: () => unsubscribe?.(),
  };
}

export function sharedReads(feed: ChangeFeed | null): SharedReads {
  const thresholds = kept<PolicySettings | null>(feed, ['prefecture'], 8);
  const latest = kept<number | null>(feed, ['village_year', 'reported_area_figures'], 8);
  // Also read again after a second: the list decides what every request reads, and on the embedded database a write
  // by another client of its socket (an import script) is not heard by this process (one PGlite session, db/changes.ts).
  const held = kept<string[]>(feed, ['prefecture'], 1, HELD_PREFECTURES_MS);
  let lowest: string | undefined;
  const choropleths = kept<Choropleth>(feed, null, CHOROPLETHS_KEPT);
  const breaks = kept<ClassBreaks>(feed, null, BREAKS_KEPT);
  return {
    thresholds: (em, prefecture) => thresholds.get(prefecture, () => readThresholds(em(), prefecture)),
    latestYear: (em, prefecture) => latest.get(prefecture, () => latestFigureYear(em(), prefecture)),
    prefectures: (em) =>
      held.get('', () => heldPrefectures(em())).then((codes) => {
        lowest = codes[0];
        return codes;
      }),
    lastDefault: () => lowest,
    choropleth: (key, compute) => choropleths.get(key, compute),
    breaks: (key, compute) => breaks.get(key, compute),
    close() {
      breaks.close();
      thresholds.close();
      latest.close();
      held.close();
      choropleths.close();
    },
  };
}

/**
 * Two reads nearly every request (GraphQL or tile) makes and writes rarely
 * change: the prefecture's thresholds (the rules need them) and the latest
 * year with figures (the default year). Kept once per process instead of two round
 * trips per request, and dropped when the change feed reports their table;
 * while the feed is not live they are read afresh every time.
 *
 * A value is dropped by any change published after its read began (the
 * promise is stored when the read starts), so a read that raced a commit is
 * never kept.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Prefecture } from '../domain/entities.js';
import type { Thresholds } from '../domain/rules.js';
import { latestFigureYear } from '../spatial/aggregates.js';
import type { ChangeFeed } from './response-cache.js';

export interface SharedReads {
  /** null when no prefecture is loaded yet (then there is no geography either) */
  /** `em` is asked for only when the value must be read (a cache hit needs no EntityManager) */
  thresholds(em: () => EntityManager): Promise<Thresholds | null>;
  /** null when there are no figures yet */
  latestYear(em: () => EntityManager): Promise<number | null>;
  close(): void;
}

async function readThresholds(em: EntityManager): Promise<Thresholds | null> {
  const [p] = await em.find(Prefecture, {}, { limit: 1 });
  return p ? p.getThresholds() : null;
}

/** Caches `read` while the feed is live; `tables` are the tables whose change drops it. */
function kept<T>(feed: ChangeFeed | null, tables: readonly string[], read: (em: EntityManager) => Promise<T>) {
  let value: Promise<T> | null = null;
  const unsubscribe = feed?.subscribe((table) => {
    if (table === '*' || tables.includes(table)) value = null;
  });
  return {
    get(em: () => EntityManager): Promise<T> {
      if (!feed?.live) return read(em());
      if (value === null) {
        const reading = read(em());
        value = reading;
        // A failed read (database down) must not be kept.
        reading.catch(() => {
          if (value === reading) value = null;
        });
      }
      return value;
    },
    close: () => unsubscribe?.(),
  };
}

export function sharedReads(feed: ChangeFeed | null): SharedReads {
  const thresholds = kept(feed, ['prefecture'], readThresholds);
  const latest = kept(feed, ['village_year'], latestFigureYear);
  return {
    thresholds: (em) => thresholds.get(em),
    latestYear: (em) => latest.get(em),
    close() {
      thresholds.close();
      latest.close();
    },
  };
}

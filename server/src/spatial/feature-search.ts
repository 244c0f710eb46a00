/**
 * One paged search over any feature table: a count, then one page of keys
 * with their geodesic distance. Ordering by distance uses the GiST index on
 * the geography cast (KNN) for candidates, then the exact spheroid distance.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { distanceSql, referenceSql, type Reference } from './criteria.js';
import { Sql, query, raw, sql } from './sql.js';

export interface FeatureQuery {
  /** key column, e.g. `v.code` */
  key: string;
  /** `from … join …`, without `where` */
  from: Sql;
  where: Sql[];
  /** geometry column used for distances, e.g. `v.location` */
  geom: string;
  distanceFrom?: Reference;
  /** an ORDER BY list, or DISTANCE (needs distanceFrom) */
  order: Sql | 'DISTANCE';
  descending: boolean;
  offset: number;
  limit: number;
  /** whether the caller needs the total (lists do; a nearest-k answer does not); default true */
  withTotal?: boolean;
  /** more output columns (`a.x, b.y as z`), so a page comes back whole in this one statement */
  columns?: Sql;
}

export interface FeaturePage<K, R = object> {
  rows: Array<{ key: K; distance: number | null; row: R }>;
  total: number;
}

export async function featureSearch<K extends string | number, R extends object = object>(em: EntityManager, q: FeatureQuery): Promise<FeaturePage<K, R>> {
  const body = sql`${q.from} where ${q.where.length ? Sql.join(q.where, ' and ') : raw('true')}`;
  const count = async () => Number((await query<{ n: string }>(em, sql`select count(*) as n ${body}`))[0]?.n ?? 0);
  const withTotal = q.withTotal ?? true;

  const key = raw(q.key);
  const distance = q.distanceFrom ? distanceSql(q.geom, q.distanceFrom) : raw('null::float8');
  const columns = q.columns ? sql`, ${q.columns}` : raw('');
  let page: Sql;
  let total: number | null = null;
  if (q.order === 'DISTANCE') {
    if (!q.distanceFrom) throw new Error('ordering by DISTANCE needs a reference');
    // The KNN candidates below cannot count the whole set: count apart when asked.
    if (withTotal) {
      total = await count();
      if (total === 0 || q.offset >= total) return { rows: [], total };
    }
    page = q.descending
      ? sql`select ${key} as key, ${distance} as distance${columns} ${body} order by distance desc, ${key} limit ${q.limit} offset ${q.offset}`
      : sql`select * from (
              select ${key} as key, ${distance} as distance${columns} ${body}
               order by ${raw(q.geom)}::geography <-> ${referenceSql(q.distanceFrom)}::geography
               limit ${(q.offset + q.limit) * 2 + 10}) candidates
             order by distance, key limit ${q.limit} offset ${q.offset}`;
  } else {
    // One statement for the page and its total (a window count over the whole filtered set).
    page = sql`select ${key} as key, ${distance} as distance${withTotal ? raw(', count(*) over () as total') : raw('')}${columns} ${body} order by ${q.order} limit ${q.limit} offset ${q.offset}`;
  }
  const rows = await query<R & { key: K; distance: number | null; total?: string }>(em, page);
  if (total === null) {
    // An empty page past the end says nothing of the total: count apart.
    total = !withTotal ? rows.length : rows.length ? Number(rows[0]!.total) : q.offset > 0 ? await count() : 0;
  }
  return { rows: rows.map((r) => ({ key: r.key, distance: r.distance === null ? null : Number(r.distance), row: r })), total };
}

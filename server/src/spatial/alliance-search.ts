/** Alliance search over computed footprints (hull of the members, widened by a margin). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { spatialWhere, type Reference, type SpatialCriteria } from './criteria.js';
import { FOOTPRINTS_SQL } from './feature-geometry.js';
import { featureSearch, type FeaturePage } from './feature-search.js';
import type { ReadScope } from '../domain/region/read-scope.js';
import { inScopeSql } from './scope-sql.js';
import { Sql, raw, sql } from './sql.js';

export type AllianceOrderField = 'ID' | 'NAME' | 'MEMBERS' | 'DISTANCE';

export interface AllianceSearch {
  /** what the request reads: an alliance is inside when its centre village is */
  scope: ReadScope;
  countyCode?: string;
  townshipCode?: string;
  spatial: SpatialCriteria;
  distanceFrom?: Reference;
  orderBy: AllianceOrderField;
  descending: boolean;
  offset: number;
  limit: number;
  /** false when the caller needs no total (nearest k) */
  withTotal?: boolean;
}

export function searchAlliances(em: EntityManager, s: AllianceSearch): Promise<FeaturePage<number>> {
  const where: Sql[] = [inScopeSql(s.scope, 'a.centre_code')];
  // An alliance is in an area when any member is (members may span adjacent townships).
  if (s.countyCode) where.push(sql`exists (select 1 from village m join township mt on mt.code = m.township_code where m.alliance_id = a.id and mt.county_code = ${s.countyCode})`);
  if (s.townshipCode) where.push(sql`exists (select 1 from village m where m.alliance_id = a.id and m.township_code = ${s.townshipCode})`);
  where.push(...spatialWhere('f.footprint', s.spatial));
  const dir = raw(s.descending ? 'desc' : 'asc');
  const order: Record<Exclude<AllianceOrderField, 'DISTANCE'>, Sql> = {
    ID: sql`a.id ${dir}`,
    NAME: sql`a.name ${dir}, a.id`,
    MEMBERS: sql`(select count(*) from village m where m.alliance_id = a.id) ${dir}, a.id`,
  };
  return featureSearch<number>(em, {
    key: 'a.id',
    from: sql`from alliance a join (${FOOTPRINTS_SQL}) f on f.alliance_id = a.id`,
    where,
    geom: 'f.footprint',
    ...(s.distanceFrom ? { distanceFrom: s.distanceFrom } : {}),
    order: s.orderBy === 'DISTANCE' ? 'DISTANCE' : order[s.orderBy],
    descending: s.descending,
    offset: s.offset,
    limit: s.limit,
    withTotal: s.withTotal ?? true,
  });
}

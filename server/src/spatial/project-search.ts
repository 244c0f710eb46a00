/** Industry project search: attribute and spatial conditions, ordering, paging. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IndustryType } from '../domain/enums.js';
import { spatialWhere, type Reference, type SpatialCriteria } from './criteria.js';
import { featureSearch, type FeaturePage } from './feature-search.js';
import type { ReadScope } from '../domain/region/read-scope.js';
import { inScopeSql } from './scope-sql.js';
import { Sql, raw, sql } from './sql.js';

export type ProjectOrderField = 'ID' | 'NAME' | 'INVESTMENT' | 'START_YEAR' | 'DISTANCE';

export interface ProjectSearch {
  /** what the request reads: a project is inside when its village is */
  scope: ReadScope;
  types?: IndustryType[];
  countyCode?: string;
  townshipCode?: string;
  villageCode?: string;
  activeInYear?: number;
  operatorId?: number;
  spatial: SpatialCriteria;
  distanceFrom?: Reference;
  orderBy: ProjectOrderField;
  descending: boolean;
  offset: number;
  limit: number;
  /** false when the caller needs no total (nearest k) */
  withTotal?: boolean;
}

export function searchProjects(em: EntityManager, s: ProjectSearch): Promise<FeaturePage<number>> {
  const where: Sql[] = [inScopeSql(s.scope, 'p.village_code')];
  if (s.types?.length) where.push(sql`p.type in (select jsonb_array_elements_text(${JSON.stringify(s.types)}::jsonb))`);
  if (s.countyCode) where.push(sql`t.county_code = ${s.countyCode}`);
  if (s.townshipCode) where.push(sql`v.township_code = ${s.townshipCode}`);
  if (s.villageCode) where.push(sql`p.village_code = ${s.villageCode}`);
  if (s.activeInYear !== undefined) where.push(sql`p.start_year <= ${s.activeInYear} and (p.end_year is null or p.end_year >= ${s.activeInYear})`);
  if (s.operatorId !== undefined) where.push(sql`p.operator_id = ${s.operatorId}`);
  where.push(...spatialWhere('p.location', s.spatial));
  const dir = raw(s.descending ? 'desc' : 'asc');
  const order: Record<Exclude<ProjectOrderField, 'DISTANCE'>, Sql> = {
    ID: sql`p.id ${dir}`,
    NAME: sql`p.name ${dir}, p.id`,
    INVESTMENT: sql`p.investment_total ${dir}, p.id`,
    START_YEAR: sql`p.start_year ${dir}, p.id`,
  };
  return featureSearch<number>(em, {
    key: 'p.id',
    from: raw(`from industry_project p join village v on v.code = p.village_code join township t on t.code = v.township_code`),
    where,
    geom: 'p.location',
    ...(s.distanceFrom ? { distanceFrom: s.distanceFrom } : {}),
    order: s.orderBy === 'DISTANCE' ? 'DISTANCE' : order[s.orderBy],
    descending: s.descending,
    offset: s.offset,
    limit: s.limit,
    withTotal: s.withTotal ?? true,
  });
}

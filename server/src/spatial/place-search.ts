/**
 * Place search for the atlas's search box: counties, townships and villages
 * whose Chinese or English name contains the text, or whose code starts with
 * it, in one statement. Best matches first: exact name, then name prefix,
 * then anywhere in the name (code prefixes rank as prefixes); within a rank
 * counties before townships before villages, then by code.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReadScope } from '../domain/region/read-scope.js';
import { inScopeSql } from './scope-sql.js';
import { query, raw, sql } from './sql.js';

export type PlaceLevel = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export interface PlaceRow {
  level: PlaceLevel;
  code: string;
  name: string;
  name_en: string;
  /** the county's name for a township, the township's for a village */
  parent_name: string | null;
  parent_name_en: string | null;
  west: number;
  south: number;
  east: number;
  north: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchPlaces(em: EntityManager, scope: ReadScope, text: string, limit: number): Promise<PlaceRow[]> {
  const needle = text.trim();
  const anywhere = `%${escapeLike(needle)}%`;
  const prefix = `${escapeLike(needle)}%`;
  // Only digits can be a code prefix; anything else would never match one.
  const codePrefix = /^\d+$/.test(needle) ? prefix : null;
  const rank = (table: string) => sql`case
      when ${raw(table)}.name = ${needle} or lower(${raw(table)}.name_en) = lower(${needle}) then 0
      when ${raw(table)}.name like ${prefix} or ${raw(table)}.name_en ilike ${prefix} or ${raw(table)}.code like ${codePrefix} then 1
      else 2 end`;
  const matches = (table: string) =>
    sql`(${raw(table)}.name like ${anywhere} or ${raw(table)}.name_en ilike ${anywhere} or ${raw(table)}.code like ${codePrefix}) and ${inScopeSql(scope, `${table}.code`)}`;
  const box = (geom: string) =>
    raw(`ST_XMin(${geom})::float8 as west, ST_YMin(${geom})::float8 as south, ST_XMax(${geom})::float8 as east, ST_YMax(${geom})::float8 as north`);
  return query<PlaceRow>(
    em,
    sql`select level, code, name, name_en, parent_name, parent_name_en, west, south, east, north from (
          select 'COUNTY' as level, 0 as level_order, ${rank('c')} as rank, c.code, c.name, c.name_en,
                 null::text as parent_name, null::text as parent_name_en, ${box('c.boundary')}
            from county c where ${matches('c')}
          union all
          select 'TOWNSHIP', 1, ${rank('t')}, t.code, t.name, t.name_en, pc.name, pc.name_en, ${box('t.boundary')}
            from township t join county pc on pc.code = t.county_code where ${matches('t')}
          union all
          select 'VILLAGE', 2, ${rank('v')}, v.code, v.name, v.name_en, pt.name, pt.name_en, ${box('v.location')}
            from village v join township pt on pt.code = v.township_code where ${matches('v')}
        ) found
        order by rank, level_order, code
        limit ${limit}`,
  );
}

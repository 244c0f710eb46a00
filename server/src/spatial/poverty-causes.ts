/**
 * Poor households by main cause (致贫原因) of villages and areas, summed by
 * the database from village_poverty_cause: one statement for any number of
 * (area, year) keys, so a list of counties with their causes costs one
 * round trip. Ordering and shares are those of causeShares
 * (domain/causes/poverty-cause.ts): most households first, ties in the
 * registration form's order; a share is of the area's households with a
 * recorded cause. Causes without households are not listed.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { POVERTY_CAUSES, type PovertyCause } from '../domain/causes/poverty-cause.js';
import { query, raw, sql, type Sql } from './sql.js';

export type CauseLevel = 'village' | 'township' | 'county' | 'prefecture';

export interface AreaCauseRow {
  code: string;
  year: number;
  cause: PovertyCause;
  households: number;
  share: number;
}

/** The code of the area of `level` that village_poverty_cause row `c` (with its county `k`) belongs to. */
const AREA_OF: Record<CauseLevel, string> = {
  village: 'c.village_code',
  township: `left(c.village_code, 9) || '000'`,
  county: `left(c.village_code, 6) || '000000'`,
  prefecture: 'k.prefecture_code',
};

/** The form's order of causes, for ties. */
const FORM_ORDER = `array_position(array[${POVERTY_CAUSES.map((c) => `'${c}'`).join(', ')}]::text[], c.cause)`;

function countsSql(level: CauseLevel, keys: Sql, areaFilter: Sql): Sql {
  const area = AREA_OF[level];
  const county = level === 'prefecture' ? `join county k on k.code = left(c.village_code, 6) || '000000'` : '';
  return sql`select ${raw(area)} as code, c.year, c.cause, sum(c.households)::int as households,
                    sum(c.households) * 100.0 / sum(sum(c.households)) over (partition by ${raw(area)}, c.year) as share,
                    min(${raw(FORM_ORDER)}) as form_order
               from village_poverty_cause c ${raw(county)} ${keys}
              where c.households > 0 ${areaFilter}
              group by ${raw(area)}, c.year, c.cause`;
}

/** The causes of each (area, year) asked for, listed in order; an area-year without records has none. */
export async function areaCauses(em: EntityManager, level: CauseLevel, keys: ReadonlyArray<{ code: string; year: number }>): Promise<AreaCauseRow[]> {
  if (keys.length === 0) return [];
  const k = sql`join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as want(code text, year int) on want.year = c.year and want.code = ${raw(AREA_OF[level])}`;
  const rows = await query<Record<string, string | number>>(em, sql`${countsSql(level, k, raw(''))} order by code, year, households desc, form_order`);
  return rows.map(row);
}

/**
 * The share of `cause` (%) in every area of the level with records in the
 * year (or in every year when `year` is null), for maps: areas without
 * records are not listed, and an area with records but none of the cause has
 * share 0.
 */
export async function causeShareByArea(em: EntityManager, level: 'county' | 'township', year: number | null, cause: PovertyCause): Promise<Array<{ code: string; year: number; value: number }>> {
  const area = AREA_OF[level];
  const rows = await query<{ code: string; year: number; share: string }>(
    em,
    sql`select ${raw(area)} as code, c.year,
               coalesce(sum(c.households) filter (where c.cause = ${cause}), 0) * 100.0 / sum(c.households) as share
          from village_poverty_cause c
         where c.households > 0 ${year === null ? raw('') : sql`and c.year = ${year}`}
         group by ${raw(area)}, c.year`,
  );
  return rows.map((r) => ({ code: String(r.code), year: Number(r.year), value: Number(r.share) }));
}

/** The households recorded by cause of each village-year asked for (those without records are missing). */
export async function recordedCauseTotals(em: EntityManager, keys: ReadonlyArray<{ villageCode: string; year: number }>): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await query<{ village_code: string; year: number; total: number }>(
    em,
    sql`select c.village_code, c.year, sum(c.households)::int as total
          from village_poverty_cause c join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k("villageCode" text, year int)
            on k."villageCode" = c.village_code and k.year = c.year
         group by c.village_code, c.year`,
  );
  return new Map(rows.map((r) => [`${r.village_code}/${Number(r.year)}`, Number(r.total)]));
}

const row = (r: Record<string, string | number>): AreaCauseRow => ({
  code: String(r.code),
  year: Number(r.year),
  cause: r.cause as PovertyCause,
  households: Number(r.households),
  share: Number(r.share),
});

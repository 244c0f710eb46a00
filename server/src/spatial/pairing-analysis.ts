/**
 * The facts behind pairing suggestions, coverage gaps and what-if figures,
 * gathered by the database (distances geodesic, on the geography indexes).
 * Ranking and need order are domain/pairing-score.ts; strength is the SQL
 * form of domain/rules.ts (spatial/rules-sql.ts).
 *
 * "Covered" means: a pairing active in the year helps the village and its
 * helper is within the radius — a helper village by its location, an
 * enterprise by the village it sits in (an enterprise with no village of its
 * own counts as within reach: it travels to help).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IndustryType } from '../domain/enums.js';
import type { Thresholds } from '../domain/rules.js';
import { activePairingSql, incidenceSql, strengthSql } from './rules-sql.js';
import { query, raw, sql, type Sql } from './sql.js';

export interface CandidateRow {
  code: string;
  distanceMeters: number;
  income: number;
  load: number;
  industries: IndustryType[];
}

/** Industry types of the village's projects running in the year, as a JSON array. */
function industriesSql(village: string, year: Sql): Sql {
  return sql`coalesce((select jsonb_agg(distinct ip.type order by ip.type) from industry_project ip
      where ip.village_code = ${raw(village)}.code and ip.start_year <= ${year} and (ip.end_year is null or ip.end_year >= ${year})), '[]'::jsonb)`;
}

/** Villages the helper village helps in the year. */
function loadSql(village: string, year: Sql): Sql {
  return sql`(select count(*)::int from pairing lp where lp.helper_village_code = ${raw(village)}.code and ${activePairingSql('lp', year)})`;
}

/** Strong villages (in the year) within the radius of the village, not already helping it. */
export async function strongVillagesNear(em: EntityManager, code: string, year: number, radiusMeters: number, t: Thresholds): Promise<CandidateRow[]> {
  const y = sql`${year}::int`;
  const rows = await query<{ code: string; distance: number; income: string; load: number; industries: IndustryType[] }>(
    em,
    sql`select c.code, ST_Distance(c.location::geography, w.location::geography) as distance, cy.collective_income as income,
          ${loadSql('c', y)} as load, ${industriesSql('c', y)} as industries
        from village w
        join village c on c.code <> w.code and ST_DWithin(c.location::geography, w.location::geography, ${radiusMeters})
        join village_year cy on cy.village_code = c.code and cy.year = ${y}
        where w.code = ${code}
          and ${strengthSql('c', 'cy', y, t)} = 'STRONG'
          and not exists (select 1 from pairing p where p.helper_village_code = c.code and p.helped_village_code = w.code and p.end_year is null)`,
  );
  return rows.map((r) => ({ code: r.code, distanceMeters: Number(r.distance), income: Number(r.income), load: r.load, industries: r.industries }));
}

export async function villageIndustries(em: EntityManager, code: string, year: number): Promise<IndustryType[]> {
  const [row] = await query<{ industries: IndustryType[] }>(em, sql`select ${industriesSql('v', sql`${year}::int`)} as industries from village v where v.code = ${code}`);
  return row?.industries ?? [];
}

/** A helping link as the coverage figures see it: helper village or enterprise, helped village. */
export interface Link {
  helperVillageCode: string | null;
  helperOrganisationId: number | null;
  helpedVillageCode: string;
}

/** The pairings active in the year plus the proposed ones, as rows (p.helper_village_code, p.helper_organisation_id, p.helped_village_code). */
function linksSql(year: Sql, proposed: readonly Link[]): Sql {
  return sql`(select helper_village_code, helper_organisation_id, helped_village_code from pairing p where ${activePairingSql('p', year)}
      union all
      select x->>'helperVillageCode', (x->>'helperOrganisationId')::int, x->>'helpedVillageCode' from jsonb_array_elements(${JSON.stringify(proposed)}::jsonb) x)`;
}

/** The link l helps village v from within the radius. */
function coversSql(radiusMeters: number): Sql {
  return sql`(l.helped_village_code = v.code and (
      (h.code is not null and ST_DWithin(h.location::geography, v.location::geography, ${radiusMeters}))
      or (l.helper_organisation_id is not null and (hv.code is null or ST_DWithin(hv.location::geography, v.location::geography, ${radiusMeters})))))`;
}

function linkJoins(): Sql {
  return raw(`left join village h on h.code = l.helper_village_code
      left join organisation o on o.id = l.helper_organisation_id
      left join village hv on hv.code = o.village_code`);
}

export interface GapRow {
  code: string;
  income: number;
  incidence: number | null;
  softLax: boolean;
  branchRating: string;
  isPoorVillage: boolean;
  exitedYear: number | null;
  poorPopulation: number;
  nearestStrongCode: string | null;
  nearestStrongMeters: number | null;
  strongWithinRadius: number;
}

/** Weak villages (in the year, optionally of one county) that no active helper within the radius covers. */
export async function uncoveredWeakVillages(em: EntityManager, o: { year: number; radiusMeters: number; countyCode?: string | undefined }, t: Thresholds): Promise<GapRow[]> {
  const y = sql`${o.year}::int`;
  const strong = strengthSql('c', 'cy', y, t);
  const rows = await query<{
    code: string;
    income: string;
    incidence: number | null;
    soft_lax: boolean;
    branch_rating: string;
    is_poor_village: boolean;
    exited_year: number | null;
    poor_population: number;
    nearest_code: string | null;
    nearest_meters: number | null;
    within: number;
  }>(
    em,
    // Strong villages once, then per weak village a count within the radius and a KNN probe.
    sql`with strong as materialized (
          select c.code, c.location from village c join village_year cy on cy.village_code = c.code and cy.year = ${y} where ${strong} = 'STRONG')
        select v.code, vy.collective_income as income, ${incidenceSql('vy')} as incidence, vy.soft_lax, vy.branch_rating,
          v.is_poor_village, v.exited_year, vy.poor_population, n.code as nearest_code, n.meters as nearest_meters,
          (select count(*)::int from strong c where c.code <> v.code and ST_DWithin(c.location::geography, v.location::geography, ${o.radiusMeters})) as within
        from village v
        join township tw on tw.code = v.township_code
        join village_year vy on vy.village_code = v.code and vy.year = ${y}
        left join lateral (
          select c.code, ST_Distance(c.location::geography, v.location::geography) as meters
          from strong c where c.code <> v.code
          order by 2 limit 1) n on true
        where ${strengthSql('v', 'vy', y, t)} = 'WEAK'
          ${o.countyCode ? sql`and tw.county_code = ${o.countyCode}` : raw('')}
          and not exists (select 1 from ${linksSql(y, [])} l ${linkJoins()} where ${coversSql(o.radiusMeters)})`,
  );
  return rows.map((r) => ({
    code: r.code,
    income: Number(r.income),
    incidence: r.incidence === null ? null : Number(r.incidence),
    softLax: r.soft_lax,
    branchRating: r.branch_rating,
    isPoorVillage: r.is_poor_village,
    exitedYear: r.exited_year,
    poorPopulation: r.poor_population,
    nearestStrongCode: r.nearest_code,
    nearestStrongMeters: r.nearest_meters === null ? null : Number(r.nearest_meters),
    strongWithinRadius: r.within,
  }));
}

export interface CoverageRow {
  weakVillages: number;
  coveredWeakVillages: number;
  poorPopulationUncovered: number;
  pairings: number;
  helperVillages: number;
  maxHelperLoad: number;
  meanDistanceMeters: number | null;
}

/**
 * Coverage of a county's weak villages in the year, with the proposed links
 * added to the active pairings (none: the figures as they stand).
 */
export async function countyCoverage(em: EntityManager, o: { countyCode: string; year: number; radiusMeters: number; proposed: readonly Link[] }, t: Thresholds): Promise<CoverageRow> {
  const y = sql`${o.year}::int`;
  const [row] = await query<{
    weak: number;
    covered: number;
    poor_uncovered: number;
    pairings: number;
    helpers: number;
    max_load: number | null;
    mean_distance: number | null;
  }>(
    em,
    sql`with links as ${linksSql(y, o.proposed)},
        local as (select l.*, v.location as helped_location from links l join village v on v.code = l.helped_village_code
          join township tw on tw.code = v.township_code where tw.county_code = ${o.countyCode}),
        weak as (select v.code, v.location, vy.poor_population,
            exists (select 1 from links l ${linkJoins()} where ${coversSql(o.radiusMeters)}) as covered
          from village v join township tw on tw.code = v.township_code
          join village_year vy on vy.village_code = v.code and vy.year = ${y}
          where tw.county_code = ${o.countyCode} and ${strengthSql('v', 'vy', y, t)} = 'WEAK'),
        loads as (select helper_village_code, count(*) as n from links where helper_village_code is not null
          and helper_village_code in (select helper_village_code from local) group by helper_village_code)
      select (select count(*)::int from weak) as weak,
        (select count(*)::int from weak where covered) as covered,
        (select coalesce(sum(poor_population), 0)::int from weak where not covered) as poor_uncovered,
        (select count(*)::int from local) as pairings,
        (select count(distinct helper_village_code)::int from local) as helpers,
        (select max(n)::int from loads) as max_load,
        (select avg(ST_Distance(h.location::geography, local.helped_location::geography)) from local join village h on h.code = local.helper_village_code) as mean_distance`,
  );
  if (!row) throw new Error('coverage query returned no row');
  return {
    weakVillages: row.weak,
    coveredWeakVillages: row.covered,
    poorPopulationUncovered: row.poor_uncovered,
    pairings: row.pairings,
    helperVillages: row.helpers,
    maxHelperLoad: row.max_load ?? 0,
    meanDistanceMeters: row.mean_distance === null ? null : Number(row.mean_distance),
  };
}

/** Geodesic distance between two villages in metres; null when either is unknown. */
export async function villageDistance(em: EntityManager, a: string, b: string): Promise<number | null> {
  const [row] = await query<{ d: number }>(
    em,
    sql`select ST_Distance(x.location::geography, y.location::geography) as d from village x, village y where x.code = ${a} and y.code = ${b}`,
  );
  return row ? Number(row.d) : null;
}

/**
 * 预警 in the database: one query per rule of rules.ts, each returning the
 * places where the rule fires in a year with the figures that fired it.
 * tests/api/warnings-twin.test.ts holds each query equal to its predicate;
 * change both together.
 *
 * Every query returns the same columns (WarningRow): the place (county,
 * township and village, the last two null for a county's or township's
 * warning), the subject it is about (a project, a pairing, a fund, a
 * finding) and the figures as jsonb. `prefix` limits the rows to an area:
 * a place is inside it when its own code starts with the area's code digits.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Thresholds } from '../rules.js';
import { activeInYearSql, strengthSql } from '../../spatial/rules-sql.js';
import { query, raw, sql, type Sql } from '../../spatial/sql.js';
import { RISE_EPSILON } from './rules.js';
import type { WarningRule, WarningSettings } from './settings.js';

export interface WarningRow {
  county_code: string;
  county_name: string;
  county_name_en: string;
  township_code: string | null;
  township_name: string | null;
  township_name_en: string | null;
  village_code: string | null;
  village_name: string | null;
  village_name_en: string | null;
  subject_id: number | null;
  subject_name: string | null;
  /** the rule's figures (see each query) */
  f: Record<string, unknown>;
}

export interface WarningQuery {
  year: number;
  /** the leading digits of the area's code; '' for the whole prefecture */
  prefix: string;
  settings: WarningSettings;
  thresholds: Thresholds;
  /** the day the year is judged on (asOfDate) */
  asOf: string;
}

/** Names of a place: c, t, v joined (t and v may be null-extended). */
const PLACE = raw(`c.code as county_code, c.name as county_name, c.name_en as county_name_en,
  t.code as township_code, t.name as township_name, t.name_en as township_name_en,
  v.code as village_code, v.name as village_name, v.name_en as village_name_en`);
/** A village v's township t and county c. */
const VILLAGE_PLACE = raw(`join township t on t.code = v.township_code join county c on c.code = t.county_code`);
const within = (code: string, prefix: string): Sql => sql`${raw(code)} like ${`${prefix}%`}`;
const Y = (q: WarningQuery) => sql`${q.year}::int`;

/** Incidence as the TypeScript rule computes it, (poor / rural) × 100, so the two round alike. */
const incidence = (poor: string, rural: string) => `(case when ${rural} > 0 then (${poor}::float8 / ${rural}) * 100 end)`;

function returnRisk(q: WarningQuery): Sql {
  const fires = (cur: string, prev: string) =>
    sql`((${raw(incidence(`${cur}.poor_population`, `${cur}.rural_population`))} - ${raw(incidence(`${prev}.poor_population`, `${prev}.rural_population`))})
            >= ${q.settings.returnRiskIncidencePoints - RISE_EPSILON}::float8
         or ${raw(cur)}.poor_population - ${raw(prev)}.poor_population >= ${q.settings.returnRiskPoorPopulation}::int)`;
  const figures = (cur: string, prev: string) =>
    raw(`jsonb_build_object('poorPopulation', ${cur}.poor_population, 'ruralPopulation', ${cur}.rural_population,
                            'previousPoorPopulation', ${prev}.poor_population, 'previousRuralPopulation', ${prev}.rural_population)`);
  const area = (level: 'township' | 'county') => sql`
    select ${raw(level === 'county'
      ? `c.code as county_code, c.name as county_name, c.name_en as county_name_en, null::text as township_code, null::text as township_name, null::text as township_name_en`
      : `c.code as county_code, c.name as county_name, c.name_en as county_name_en, t.code as township_code, t.name as township_name, t.name_en as township_name_en`)},
           null::text as village_code, null::text as village_name, null::text as village_name_en, null::int as subject_id, null::text as subject_name,
           ${figures('cur', 'prev')} as f
      from area_year_figures cur join area_year_figures prev on prev.level = cur.level and prev.code = cur.code and prev.year = cur.year - 1
           ${raw(level === 'county' ? 'join county c on c.code = cur.code' : 'join township t on t.code = cur.code join county c on c.code = t.county_code')}
     where cur.level = ${level} and cur.year = ${Y(q)} and ${within('cur.code', q.prefix)} and ${fires('cur', 'prev')}`;
  return sql`
    select ${PLACE}, null::int as subject_id, null::text as subject_name, ${figures('cur', 'prev')} as f
      from village_year cur join village_year prev on prev.village_code = cur.village_code and prev.year = cur.year - 1
           join village v on v.code = cur.village_code ${VILLAGE_PLACE}
     where cur.year = ${Y(q)} and ${within('v.code', q.prefix)} and ${fires('cur', 'prev')}
    union all ${area('township')}
    union all ${area('county')}`;
}

/** Figures of the strength rule for a village v with its year's row vy (evidence: why it is weak). */
const strengthFigures = (v: string, vy: string) =>
  raw(`'collectiveIncome', ${vy}.collective_income, 'softLax', ${vy}.soft_lax, 'branchRating', ${vy}.branch_rating,
       'isPoorVillage', ${v}.is_poor_village, 'exitedYear', ${v}.exited_year`);

function weakUnpaired(q: WarningQuery): Sql {
  return sql`
    select ${PLACE}, null::int as subject_id, null::text as subject_name, jsonb_build_object(${strengthFigures('v', 'vy')}) as f
      from village v join village_year vy on vy.village_code = v.code and vy.year = ${Y(q)} ${VILLAGE_PLACE}
     where ${within('v.code', q.prefix)} and ${strengthSql('v', 'vy', Y(q), q.thresholds)} = 'WEAK'
       and not exists (select 1 from pairing p where p.helped_village_code = v.code and ${activeInYearSql('p', Y(q))})`;
}

function helperWeak(q: WarningQuery): Sql {
  return sql`
    select ${PLACE}, p.id as subject_id, h.name as subject_name,
           jsonb_build_object('helperVillageCode', h.code, 'helperVillageName', h.name, 'helperVillageNameEn', h.name_en, ${strengthFigures('h', 'hy')}) as f
      from pairing p join village v on v.code = p.helped_village_code ${VILLAGE_PLACE}
           join village h on h.code = p.helper_village_code join village_year hy on hy.village_code = h.code and hy.year = ${Y(q)}
     where ${within('v.code', q.prefix)} and ${activeInYearSql('p', Y(q))} and ${strengthSql('h', 'hy', Y(q), q.thresholds)} = 'WEAK'`;
}

function softLaxRepeated(q: WarningQuery): Sql {
  // Consecutive soft-and-lax years share year − row_number(): a missing or a good year starts a new island.
  return sql`
    with s as (select vy.village_code, vy.year, vy.year - row_number() over (partition by vy.village_code order by vy.year) as island
                 from village_year vy where vy.soft_lax and vy.year <= ${Y(q)} and ${within('vy.village_code', q.prefix)}),
         runs as (select village_code, count(*)::int as run, min(year) as since from s group by village_code, island having max(year) = ${Y(q)})
    select ${PLACE}, null::int as subject_id, null::text as subject_name, jsonb_build_object('years', r.run, 'since', r.since) as f
      from runs r join village v on v.code = r.village_code ${VILLAGE_PLACE}
     where r.run >= ${q.settings.softLaxYears}::int`;
}

function poorVillageUnstaffed(q: WarningQuery): Sql {
  return sql`
    select ${PLACE}, null::int as subject_id, null::text as subject_name,
           jsonb_build_object('poorPopulation', vy.poor_population, 'ruralPopulation', vy.rural_population) as f
      from village v join village_year vy on vy.village_code = v.code and vy.year = ${Y(q)} ${VILLAGE_PLACE}
     where ${within('v.code', q.prefix)} and v.is_poor_village and (v.exited_year is null or v.exited_year > ${Y(q)})
       and not exists (select 1 from work_team w where w.village_code = v.code and ${activeInYearSql('w', Y(q))})`;
}

function projectNoPoorBenefit(q: WarningQuery): Sql {
  return sql`
    select ${PLACE}, ip.id as subject_id, ip.name as subject_name,
           jsonb_build_object('beneficiaryPoorHouseholds', ip.beneficiary_poor_households, 'stage', py.stage, 'dividendsPoor', py.dividends_poor) as f
      from industry_project ip join village v on v.code = ip.village_code ${VILLAGE_PLACE}
           left join project_year py on py.project_id = ip.id and py.year = ${Y(q)}
     where ${within('v.code', q.prefix)} and ${activeInYearSql('ip', Y(q))}
       and (ip.beneficiary_poor_households = 0 or (py.stage in ('OPERATING', 'EFFECTIVE') and py.dividends_poor = 0))`;
}

function fundsBelowCommitment(q: WarningQuery): Sql {
  return sql`
    select ${PLACE}, af.id as subject_id, u.name as subject_name,
           jsonb_build_object('unitId', u.id, 'unitName', u.name, 'delivered', af.amount, 'committed', af.committed) as f
      from assignment_fund af join assignment a on a.id = af.assignment_id join assisting_unit u on u.id = a.unit_id
           join village v on v.code = a.village_code ${VILLAGE_PLACE}
     where af.year = ${Y(q)} and ${within('v.code', q.prefix)} and af.committed > 0
       and af.amount * 100 < af.committed * ${q.settings.fundsBelowPercent}::int`;
}

function findingOverdue(q: WarningQuery): Sql {
  const asOf = sql`${q.asOf}::date`;
  return sql`
    select ${PLACE}, f.id as subject_id, f.description as subject_name,
           jsonb_build_object('category', f.category, 'responsibleUnit', f.responsible_unit, 'deadline', f.deadline,
                              'inspectedOn', i.inspected_on, 'inspectingUnit', i.inspecting_unit, 'asOf', ${asOf}) as f
      from finding f join inspection i on i.id = f.inspection_id join county c on c.code = i.county_code
           left join township t on t.code = i.township_code left join village v on v.code = i.village_code
     where ${within('coalesce(i.village_code, i.township_code, i.county_code)', q.prefix)}
       and i.inspected_on <= ${asOf} and finding_status(f.deadline, f.rectified_on, ${asOf}) = 'OVERDUE'`;
}

/** The one query of each rule. */
export const WARNING_SQL: Record<WarningRule, (q: WarningQuery) => Sql> = {
  RETURN_RISK: returnRisk,
  WEAK_UNPAIRED: weakUnpaired,
  HELPER_WEAK: helperWeak,
  SOFT_LAX_REPEATED: softLaxRepeated,
  POOR_VILLAGE_UNSTAFFED: poorVillageUnstaffed,
  PROJECT_NO_POOR_BENEFIT: projectNoPoorBenefit,
  FUNDS_BELOW_COMMITMENT: fundsBelowCommitment,
  FINDING_OVERDUE: findingOverdue,
};

/** The rows where `rule` fires. */
export function warningRows(em: EntityManager, rule: WarningRule, q: WarningQuery): Promise<WarningRow[]> {
  return query<WarningRow>(em, WARNING_SQL[rule](q));
}

export interface ResponsibleRow {
  village_code: string;
  kind: 'ASSISTING_UNIT' | 'WORK_TEAM';
  unit_id: number;
  name: string;
}

/** The assisting units (帮扶单位) and work teams' dispatching units (派驻单位) of villages in a year. */
export function responsibleUnits(em: EntityManager, villageCodes: readonly string[], year: number): Promise<ResponsibleRow[]> {
  if (villageCodes.length === 0) return Promise.resolve([]);
  const codes = JSON.stringify(villageCodes);
  return query<ResponsibleRow>(em, sql`
    select a.village_code, 'ASSISTING_UNIT' as kind, u.id as unit_id, u.name from assignment a join assisting_unit u on u.id = a.unit_id
     where a.village_code in (select jsonb_array_elements_text(${codes}::jsonb)) and ${activeInYearSql('a', sql`${year}::int`)}
    union
    select w.village_code, 'WORK_TEAM', u.id, u.name from work_team w join assisting_unit u on u.id = w.dispatching_unit_id
     where w.village_code in (select jsonb_array_elements_text(${codes}::jsonb)) and ${activeInYearSql('w', sql`${year}::int`)}
    order by 1, 2, 4, 3`);
}

/** A point for each place: a village's location, a point inside a township's or county's boundary. */
export function placePoints(em: EntityManager, codes: readonly string[]): Promise<Array<{ code: string; lon: number; lat: number }>> {
  if (codes.length === 0) return Promise.resolve([]);
  const list = sql`(select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`;
  return query(em, sql`
    select code, ST_X(location) as lon, ST_Y(location) as lat from village where code in ${list}
    union all select code, ST_X(p), ST_Y(p) from (select code, ST_PointOnSurface(boundary) as p from township where code in ${list}) t
    union all select code, ST_X(p), ST_Y(p) from (select code, ST_PointOnSurface(boundary) as p from county where code in ${list}) c`);
}

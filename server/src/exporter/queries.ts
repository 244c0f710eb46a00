/**
 * What `pnpm data:export` reads for each kind: one query per kind giving the
 * kind's record fields (as the importer names them) ready to be written, and
 * the geometry as GeoJSON. Organisations and units are named by their name,
 * or by their id where another one shares the name, so the file imports back
 * unambiguously. `$county` (12 digits or null) and `$year` (or null) filter;
 * rows come in the order of the natural key, paged by limit/offset.
 */
import { POVERTY_CAUSES, type ImportKind } from '@lingyan/data';

export interface ExportFilter {
  /** 12-digit county code */
  county: string | null;
  year: number | null;
}

/** `village`'s county is the filter's (the first 6 digits of a code). */
const inCounty = (code: string) => `(:county::text is null or left(${code}, 6) = left(:county::text, 6))`;
/** A period [start, end] covers the filter's year. */
const activeIn = (start: string, end: string) => `(:year::int is null or (${start} <= :year::int and (${end} is null or ${end} >= :year::int)))`;
/** An organisation's or unit's reference: its name, or its id when the name is shared. */
const reference = (table: string, alias: string) =>
  `case when ${alias}.id is null then null when (select count(*) from ${table} n where n.name = ${alias}.name) = 1 then ${alias}.name else ${alias}.id::text end`;
const geometry = (column: string) => `ST_AsGeoJSON(${column}, 15)::json as geometry`;

/** A level's reported figures (报送), as the county-figures and township-figures kinds read them back. */
function reportedFigures(level: 'county' | 'township'): string {
  return `
    select code, year, households, rural_population as "ruralPopulation", poor_households as "poorHouseholds", poor_population as "poorPopulation",
           poverty_incidence as "povertyIncidence", collective_income_total as "collectiveIncome", party_members as "partyMembers"
      from reported_area_figures where level = '${level}' and ${inCounty('code')} and (:year::int is null or year = :year::int) order by code, year`;
}

export const EXPORT_QUERIES: Record<ImportKind, string> = {
  counties: `
    select code, name, name_en as "nameEn", kind, key_poor_county as "keyPoorCounty", exited_year as "exitedYear", ${geometry('boundary')}
      from county where ${inCounty('code')} order by code`,
  townships: `
    select code, county_code as "countyCode", name, name_en as "nameEn", kind, ${geometry('boundary')}
      from township where ${inCounty('code')} order by code`,
  villages: `
    select code, township_code as "townshipCode", name, name_en as "nameEn", kind, is_poor_village as "isPoorVillage", exited_year as "exitedYear",
           branch_name as "branchName", branch_focus as "branchFocus", branch_governance15 as "branchGovernance15", ${geometry('location')}
      from village where ${inCounty('code')} order by code`,
  figures: `
    select village_code as "villageCode", year, households, rural_population as "ruralPopulation", poor_households as "poorHouseholds",
           poor_population as "poorPopulation", collective_income::float8 as "collectiveIncome", party_members as "partyMembers",
           member_pairings as "memberPairings", secretary_is_director as "secretaryIsDirector", soft_lax as "softLax", branch_rating as "branchRating"
      from village_year where ${inCounty('village_code')} and (:year::int is null or year = :year::int) order by village_code, year`,
  alliances: `
    select a.name, a.centre_code as "centreVillageCode",
           (select string_agg(v.code, ';' order by v.code) from village v where v.alliance_id = a.id) as "memberVillageCodes",
           ${reference('organisation', 'o')} as "platformCompany", a.founded_year as "foundedYear"
      from alliance a left join organisation o on o.id = a.platform_company_id
     where ${inCounty('a.centre_code')} and (:year::int is null or a.founded_year <= :year::int) order by a.centre_code`,
  pairings: `
    select p.kind, p.helper_village_code as "helperVillageCode", ${reference('organisation', 'o')} as "helperOrganisation",
           p.helped_village_code as "helpedVillageCode", p.start_year as "startYear", p.end_year as "endYear"
      from pairing p left join organisation o on o.id = p.helper_organisation_id
     where ${inCounty('p.helped_village_code')} and ${activeIn('p.start_year', 'p.end_year')}
     order by p.helped_village_code, coalesce(p.helper_village_code, o.id::text), p.start_year`,
  projects: `
    select p.name, p.type, p.village_code as "villageCode", ${reference('organisation', 'o')} as "operator", p.start_year as "startYear", p.end_year as "endYear",
           p.investment_total::float8 as "investmentTotal", p.investment_fiscal::float8 as "investmentFiscal", p.investment_assisting::float8 as "investmentAssisting",
           p.investment_collective::float8 as "investmentCollective", p.investment_enterprise::float8 as "investmentEnterprise", p.investment_other::float8 as "investmentOther",
           p.beneficiary_households as "beneficiaryHouseholds", p.beneficiary_poor_households as "beneficiaryPoorHouseholds", ${geometry('p.location')}
      from industry_project p left join organisation o on o.id = p.operator_id
     where ${inCounty('p.village_code')} and ${activeIn('p.start_year', 'p.end_year')} order by p.village_code, p.name`,
  // One row per assignment; a unit without one (and only without a county filter) as a row of its own.
  units: `
    select ${reference('assisting_unit', 'u')} as unit, u.kind, a.village_code as "villageCode", a.start_year as "startYear", a.end_year as "endYear",
           (select string_agg(f.year || ':' || f.amount::float8, ';' order by f.year) from assignment_fund f where f.assignment_id = a.id) as funds,
           (select string_agg(f.year || ':' || f.committed::float8, ';' order by f.year) from assignment_fund f where f.assignment_id = a.id and f.committed is not null) as committed
      from assisting_unit u left join assignment a on a.unit_id = u.id
     where case when a.id is null then :county::text is null and :year::int is null
                else ${inCounty('a.village_code')} and ${activeIn('a.start_year', 'a.end_year')} end
     order by u.name, u.id, a.village_code, a.start_year`,
  // A project by its village and name (what the projects kind imports by), so the file imports into another hub; 项目编号 stays empty.
  progress: `
    select p.village_code as "villageCode", p.name as "projectName", null::int as "projectId", y.year, y.stage,
           ${['planned', 'delivered'].flatMap((k) => ['fiscal', 'assisting', 'collective', 'enterprise', 'other'].map((s) => `y.${k}_${s}::float8 as "${k}${s[0]!.toUpperCase()}${s.slice(1)}"`)).join(', ')},
           y.jobs, y.dividend_households as "dividendHouseholds", y.dividends_poor::float8 as "dividendsPoor", y.share_capital_poor::float8 as "shareCapitalPoor"
      from project_year y join industry_project p on p.id = y.project_id
     where ${inCounty('p.village_code')} and (:year::int is null or y.year = :year::int) order by p.village_code, p.name, y.year`,
  // WIDE, as bureaus keep it: one row per village-year with records, one column per cause (0 where none).
  causes: `
    select c.village_code as "villageCode", c.year,
           ${POVERTY_CAUSES.map((cause) => `coalesce(sum(c.households) filter (where c.cause = '${cause}'), 0)::int as "${cause}"`).join(',\n           ')}
      from village_poverty_cause c
     where ${inCounty('c.village_code')} and (:year::int is null or c.year = :year::int)
     group by c.village_code, c.year order by c.village_code, c.year`,
  // 督查问题清单: one row per finding with its visit; the year is the visit's.
  findings: `
    select i.inspected_on::text as "inspectedOn", i.inspecting_unit as "inspectingUnit", coalesce(i.village_code, i.township_code, i.county_code) as "placeCode",
           f.category, f.description, f.responsible_unit as "responsibleUnit", f.deadline::text as deadline, f.rectified_on::text as "rectifiedOn", f.evidence
      from finding f join inspection i on i.id = f.inspection_id
     where ${inCounty('i.county_code')} and (:year::int is null or extract(year from i.inspected_on)::int = :year::int)
     order by i.inspected_on, i.inspecting_unit, coalesce(i.village_code, i.township_code, i.county_code), f.id`,
  'county-figures': reportedFigures('county'),
  'township-figures': reportedFigures('township'),
};

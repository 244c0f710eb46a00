/**
 * Reported area figures (报送) in the database: a planner's edit of one
 * area-year (versioned, audited, within the counties the token covers), the
 * prefecture's choice of source (admin, audited) and the data-quality check
 * (reported against the villages' sum, per area-year).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { inList, query, raw, sql } from '../../spatial/sql.js';
import { audit } from '../audit/audit.service.js';
import { enforce } from '../planning.js';
import { Missing, checkVersion, type EditContext } from '../planning/edit.js';
import { completeReportedFigures, type ReportedFigures, type ReportedFiguresInput, type ReportedLevel } from './reported-figures.js';

/** The prefecture's choice (prefecture.figure_source; the rule itself is the SQL function figure_source). */
export type FigureSourceSetting = 'REPORTED_FIRST' | 'VILLAGES_FIRST';

export interface StoredReportedFigures extends ReportedFigures {
  level: ReportedLevel;
  code: string;
  version: number;
}

const SELECT = `level, code, year, version, households, rural_population as "ruralPopulation", poor_households as "poorHouseholds",
  poor_population as "poorPopulation", poverty_incidence as "povertyIncidence", collective_income_total as "collectiveIncomeTotal", party_members as "partyMembers"`;

function stored(r: Record<string, unknown>): StoredReportedFigures {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    level: r.level as ReportedLevel,
    code: String(r.code),
    year: Number(r.year),
    version: Number(r.version),
    households: n(r.households),
    ruralPopulation: Number(r.ruralPopulation),
    poorHouseholds: n(r.poorHouseholds),
    poorPopulation: Number(r.poorPopulation),
    povertyIncidence: n(r.povertyIncidence),
    collectiveIncomeTotal: n(r.collectiveIncomeTotal),
    partyMembers: n(r.partyMembers),
  };
}

/** The reported figures of areas of a level in some years (all years when `years` is null). */
export async function reportedFigures(em: EntityManager, level: ReportedLevel, codes: readonly string[], years: readonly number[] | null): Promise<StoredReportedFigures[]> {
  if (codes.length === 0) return [];
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select ${SELECT} from reported_area_figures where level = ? and code in (select json_array_elements_text(?::json))
        and (?::json is null or year in (select json_array_elements_text(?::json)::int)) order by code, year`,
    [level, JSON.stringify(codes), years && JSON.stringify(years), years && JSON.stringify(years)],
  );
  return rows.map(stored);
}

export interface ReportedFiguresEdit extends ReportedFiguresInput {
  level: ReportedLevel;
  code: string;
  /** required when the area-year has reported figures already */
  version?: number | null;
}

/** The county of an existing area of the level; Missing when there is none. */
async function countyOfArea(em: EntityManager, level: ReportedLevel, code: string, field: string): Promise<string> {
  const [row] = await em.execute<Array<{ county: string }>>(
    level === 'county' ? `select code as county from county where code = ?` : `select county_code as county from township where code = ?`,
    [code],
  );
  if (!row) throw new Missing(level === 'county' ? 'County' : 'Township', code, field);
  return row.county;
}

/** Records an area-year's reported figures (录入报送数据), replacing what was reported before. */
export async function upsertReportedFigures(c: EditContext, input: ReportedFiguresEdit, authorise: (county: string) => void): Promise<StoredReportedFigures> {
  const county = await countyOfArea(c.em, input.level, input.code, 'code');
  authorise(county);
  const { figures, problems } = completeReportedFigures(input);
  enforce(problems.map(({ field, reason }) => ({ field, reason })));
  const f = figures!;
  const [old] = await c.em.execute<Array<Record<string, unknown>>>(`select ${SELECT} from reported_area_figures where level = ? and code = ? and year = ? for update`, [
    input.level,
    input.code,
    input.year,
  ]);
  const before = old ? stored(old) : null;
  const id = `${input.level}:${input.code}/${input.year}`;
  if (before) {
    if (input.version === undefined || input.version === null) {
      enforce([{ field: 'version', reason: `${input.code} ${input.year} 年的报送数据已存在（版本 ${before.version}）；修改时请带上该版本号` }]);
    }
    checkVersion('ReportedFigures', id, before, input.version!);
  }
  const [row] = await c.em.execute<Array<Record<string, unknown>>>(
    `insert into reported_area_figures (level, code, year, county_code, township_code, households, rural_population, poor_households, poor_population,
                                        poverty_incidence, collective_income_total, party_members)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (level, code, year) do update set households = excluded.households, rural_population = excluded.rural_population,
       poor_households = excluded.poor_households, poor_population = excluded.poor_population, poverty_incidence = excluded.poverty_incidence,
       collective_income_total = excluded.collective_income_total, party_members = excluded.party_members, version = reported_area_figures.version + 1
     returning ${SELECT}`,
    [
      input.level,
      input.code,
      f.year,
      county,
      input.level === 'township' ? input.code : null,
      f.households,
      f.ruralPopulation,
      f.poorHouseholds,
      f.poorPopulation,
      f.povertyIncidence,
      f.collectiveIncomeTotal,
      f.partyMembers,
    ],
  );
  const after = stored(row!);
  audit(c.em, c.principal, { action: 'upsertReportedFigures', entity: 'ReportedFigures', entityId: id, countyCode: county, before: before && { ...before }, after: { ...after } });
  await c.em.flush();
  return after;
}

/** Removes an area-year's reported figures (删除报送数据); the area then shows its villages' sum again. */
export async function deleteReportedFigures(
  c: EditContext,
  key: { level: ReportedLevel; code: string; year: number; version: number },
  authorise: (county: string) => void,
): Promise<StoredReportedFigures> {
  const county = await countyOfArea(c.em, key.level, key.code, 'code');
  authorise(county);
  const id = `${key.level}:${key.code}/${key.year}`;
  const [old] = await c.em.execute<Array<Record<string, unknown>>>(`select ${SELECT} from reported_area_figures where level = ? and code = ? and year = ? for update`, [
    key.level,
    key.code,
    key.year,
  ]);
  if (!old) throw new Missing('ReportedFigures', id, 'year');
  const before = stored(old);
  checkVersion('ReportedFigures', id, before, key.version);
  await c.em.execute(`delete from reported_area_figures where level = ? and code = ? and year = ?`, [key.level, key.code, key.year]);
  audit(c.em, c.principal, { action: 'deleteReportedFigures', entity: 'ReportedFigures', entityId: id, countyCode: county, before: { ...before }, after: null });
  await c.em.flush();
  return before;
}

export async function figureSourceSetting(em: EntityManager, prefectureCode: string): Promise<FigureSourceSetting> {
  const [row] = await em.execute<Array<{ figure_source: FigureSourceSetting }>>(`select figure_source from prefecture where code = ?`, [prefectureCode]);
  if (!row) throw new Missing('Prefecture', prefectureCode, 'prefectureCode');
  return row.figure_source;
}

/** Sets which figures the prefecture's map and assessments use (设置数据来源), audited. */
export async function setFigureSource(c: EditContext, prefectureCode: string, setting: FigureSourceSetting): Promise<void> {
  const before = await figureSourceSetting(c.em, prefectureCode);
  await c.em.execute(`update prefecture set figure_source = ? where code = ?`, [setting, prefectureCode]);
  audit(c.em, c.principal, { action: 'setFigureSource', entity: 'Prefecture', entityId: prefectureCode, countyCode: null, before: { figureSource: before }, after: { figureSource: setting } });
  await c.em.flush();
}

/** One area-year with figures from both sources: what the bureau reported, what its villages sum to, and the gaps (reported − villages). */
export interface FigureDifferenceRow {
  level: ReportedLevel;
  code: string;
  name: string;
  nameEn: string;
  year: number;
  /** the source the map uses for it under the prefecture's setting */
  used: 'REPORTED' | 'FROM_VILLAGES';
  villages: number;
  reportedPoorPopulation: number;
  villagesPoorPopulation: number;
  reportedRuralPopulation: number;
  villagesRuralPopulation: number;
  reportedIncidence: number | null;
  villagesIncidence: number | null;
}

/**
 * The data-quality check (报送与汇总差异): every area-year of the level with
 * both reported figures and village figures, in `year` or every year, by
 * code then year. Counties or townships are limited to `codes` when given.
 */
export async function figureDifferences(em: EntityManager, level: ReportedLevel, year: number | null, codes: readonly string[] | null): Promise<FigureDifferenceRow[]> {
  const rows = await query<Record<string, unknown>>(
    em,
    sql`select r.code, a.name, a.name_en, r.year, ch.source as used, f.villages,
               r.poor_population as reported_poor, f.poor_population as villages_poor,
               r.rural_population as reported_rural, f.rural_population as villages_rural
          from reported_area_figures r
               join area_year_figures f on f.level = r.level and f.code = r.code and f.year = r.year
               join area_figures_chosen ch on ch.level = r.level and ch.code = r.code and ch.year = r.year
               join ${raw(level)} a on a.code = r.code
         where r.level = ${level} and (${year}::int is null or r.year = ${year}::int)
               ${codes ? sql`and ${inList(raw('r.code'), codes)}` : raw('')}
         order by r.code, r.year`,
  );
  const pct = (poor: number, rural: number) => (rural > 0 ? (poor * 100) / rural : null);
  return rows.map((r) => ({
    level,
    code: String(r.code),
    name: String(r.name),
    nameEn: String(r.name_en ?? ''),
    year: Number(r.year),
    used: r.used as 'REPORTED' | 'FROM_VILLAGES',
    villages: Number(r.villages),
    reportedPoorPopulation: Number(r.reported_poor),
    villagesPoorPopulation: Number(r.villages_poor),
    reportedRuralPopulation: Number(r.reported_rural),
    villagesRuralPopulation: Number(r.villages_rural),
    reportedIncidence: pct(Number(r.reported_poor), Number(r.reported_rural)),
    villagesIncidence: pct(Number(r.villages_poor), Number(r.villages_rural)),
  }));
}

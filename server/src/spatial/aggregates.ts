/**
 * Area figures (township, county, prefecture) for a year: sums, counts and
 * medians of their villages' figures, never stored by hand (domain.md). The
 * database keeps them precomputed in area_year_figures, recomputed by
 * triggers in the transaction of every write to the figures, villages, areas
 * or thresholds they depend on (migration 000005), so a read is a lookup by
 * key whatever the number of villages. One statement answers any number of
 * areas, so a list of counties costs one round trip (the GraphQL loaders
 * batch into it). Reads go through the view area_figures_chosen (migration
 * 000011), which puts a bureau's reported county and township figures (报送)
 * in place of the villages' sum where the prefecture's setting says so, and
 * tags each row with its source.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReadScope } from '../domain/region/read-scope.js';
import { activePairingSql } from './rules-sql.js';
import { inScopeSql } from './scope-sql.js';
import { inList, query, raw, sql } from './sql.js';

export type AreaLevel = 'township' | 'county' | 'prefecture';

/** Where an area-year's figures come from: the bureau's report (报送) or the sum of its villages (由村汇总). */
export type FigureSource = 'REPORTED' | 'FROM_VILLAGES';

export interface AreaFiguresRow {
  code: string;
  /** which figures the area-year uses (the prefecture's choice, migration 000011's figure_source) */
  source: FigureSource;
  year: number;
  villages: number;
  households: number;
  ruralPopulation: number;
  poorHouseholds: number;
  poorPopulation: number;
  collectiveIncomeTotal: number;
  collectiveIncomeMedian: number | null;
  partyMembers: number;
  secretaryIsDirectorCount: number;
  softLaxCount: number;
  /** villages weak / strong by the rule in the year, with the thresholds of the village's prefecture */
  weakCount: number;
  strongCount: number;
  /** villages per collective-economy band */
  incomeWeakCount: number;
  incomeTargetMetCount: number;
}

/** A figure of an area-year (everything of AreaFiguresRow but its key). */
export type FigureField = Exclude<keyof AreaFiguresRow, 'code' | 'source'>;

/** Each figure's column in area_year_figures. */
const COLUMNS: Record<FigureField, string> = {
  year: 'year',
  villages: 'villages',
  households: 'households',
  ruralPopulation: 'rural_population',
  poorHouseholds: 'poor_households',
  poorPopulation: 'poor_population',
  collectiveIncomeTotal: 'collective_income_total',
  collectiveIncomeMedian: 'collective_income_median',
  partyMembers: 'party_members',
  secretaryIsDirectorCount: 'secretary_is_director_count',
  softLaxCount: 'soft_lax_count',
  weakCount: 'weak_count',
  strongCount: 'strong_count',
  incomeWeakCount: 'income_weak_count',
  incomeTargetMetCount: 'income_target_met_count',
};

/** Every figure: what a whole AreaFiguresRow reads. */
export const FIGURE_FIELDS = Object.keys(COLUMNS) as FigureField[];

/** Figures that may be missing (null) in a stored row; the others are counts and sums, never null. */
const NULLABLE: ReadonlySet<FigureField> = new Set(['collectiveIncomeMedian']);

type FiguresRecord = Record<string, string | number | null>;

/** `f.<column> as "<field>"` for each field, and the source: the row's keys are the fields' names. */
const selectList = (fields: readonly FigureField[]): string => ['f.source as "source"', ...fields.map((f) => `f.${COLUMNS[f]} as "${f}"`)].join(', ');

/** The figures `fields` of area `code` in a row read with selectList (numeric and bigint columns come as text). */
function figuresRow<F extends FigureField>(code: string, r: FiguresRecord, fields: readonly F[]): Pick<AreaFiguresRow, 'code' | 'source' | F> {
  const row: Record<string, string | number | null> = { code, source: r.source as FigureSource };
  for (const f of fields) {
    const v = r[f];
    row[f] = v === null && NULLABLE.has(f) ? null : Number(v);
  }
  return row as Pick<AreaFiguresRow, 'code' | 'source' | F>;
}

export async function areaFigures(em: EntityManager, level: AreaLevel, codes: readonly string[], years: readonly number[]): Promise<AreaFiguresRow[]> {
  if (codes.length === 0 || years.length === 0) return [];
  const rows = await query<FiguresRecord>(
    em,
    sql`select f.code, ${raw(selectList(FIGURE_FIELDS))} from area_figures_chosen f
         where f.level = ${level} and ${inList(raw('f.year'), years, 'int')} and ${inList(raw('f.code'), codes)}`,
  );
  return rows.map((r) => figuresRow(String(r.code), r, FIGURE_FIELDS));
}

export interface AreaWithFigures<F extends FigureField = FigureField> {
  code: string;
  /** '' when read without names */
  name: string;
  nameEn: string;
  /** null when the area has no figures for the year */
  figures: Pick<AreaFiguresRow, 'code' | 'source' | F> | null;
}

/**
 * Every county or township, by code, with its figures of the year: a whole
 * choropleth in one statement (at national scale ~2,900 counties or ~41,000
 * townships, so no entity per area and no batching by key). Only the
 * figures in `fields` are read, and the names only when `names`: a map of
 * one metric needs one or two figures, and parsing the other columns of
 * every row cost more than the statement itself.
 */
export async function areasWithFigures<F extends FigureField>(
  em: EntityManager,
  scope: ReadScope,
  level: 'county' | 'township',
  year: number,
  fields: readonly F[],
  { names = true }: { names?: boolean } = {},
): Promise<AreaWithFigures<F>[]> {
  const rows = await query<FiguresRecord & { area: string; name?: string; name_en?: string; found: boolean }>(
    em,
    sql`select a.code as area${raw(names ? ', a.name, a.name_en' : '')}, f.code is not null as found, ${raw(selectList(fields))}
          from ${raw(level)} a left join area_figures_chosen f on f.level = ${level} and f.year = ${year} and f.code = a.code
         where ${inScopeSql(scope, 'a.code')}
         order by a.code`,
  );
  return rows.map((r) => ({ code: r.area, name: r.name ?? '', nameEn: r.name_en ?? '', figures: r.found ? figuresRow(r.area, r, fields) : null }));
}

/**
 * Every area-year's `fields` of the level, for classes that compare across
 * years (one statement; at national township scale ~410,000 rows of one or
 * two figures, read once per metric and kept with the breaks).
 */
export async function areaFiguresEveryYear<F extends FigureField>(
  em: EntityManager,
  scope: ReadScope,
  level: 'county' | 'township',
  fields: readonly F[],
): Promise<Array<Pick<AreaFiguresRow, 'code' | 'source' | F> & { year: number }>> {
  const rows = await query<FiguresRecord>(em, sql`select f.code, f.year, ${raw(selectList(fields))} from area_figures_chosen f where f.level = ${level} and ${inScopeSql(scope, 'f.code')}`);
  return rows.map((r) => Object.assign(figuresRow(String(r.code), r, fields), { year: Number(r.year) }));
}

/** The latest year with village or reported area figures in the prefecture; null when there are none. */
export async function latestFigureYear(em: EntityManager, prefecture: string): Promise<number | null> {
  const scope: ReadScope = { prefecture, counties: null };
  const [row] = await query<{ year: number | null }>(
    em,
    sql`select greatest((select max(year) from village_year where ${inScopeSql(scope, 'village_code')}),
                        (select max(year) from reported_area_figures where ${inScopeSql(scope, 'code')})) as year`,
  );
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}

/**
 * The years with any village or reported figures in the scope, ascending
 * (every village-year counts in its prefecture's and county's rows, so
 * those rows have them all).
 */
export async function figureYears(em: EntityManager, scope: ReadScope): Promise<number[]> {
  const level = scope.counties === null ? 'prefecture' : 'county';
  const rows = await query<{ year: number }>(
    em,
    sql`select year from area_year_figures where level = ${level} and ${inScopeSql(scope, 'code')}
        union select year from reported_area_figures where ${inScopeSql(scope, 'code')} order by year`,
  );
  return rows.map((r) => Number(r.year));
}

export interface SummaryCounts {
  poorVillages: number;
  villagesExited: number;
  villagesExitedThisYear: number;
  alliances: number;
  activePairings: number;
}

/** Counts for the prefecture summary that are not sums of village figures (alliances by their centre village, pairings by the village helped). */
export async function summaryCounts(em: EntityManager, scope: ReadScope, year: number): Promise<SummaryCounts> {
  const village = inScopeSql(scope, 'code');
  const [row] = await query<Record<string, number>>(
    em,
    sql`select (select count(*) from village where is_poor_village and ${village})::int as poor_villages,
               (select count(*) from village where is_poor_village and exited_year <= ${year} and ${village})::int as villages_exited,
               (select count(*) from village where is_poor_village and exited_year = ${year} and ${village})::int as villages_exited_this_year,
               (select count(*) from alliance where founded_year <= ${year} and ${inScopeSql(scope, 'centre_code')})::int as alliances,
               (select count(*) from pairing p where ${activePairingSql('p', sql`${year}::int`)} and ${inScopeSql(scope, 'p.helped_village_code')})::int as active_pairings`,
  );
  return {
    poorVillages: Number(row?.poor_villages ?? 0),
    villagesExited: Number(row?.villages_exited ?? 0),
    villagesExitedThisYear: Number(row?.villages_exited_this_year ?? 0),
    alliances: Number(row?.alliances ?? 0),
    activePairings: Number(row?.active_pairings ?? 0),
  };
}

/**
 * For bulk loads: the area figures this transaction's writes touch are
 * recomputed once (flushAreaFigures, or at the latest at commit) instead of
 * after every statement, where each import batch would recompute its whole
 * prefecture again. Other transactions see no difference.
 */
export async function deferAreaFigures(em: EntityManager): Promise<void> {
  await em.execute(`select set_config('lingyan.area_figures', 'deferred', true)`);
}

/** Recomputes the area figures a deferring transaction touched, now. */
export async function flushAreaFigures(em: EntityManager): Promise<void> {
  // After a national import this recomputes every area at once: longer than the per-statement timeout meant for requests.
  const [{ timeout }] = await em.execute<[{ timeout: string }]>(`select current_setting('statement_timeout') as timeout`);
  await em.execute(`select set_config('statement_timeout', '0', true)`);
  await em.execute(`select area_year_figures_flush()`);
  await em.execute(`select set_config('statement_timeout', ?, true)`, [timeout]);
}

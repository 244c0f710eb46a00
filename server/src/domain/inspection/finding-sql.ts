/**
 * Reading findings and visits in SQL: the year's findings (findingInYear's
 * twin), their status on a day (finding_status(), migration 000009), the
 * place each visit inspected with a point for the map, and the counts per
 * status for an area. One statement per list.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Sql, query, raw, sql } from '../../spatial/sql.js';
import type { FindingCategory } from './enums.js';
import type { FindingStatus, IsoDate } from './finding-status.js';
import { yearStart } from './finding-year.js';

/** The twin of findingInYear over finding f of inspection i. */
export function findingInYearSql(year: number, asOf: IsoDate): Sql {
  return sql`(i.inspected_on <= ${asOf}::date and (f.rectified_on is null or f.rectified_on >= ${yearStart(year)}::date))`;
}

export function findingStatusSql(asOf: IsoDate): Sql {
  return sql`finding_status(f.deadline, f.rectified_on, ${asOf}::date)`;
}

export type PlaceKind = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

/** An area to filter on: the whole region (null), a county, township or village, by the column that names it, or a condition on `i` (a request's read scope). */
export type AreaScope = null | { kind: PlaceKind; code: string } | { kind: 'WHERE'; where: Sql };

/** The level of an area code, or null when it is the prefecture's; undefined when no area has it. */
export async function areaScope(em: EntityManager, code: string | null | undefined): Promise<AreaScope | undefined> {
  if (!code) return null;
  const [row] = await query<{ kind: PlaceKind | 'PREFECTURE' }>(
    em,
    sql`select 'PREFECTURE' as kind from prefecture where code = ${code}
        union all select 'COUNTY' from county where code = ${code}
        union all select 'TOWNSHIP' from township where code = ${code}
        union all select 'VILLAGE' from village where code = ${code} limit 1`,
  );
  if (!row) return undefined;
  return row.kind === 'PREFECTURE' ? null : { kind: row.kind, code };
}

function inScope(scope: AreaScope): Sql {
  if (scope === null) return raw('true');
  if (scope.kind === 'WHERE') return scope.where;
  const column = { COUNTY: 'i.county_code', TOWNSHIP: 'i.township_code', VILLAGE: 'i.village_code' }[scope.kind];
  return sql`${raw(column)} = ${scope.code}`;
}

/** The place columns of inspection i: kind, code, names, and a point (the village, or a point on the area's surface). */
const PLACE = raw(`case when i.village_code is not null then 'VILLAGE' when i.township_code is not null then 'TOWNSHIP' else 'COUNTY' end as place_kind,
  coalesce(i.village_code, i.township_code, i.county_code) as place_code,
  coalesce(pv.name, pt.name, pc.name) as place_name, coalesce(pv.name_en, pt.name_en, pc.name_en) as place_name_en,
  pc.name as county_name, pc.name_en as county_name_en,
  ST_X(pp.point)::float8 as lon, ST_Y(pp.point)::float8 as lat`);
const PLACE_JOINS = raw(`join county pc on pc.code = i.county_code
  left join township pt on pt.code = i.township_code
  left join village pv on pv.code = i.village_code
  cross join lateral (select coalesce(pv.location, ST_PointOnSurface(pt.boundary), ST_PointOnSurface(pc.boundary)) as point) pp`);

export interface InspectionRow {
  id: number;
  version: number;
  inspected_on: IsoDate;
  inspecting_unit: string;
  note: string | null;
  place_kind: PlaceKind;
  place_code: string;
  place_name: string;
  place_name_en: string;
  county_code: string;
  county_name: string;
  county_name_en: string;
  lon: number;
  lat: number;
}

export interface FindingRow {
  id: number;
  version: number;
  inspection_id: number;
  category: FindingCategory;
  description: string;
  responsible_unit: string;
  deadline: IsoDate;
  rectified_on: IsoDate | null;
  evidence: string | null;
  status: FindingStatus;
}

const INSPECTION_COLUMNS = raw(`i.id, i.version, i.inspected_on::text as inspected_on, i.inspecting_unit, i.note, i.county_code`);
const FINDING_COLUMNS = raw(`f.id, f.version, f.inspection_id, f.category, f.description, f.responsible_unit,
  f.deadline::text as deadline, f.rectified_on::text as rectified_on, f.evidence`);

export interface FindingQuery {
  year: number;
  asOf: IsoDate;
  scope: AreaScope;
  statuses?: FindingStatus[] | undefined;
  categories?: FindingCategory[] | undefined;
  offset: number;
  limit: number;
}

/** The year's findings in an area, overdue first, then by deadline; each with its visit. */
export async function findFindings(em: EntityManager, q: FindingQuery): Promise<{ rows: Array<FindingRow & { visit: InspectionRow }>; total: number }> {
  const conditions = [findingInYearSql(q.year, q.asOf), inScope(q.scope)];
  if (q.statuses?.length) conditions.push(sql`${findingStatusSql(q.asOf)} in (select jsonb_array_elements_text(${JSON.stringify(q.statuses)}::jsonb))`);
  if (q.categories?.length) conditions.push(sql`f.category in (select jsonb_array_elements_text(${JSON.stringify(q.categories)}::jsonb))`);
  const where = Sql.join(conditions, ' and ');
  const rows = await query<FindingRow & InspectionRow & { visit_id: number; visit_version: number; total: string }>(
    em,
    sql`select ${FINDING_COLUMNS}, ${findingStatusSql(q.asOf)} as status, count(*) over () as total,
               i.id as visit_id, i.version as visit_version, i.inspected_on::text as inspected_on, i.inspecting_unit, i.note, i.county_code, ${PLACE}
          from finding f join inspection i on i.id = f.inspection_id ${PLACE_JOINS}
         where ${where}
         order by case ${findingStatusSql(q.asOf)} when 'OVERDUE' then 0 when 'OPEN' then 1 else 2 end, f.deadline, f.id
         offset ${q.offset} limit ${q.limit}`,
  );
  const total = rows.length ? Number(rows[0]!.total) : await countFindings(em, where);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id, version: r.version, inspection_id: r.inspection_id, category: r.category, description: r.description, responsible_unit: r.responsible_unit,
      deadline: r.deadline, rectified_on: r.rectified_on, evidence: r.evidence, status: r.status,
      visit: { ...placeOf(r), id: r.visit_id, version: r.visit_version, inspected_on: r.inspected_on, inspecting_unit: r.inspecting_unit, note: r.note },
    })),
  };
}

function placeOf(r: InspectionRow): Omit<InspectionRow, 'id' | 'version' | 'inspected_on' | 'inspecting_unit' | 'note'> {
  return {
    place_kind: r.place_kind, place_code: r.place_code, place_name: r.place_name, place_name_en: r.place_name_en,
    county_code: r.county_code, county_name: r.county_name, county_name_en: r.county_name_en, lon: r.lon, lat: r.lat,
  };
}

async function countFindings(em: EntityManager, where: Sql): Promise<number> {
  const [row] = await query<{ n: string }>(em, sql`select count(*) as n from finding f join inspection i on i.id = f.inspection_id where ${where}`);
  return Number(row?.n ?? 0);
}

/** Visits made in the year in an area, newest first. */
export async function findInspections(em: EntityManager, q: { year: number; scope: AreaScope; offset: number; limit: number }): Promise<{ rows: InspectionRow[]; total: number }> {
  const where = sql`i.inspected_on between ${yearStart(q.year)}::date and ${`${q.year}-12-31`}::date and ${inScope(q.scope)}`;
  const rows = await query<InspectionRow & { total: string }>(
    em,
    sql`select ${INSPECTION_COLUMNS}, ${PLACE}, count(*) over () as total from inspection i ${PLACE_JOINS}
         where ${where} order by i.inspected_on desc, i.id desc offset ${q.offset} limit ${q.limit}`,
  );
  if (rows.length) return { rows, total: Number(rows[0]!.total) };
  const [n] = await query<{ n: string }>(em, sql`select count(*) as n from inspection i where ${where}`);
  return { rows, total: Number(n?.n ?? 0) };
}

export async function inspectionsById(em: EntityManager, ids: number[]): Promise<InspectionRow[]> {
  if (ids.length === 0) return [];
  return query<InspectionRow>(em, sql`select ${INSPECTION_COLUMNS}, ${PLACE} from inspection i ${PLACE_JOINS} where i.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)`);
}

/** The findings of some visits, each judged as of its own day (visit id → as-of day). */
export async function findingsOfInspections(em: EntityManager, asOf: Map<number, IsoDate>): Promise<FindingRow[]> {
  if (asOf.size === 0) return [];
  const pairs = JSON.stringify([...asOf].map(([id, day]) => ({ id, day })));
  return query<FindingRow>(
    em,
    sql`select ${FINDING_COLUMNS}, finding_status(f.deadline, f.rectified_on, a.day) as status
          from jsonb_to_recordset(${pairs}::jsonb) as a(id int, day date) join finding f on f.inspection_id = a.id
         order by f.inspection_id, f.id`,
  );
}

export async function findingById(em: EntityManager, id: number, asOf: IsoDate): Promise<(FindingRow & { visit: InspectionRow }) | null> {
  const [r] = await query<FindingRow & InspectionRow & { visit_id: number; visit_version: number }>(
    em,
    sql`select ${FINDING_COLUMNS}, ${findingStatusSql(asOf)} as status,
               i.id as visit_id, i.version as visit_version, i.inspected_on::text as inspected_on, i.inspecting_unit, i.note, i.county_code, ${PLACE}
          from finding f join inspection i on i.id = f.inspection_id ${PLACE_JOINS} where f.id = ${id}`,
  );
  if (!r) return null;
  return {
    id: r.id, version: r.version, inspection_id: r.inspection_id, category: r.category, description: r.description, responsible_unit: r.responsible_unit,
    deadline: r.deadline, rectified_on: r.rectified_on, evidence: r.evidence, status: r.status,
    visit: { ...placeOf(r), id: r.visit_id, version: r.visit_version, inspected_on: r.inspected_on, inspecting_unit: r.inspecting_unit, note: r.note },
  };
}

export interface FindingCountsRow {
  open: number;
  overdue: number;
  rectified: number;
  rectified_on_time: number;
}

/** The year's findings in an area by status as of the day; rectified ones split by whether on time. */
export async function countFindingsByStatus(em: EntityManager, year: number, asOf: IsoDate, scope: AreaScope): Promise<FindingCountsRow> {
  const status = findingStatusSql(asOf);
  const [row] = await query<Record<keyof FindingCountsRow, string>>(
    em,
    sql`select count(*) filter (where ${status} = 'OPEN') as open,
               count(*) filter (where ${status} = 'OVERDUE') as overdue,
               count(*) filter (where ${status} = 'RECTIFIED') as rectified,
               count(*) filter (where ${status} = 'RECTIFIED' and f.rectified_on <= f.deadline) as rectified_on_time
          from finding f join inspection i on i.id = f.inspection_id
         where ${findingInYearSql(year, asOf)} and ${inScope(scope)}`,
  );
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0), rectified: Number(row?.rectified ?? 0), rectified_on_time: Number(row?.rectified_on_time ?? 0) };
}

/**
 * The committed dataset format (data/demo/): GeoJSON for everything with a
 * geometry, CSV (UTF-8, header row, RFC 4180 quoting) for the rest.
 * readDataset gives back exactly the records writeDataset was given.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point } from 'geojson';
import type {
  AssessmentSchemeRecord,
  CountyRecord,
  IndustryProjectRecord,
  PrefectureRecord,
  RegionDataset,
  TownshipRecord,
  VillageRecord,
} from '../records.js';
import {
  ALLIANCES,
  ASSIGNMENT_COMMITMENTS,
  ASSIGNMENT_FUNDS,
  ASSIGNMENTS,
  ASSISTING_UNITS,
  decodeCell,
  encodeCell,
  FINDINGS_TABLE,
  INSPECTIONS_TABLE,
  ORGANISATIONS,
  PAIRINGS,
  PROJECT_YEARS,
  POVERTY_CAUSES_TABLE,
  VILLAGE_YEARS,
  WORK_TEAMS,
  type AssignmentCommitmentRow,
  type AssignmentFundRow,
  type AssignmentRow,
  type Table,
} from './tables.js';

/** data/demo/, the committed demo region. */
export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

export const GEOJSON_FILES = {
  prefecture: 'prefecture.geojson',
  counties: 'counties.geojson',
  townships: 'townships.geojson',
  villages: 'villages.geojson',
  industryProjects: 'industry-projects.geojson',
} as const;

/** The assessment schemes (考核办法): nested indicators, so JSON, one scheme a line. */
export const ASSESSMENT_SCHEMES_FILE = 'assessment-schemes.json';

/** Every file of the format, in writing order. */
export const DATASET_FILES: string[] = [
  ...Object.values(GEOJSON_FILES),
  ...[VILLAGE_YEARS, ORGANISATIONS, ALLIANCES, PAIRINGS, ASSISTING_UNITS, ASSIGNMENTS, ASSIGNMENT_FUNDS, WORK_TEAMS, POVERTY_CAUSES_TABLE].map((t) => t.file),
  ...[PROJECT_YEARS, ASSIGNMENT_COMMITMENTS].map((t) => t.file),
  ...[INSPECTIONS_TABLE, FINDINGS_TABLE].map((t) => t.file),
  ASSESSMENT_SCHEMES_FILE,
];

// ---- GeoJSON ---------------------------------------------------------------

function feature<G extends Geometry>(properties: Record<string, unknown>, geometry: G): Feature<G> {
  return { type: 'Feature', properties, geometry };
}

/** One feature per line, so that changes show up line by line in review. */
function collectionText(features: Feature[]): string {
  const lines = features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

function without<R extends object, K extends keyof R>(record: R, key: K): Omit<R, K> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

function readCollection<G extends Geometry>(dir: string, file: string): Array<Feature<G, Record<string, unknown>>> {
  const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<G, Record<string, unknown>>;
  if (parsed.type !== 'FeatureCollection') throw new Error(`${file}: expected a FeatureCollection`);
  return parsed.features;
}

// ---- CSV -------------------------------------------------------------------

function tableText<R>(table: Table<R>, rows: readonly R[]): string {
  const header = table.columns.map(([name]) => name);
  const body = rows.map((row, i) =>
    table.columns.map(([name, type]) => encodeCell(row[name], type, `${table.file} row ${i + 1} column ${name}`)),
  );
  return stringify([header, ...body], { record_delimiter: 'unix' });
}

function readTable<R>(dir: string, table: Table<R>): R[] {
  const rows = parse(readFileSync(join(dir, table.file), 'utf8'), { skip_empty_lines: true }) as string[][];
  const [header, ...body] = rows;
  const expected = table.columns.map(([name]) => name);
  if (!header || header.join(',') !== expected.join(',')) {
    throw new Error(`${table.file}: header must be ${expected.join(',')}, got ${header?.join(',') ?? 'nothing'}`);
  }
  return body.map((cells, i) => {
    if (cells.length !== expected.length) throw new Error(`${table.file} row ${i + 1}: ${cells.length} cells, expected ${expected.length}`);
    const row: Record<string, unknown> = {};
    table.columns.forEach(([name, type], k) => {
      row[name] = decodeCell(cells[k] as string, type, `${table.file} row ${i + 1} column ${name}`);
    });
    return row as R;
  });
}

// ---- the dataset -----------------------------------------------------------

/** The text of every file of the format, by file name (what writeDataset writes). */
export function datasetFiles(dataset: RegionDataset): Map<string, string> {
  const { prefecture } = dataset;
  const funds: AssignmentFundRow[] = dataset.assignments.flatMap((a) =>
    a.funds.map((f) => ({ assignmentId: a.id, year: f.year, amount: f.amount })),
  );
  const assignments: AssignmentRow[] = dataset.assignments.map((a) => without(a, 'funds'));
  const commitments: AssignmentCommitmentRow[] = dataset.assignments.flatMap((a) =>
    a.funds.flatMap((f) => (f.committed === undefined ? [] : [{ assignmentId: a.id, year: f.year, committed: f.committed }])),
  );
  return new Map([
    [GEOJSON_FILES.prefecture, `${JSON.stringify(feature(without(prefecture, 'boundary'), prefecture.boundary))}\n`],
    [GEOJSON_FILES.counties, collectionText(dataset.counties.map((c) => feature(without(c, 'boundary'), c.boundary)))],
    [GEOJSON_FILES.townships, collectionText(dataset.townships.map((t) => feature(without(t, 'boundary'), t.boundary)))],
    [GEOJSON_FILES.villages, collectionText(dataset.villages.map((v) => feature(without(v, 'location'), v.location)))],
    [
      GEOJSON_FILES.industryProjects,
      collectionText(dataset.industryProjects.map((p) => feature(without(p, 'location'), p.location))),
    ],
    [VILLAGE_YEARS.file, tableText(VILLAGE_YEARS, dataset.villageYears)],
    [ORGANISATIONS.file, tableText(ORGANISATIONS, dataset.organisations)],
    [ALLIANCES.file, tableText(ALLIANCES, dataset.alliances)],
    [PAIRINGS.file, tableText(PAIRINGS, dataset.pairings)],
    [ASSISTING_UNITS.file, tableText(ASSISTING_UNITS, dataset.assistingUnits)],
    [ASSIGNMENTS.file, tableText(ASSIGNMENTS, assignments)],
    [ASSIGNMENT_FUNDS.file, tableText(ASSIGNMENT_FUNDS, funds)],
    [WORK_TEAMS.file, tableText(WORK_TEAMS, dataset.workTeams)],
    [PROJECT_YEARS.file, tableText(PROJECT_YEARS, dataset.projectYears)],
    [ASSIGNMENT_COMMITMENTS.file, tableText(ASSIGNMENT_COMMITMENTS, commitments)],
    [POVERTY_CAUSES_TABLE.file, tableText(POVERTY_CAUSES_TABLE, dataset.povertyCauses)],
    [INSPECTIONS_TABLE.file, tableText(INSPECTIONS_TABLE, dataset.inspections)],
    [FINDINGS_TABLE.file, tableText(FINDINGS_TABLE, dataset.findings)],
    [ASSESSMENT_SCHEMES_FILE, `[\n${dataset.assessmentSchemes.map((s) => JSON.stringify(s)).join(',\n')}\n]\n`],
  ]);
}

export function writeDataset(dir: string, dataset: RegionDataset): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of datasetFiles(dataset)) writeFileSync(join(dir, file), text, 'utf8');
}

export function readDataset(dir: string): RegionDataset {
  const pref = JSON.parse(readFileSync(join(dir, GEOJSON_FILES.prefecture), 'utf8')) as Feature<MultiPolygon>;
  const prefecture = { ...pref.properties, boundary: pref.geometry } as PrefectureRecord;
  const counties = readCollection<MultiPolygon>(dir, GEOJSON_FILES.counties).map(
    (f) => ({ ...f.properties, boundary: f.geometry }) as CountyRecord,
  );
  const townships = readCollection<MultiPolygon>(dir, GEOJSON_FILES.townships).map(
    (f) => ({ ...f.properties, boundary: f.geometry }) as TownshipRecord,
  );
  const villages = readCollection<Point>(dir, GEOJSON_FILES.villages).map(
    (f) => ({ ...f.properties, location: f.geometry }) as VillageRecord,
  );
  const industryProjects = readCollection<Point>(dir, GEOJSON_FILES.industryProjects).map(
    (f) => ({ ...f.properties, location: f.geometry }) as IndustryProjectRecord,
  );
  const committed = new Map(readTable(dir, ASSIGNMENT_COMMITMENTS).map((c) => [`${c.assignmentId}/${c.year}`, c.committed]));
  const funds = new Map<number, Array<{ year: number; amount: number; committed?: number }>>();
  for (const row of readTable(dir, ASSIGNMENT_FUNDS)) {
    const list = funds.get(row.assignmentId) ?? [];
    const c = committed.get(`${row.assignmentId}/${row.year}`);
    list.push(c === undefined ? { year: row.year, amount: row.amount } : { year: row.year, amount: row.amount, committed: c });
    funds.set(row.assignmentId, list);
  }
  return {
    prefecture,
    counties,
    townships,
    villages,
    villageYears: readTable(dir, VILLAGE_YEARS),
    organisations: readTable(dir, ORGANISATIONS),
    alliances: readTable(dir, ALLIANCES),
    industryProjects,
    projectYears: readTable(dir, PROJECT_YEARS),
    pairings: readTable(dir, PAIRINGS),
    assistingUnits: readTable(dir, ASSISTING_UNITS),
    assignments: readTable(dir, ASSIGNMENTS).map((a) => ({ ...a, funds: funds.get(a.id) ?? [] })),
    workTeams: readTable(dir, WORK_TEAMS),
    povertyCauses: readTable(dir, POVERTY_CAUSES_TABLE),
    inspections: readTable(dir, INSPECTIONS_TABLE),
    findings: readTable(dir, FINDINGS_TABLE),
    assessmentSchemes: JSON.parse(readFileSync(join(dir, ASSESSMENT_SCHEMES_FILE), 'utf8')) as AssessmentSchemeRecord[],
  };
}

/** The committed demo region. */
export function readDemoRegion(): RegionDataset {
  return readDataset(DEMO_DIR);
}

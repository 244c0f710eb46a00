/**
 * What the browser shows before an import is committed, from the same core
 * as `pnpm data:import`: the file's first rows as read, the kind its headers
 * suggest, which header each record field was taken from, the geometry of
 * the first features (in WGS-84, thinned for drawing) and the full report of
 * a dry run (everything checked and upserted, then rolled back: nothing is
 * written).
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FieldReader, formatMessage, geometryToWgs84, IMPORT_KINDS, KIND_SPECS, knownHeaders, openSource, problemField, problemReason, SourceError, type ImportKind, type Lang, type OpenOptions, type RowProblem, type SourceCrs, type SourceRow } from '@lingyan/data';
import { runImport, type ImportOptions, type ImportResult } from './run-import.js';
import type { HttpImportChoices } from './http-options.js';
import type { Progress } from './progress.js';

/** Rows shown in the preview table. */
export const PREVIEW_ROWS = 20;
/** Features drawn in the preview map. */
export const PREVIEW_FEATURES = 200;
/** Positions kept per ring or line of a drawn feature. */
const POSITIONS_PER_RING = 200;

export interface ColumnMapping {
  field: string;
  /** the field's first usual header (Chinese), to name it for a person */
  label: string;
  /** the file's header it was taken from; null when the file has none */
  header: string | null;
  /** given by the user rather than found by the field's usual names */
  chosen: boolean;
}

/** A problem as the page shows it: its reason and column in the report's language, its area when known. */
export interface ShownProblem {
  row: number;
  field: string;
  reason: string;
  /** the message code, when the problem has one (the same in every language) */
  code: string | null;
  /** the area's name and code as the row gives them */
  area: string | null;
}

export interface HttpReport {
  text: string;
  unit: ImportResult['unit'];
  summary: ImportResult['summary'];
  problems: ShownProblem[];
  repaired: ShownProblem[];
  /** what to know though nothing was refused (a web map's offset, say) */
  warnings: string[];
  /** what the reader did: the header row taken, total rows skipped, units converted */
  notes: string[];
}

export interface Preview {
  file: string;
  /** every kind the importer knows, for a choice */
  kinds: readonly ImportKind[];
  format: string | null;
  /** the kind the headers suggest; null when nothing fits */
  detectedKind: ImportKind | null;
  /** the kind checked: the one chosen, else the detected one */
  kind: ImportKind | null;
  encoding: string | null;
  /** 1-based header row of a table, when the reader tells it */
  headerRow: number | null;
  /** the CRS the file declares (Shapefile .prj) */
  fileCrs: string | null;
  /** the CRS plain coordinates were taken in */
  crs: SourceCrs;
  headers: string[];
  mapping: ColumnMapping[];
  /** first rows: their number as the report names them, and their cells by header */
  rows: Array<{ number: number; cells: Record<string, string> }>;
  geometry: FeatureCollection;
  report: HttpReport | null;
}

/** The options runImport takes for an uploaded file. */
export function importOptions(path: string, choices: HttpImportChoices, kind: ImportKind, dryRun: boolean, actor?: ImportOptions['actor']): ImportOptions {
  return {
    file: path,
    kind,
    dryRun,
    skipInvalid: false,
    repair: choices.repair,
    crs: choices.crs,
    encoding: choices.encoding,
    overrides: choices.mapping,
    prefectureName: choices.prefectureName,
    demoRegion: choices.demoRegion,
    crsStated: choices.crsStated,
    lang: choices.lang,
    ...(actor ? { actor } : {}),
    ...(choices.headerRow !== null ? { headerRow: choices.headerRow } : {}),
  };
}

/** The report with the upload's temporary folder taken out of it: the data officer's file name only. */
export function httpReport(result: ImportResult, path: string, name: string, lang: Lang): HttpReport {
  return {
    text: result.report.split(path).join(name),
    unit: result.unit,
    summary: { ...result.summary, file: name },
    problems: result.problems.map((p) => shownProblem(p, lang, path, name)),
    repaired: result.repaired.map((p) => shownProblem(p, lang, path, name)),
    warnings: result.warnings.map((w) => formatMessage(w, lang)),
    notes: result.notes.map((n) => formatMessage(n, lang)),
  };
}

export function shownProblem(p: RowProblem, lang: Lang, path = '', name = ''): ShownProblem {
  const area = [p.area?.name, p.area?.code].filter(Boolean).join(' ');
  const reason = problemReason(p, lang);
  return { row: p.row, field: problemField(p, lang), reason: path ? reason.split(path).join(name) : reason, code: p.code ?? null, area: area || null };
}

/** The headers the readers look for to find a table's header row: the kind's, or every kind's while the kind is not known. */
export function headersFor(kind: ImportKind | null): string[] {
  return kind ? knownHeaders(KIND_SPECS[kind]) : [...new Set(IMPORT_KINDS.flatMap((k) => knownHeaders(KIND_SPECS[k])))];
}

/** How the readers are opened for an upload: its chosen encoding and header row, the kind's headers. */
export function openOptions(choices: HttpImportChoices, kind: ImportKind | null): OpenOptions {
  return { encoding: choices.encoding, headers: headersFor(kind), ...(choices.headerRow !== null ? { headerRow: choices.headerRow } : {}) };
}

export async function previewImport(em: EntityManager, path: string, name: string, choices: HttpImportChoices, bar?: Progress): Promise<Preview> {
  const sample = await readSample(path, choices, choices.kind);
  const detectedKind = sample.rows.length > 0 ? detectKind(sample.rows) : null;
  const kind = choices.kind ?? detectedKind;
  const headers = [...new Set(sample.rows.flatMap((r) => Object.keys(r.fields)))];
  const base = {
    file: name,
    kinds: IMPORT_KINDS,
    format: sample.format,
    detectedKind,
    kind,
    encoding: sample.encoding,
    headerRow: sample.headerRow,
    fileCrs: sample.crs,
    crs: choices.crs,
    headers,
    rows: sample.rows.slice(0, PREVIEW_ROWS).map((r) => ({ number: r.number, cells: Object.fromEntries(Object.entries(r.fields).map(([h, v]) => [h, shownCell(v)])) })),
  };
  if (kind === null) return { ...base, mapping: [], geometry: drawn(sample.rows, null, choices), report: sample.problem === null ? null : problemReport(name, sample.problem) };
  const result = await runImport(em, importOptions(path, choices, kind, true), bar);
  return { ...base, mapping: mappingOf(kind, sample.rows[0] ?? null, choices.mapping), geometry: drawn(sample.rows, kind, choices), report: httpReport(result, path, name, choices.lang) };
}

interface Sample {
  format: string | null;
  encoding: string | null;
  headerRow: number | null;
  crs: string | null;
  rows: SourceRow[];
  /** why the file could not be read, if it could not */
  problem: string | null;
}

async function readSample(path: string, choices: HttpImportChoices, kind: ImportKind | null): Promise<Sample> {
  const options = openOptions(choices, kind);
  const rows: SourceRow[] = [];
  let source: Awaited<ReturnType<typeof openSource>> | null = null;
  try {
    source = await openSource(path, options);
    for await (const row of source.rows) {
      rows.push(row);
      if (rows.length >= PREVIEW_FEATURES) break;
    }
    return sampleOf(source, rows, null);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { ...sampleOf(source, rows, null), problem: error.detail ? formatMessage(error.detail, choices.lang) : error.message.split(`${path}: `).join('') };
  } finally {
    await source?.close();
  }
}

function sampleOf(source: Awaited<ReturnType<typeof openSource>> | null, rows: SourceRow[], problem: string | null): Sample {
  // The header row, where the reader finds it (title rows above it are skipped).
  const headerRow = (source as { headerRow?: unknown } | null)?.headerRow;
  return {
    format: source?.format ?? null,
    encoding: source?.encoding ?? null,
    headerRow: typeof headerRow === 'number' ? headerRow : source && (source.format === 'csv' || source.format === 'xlsx') ? 1 : null,
    crs: source?.crs ?? null,
    rows,
    problem,
  };
}

function problemReport(name: string, problem: string): HttpReport {
  const line = `file, ${name}: ${problem}`;
  return {
    text: `${line}\n`,
    unit: 'row',
    summary: { file: name, kind: '', format: 'unreadable', encoding: null, crs: null, read: 0, rejectedRows: 0, inserted: 0, updated: 0, written: false, dryRun: true, skipInvalid: false, seconds: 0 },
    problems: [{ row: 0, field: name, reason: problem, code: null, area: null }],
    repaired: [],
    warnings: [],
    notes: [],
  };
}

function shownCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The kind whose usual column names the file's first rows have the most of;
 * among kinds with as many, the one whose records build with the fewest
 * problems (a county code in a 代码 column makes a county, not a village).
 */
export function detectKind(rows: readonly SourceRow[]): ImportKind | null {
  const first = rows[0]!;
  let best: { kind: ImportKind; found: number; problems: number } | null = null;
  for (const kind of IMPORT_KINDS) {
    const spec = KIND_SPECS[kind];
    const reader = new FieldReader(first.number, first.fields, spec.aliases, {});
    const found = Object.keys(spec.aliases).filter((f) => reader.header(f) !== null).length;
    if (found === 0) continue;
    const problems = rows.slice(0, 5).reduce((n, row) => n + spec.build(row, { crs: 'wgs84', overrides: {} }).problems.length, 0);
    if (best === null || found > best.found || (found === best.found && problems < best.problems)) best = { kind, found, problems };
  }
  return best?.kind ?? null;
}

function mappingOf(kind: ImportKind, first: SourceRow | null, chosen: Record<string, string>): ColumnMapping[] {
  const spec = KIND_SPECS[kind];
  const reader = first ? new FieldReader(first.number, first.fields, spec.aliases, chosen) : null;
  return Object.keys(spec.aliases).map((field) => ({ field, label: spec.aliases[field]?.[0] ?? field, header: reader?.header(field) ?? null, chosen: chosen[field] !== undefined }));
}

/**
 * The first features' geometry as the import would store it: the record's
 * boundary or location where the row builds, else the file's own geometry
 * in the chosen CRS. Each feature names its row and code for the map.
 */
function drawn(rows: readonly SourceRow[], kind: ImportKind | null, choices: HttpImportChoices): FeatureCollection {
  const features: Feature[] = [];
  for (const row of rows.slice(0, PREVIEW_FEATURES)) {
    let geometry: Geometry | null = null;
    let code: string | null = null;
    if (kind !== null) {
      const built = KIND_SPECS[kind].build(row, { crs: choices.crs, overrides: choices.mapping });
      const record = built.record as Record<string, unknown> | null;
      geometry = record ? (Object.values(record).find(isGeometry) ?? null) : null;
      code = typeof record?.code === 'string' ? record.code : null;
    }
    if (geometry === null && row.geometry !== null) {
      try {
        geometry = geometryToWgs84(row.geometry, choices.crs);
      } catch {
        geometry = null; // a malformed geometry: the report says what is wrong with it
      }
    }
    if (geometry !== null) features.push({ type: 'Feature', properties: { row: row.number, code }, geometry: thinned(geometry) });
  }
  return { type: 'FeatureCollection', features };
}

function isGeometry(v: unknown): v is Geometry {
  return typeof v === 'object' && v !== null && ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'].includes((v as { type?: unknown }).type as string);
}

/** Every ring or line thinned to about POSITIONS_PER_RING positions (first and last kept), coordinates to ~1 m. */
export function thinned(g: Geometry): Geometry {
  const round = (p: Position): Position => [Math.round(p[0]! * 1e5) / 1e5, Math.round(p[1]! * 1e5) / 1e5];
  const line = (ps: Position[]): Position[] => {
    const step = Math.ceil(ps.length / POSITIONS_PER_RING);
    if (step <= 1) return ps.map(round);
    const kept = ps.filter((_, i) => i % step === 0);
    if (kept[kept.length - 1] !== ps[ps.length - 1]) kept.push(ps[ps.length - 1]!);
    return kept.map(round);
  };
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: round(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(round) };
    case 'LineString':
      return { type: 'LineString', coordinates: line(g.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map(line) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map(line) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(line)) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(thinned) };
  }
}

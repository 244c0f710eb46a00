/**
 * One import: read the file row by row, build records (pure, @lingyan/data),
 * apply the domain rules, check batches against the database, and upsert
 * them, all inside one transaction on the caller's EntityManager. Memory is
 * one batch plus the keys seen (for "listed twice"), whatever the file's size.
 *
 * All-or-nothing: when any row is rejected the transaction is rolled back,
 * unless --skip-invalid asks to keep the good rows. A dry run does everything,
 * upserts included (so it reports what would change), then rolls back.
 * The area figures the rows touch are recomputed once, before the commit,
 * not after every batch (deferAreaFigures). A bulk import is analyzed after
 * its commit (db/statistics.ts).
 */
import { basename } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildRow,
  DuplicateKeys,
  DEFAULT_LANG,
  formatMessage,
  knownHeaders,
  rowProblem,
  type AreaLabel,
  type Lang,
  message,
  openSource,
  SourceError,
  type ColumnOverrides,
  type ImportKind,
  type Message,
  type RowProblem,
  type RowUnit,
  type Source,
  type SourceCrs,
  type TextEncodingName,
} from '@lingyan/data';
import { isBulkWrite, refreshStatistics } from '../db/statistics.js';
import { deferAreaFigures, flushAreaFigures } from '../spatial/aggregates.js';
import { CrsOffsetProbe } from './crs-offset.js';
import { WRITERS } from './kinds/index.js';
import { progress as noProgress, type Progress } from './progress.js';
import { reportText, type ImportSummary } from './report.js';
import { codedProblem } from './rule-messages.js';
import type { DemoRegionChoice, GoodRow, KindWriter, WriteOptions } from './writer.js';
import type { Role } from '../auth/roles.js';

export interface ImportOptions {
  file: string;
  kind: ImportKind;
  dryRun: boolean;
  skipInvalid: boolean;
  repair: boolean;
  /** CRS of lon/lat columns and GeoJSON; a Shapefile's .prj is applied first */
  crs: SourceCrs;
  /** true when the user named the CRS (--crs); otherwise boundaries are checked for a web-map offset */
  crsStated?: boolean;
  /** counties of another prefecture where the demo region is: 'ask' (default: refuse, naming the flags), 'replace' or 'keep' */
  demoRegion?: DemoRegionChoice;
  /** CSV/DBF encoding; null detects it */
  encoding: TextEncodingName | null;
  /** CSV/XLSX header row (1-based) when chosen; found by its column names otherwise */
  headerRow?: number;
  /** the report's language; Chinese unless asked */
  lang?: Lang;
  overrides: ColumnOverrides;
  prefectureName: string | null;
  /** rows per database round trip; default 500 */
  batchSize?: number;
  /** who imports, for the audit entry; the command line's import@cli (admin) when absent */
  actor?: { subject: string; role: string };
}

export interface ImportResult {
  summary: ImportSummary;
  unit: RowUnit;
  problems: RowProblem[];
  repaired: RowProblem[];
  /** what the user should know though nothing was refused (e.g. coordinates that look like GCJ-02) */
  warnings: Message[];
  /** what the reader and the columns did: the header row taken, total rows skipped, units converted */
  notes: Message[];
  report: string;
  /** 0 when nothing was rejected, 1 otherwise */
  exitCode: number;
}

/** Report at most this many problem lines; a file wrong everywhere needs its first lines fixed, not a million. */
const MAX_PROBLEMS = 10_000;

class RollBack extends Error {}

export async function runImport(em: EntityManager, o: ImportOptions, bar: Progress = noProgress(process.stderr, true)): Promise<ImportResult> {
  const writer = WRITERS[o.kind];
  const started = Date.now();
  const problems: RowProblem[] = [];
  const repaired: RowProblem[] = [];
  const rejectedRows = new Set<number>();
  let extraProblems = 0;
  const reject = (list: RowProblem[]) => {
    for (const p of list) {
      rejectedRows.add(p.row);
      if (problems.length < MAX_PROBLEMS) problems.push(codedProblem(p));
      else extraProblems++;
    }
  };
  const counts = { read: 0, inserted: 0, updated: 0 };
  let source: Source | null = null;
  let written = false;
  const columnNotes: Message[] = [];
  const probe = o.crs === 'wgs84' && !o.crsStated ? new CrsOffsetProbe() : null;
  const notices: Message[] = [];
  try {
    source = await openSource(o.file, { encoding: o.encoding, headers: [...knownHeaders(writer.spec), ...Object.values(o.overrides)], ...(o.headerRow !== undefined ? { headerRow: o.headerRow } : {}) });
    const opened = source;
    const actor = o.actor ? { subject: o.actor.subject, role: o.actor.role as Role, counties: null } : undefined;
    const writeOptions: WriteOptions = { repair: o.repair, prefectureName: o.prefectureName, probe, demoRegion: o.demoRegion, actor, warnings: notices };
    writer.start?.();
    await em
      .fork()
      .transactional(async (tx) => {
        await deferAreaFigures(tx as EntityManager);
        await readAll(tx as EntityManager, opened, writer, o, writeOptions, counts, reject, repaired, () => rejectedRows.size > 0, bar, columnNotes);
        if (o.dryRun || (rejectedRows.size > 0 && !o.skipInvalid)) throw new RollBack();
        await flushAreaFigures(tx as EntityManager);
        if (counts.inserted + counts.updated > 0) await audit(tx as EntityManager, o, writer, counts, rejectedRows.size);
        written = true;
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    reject([rowProblem(0, basename(o.file), error.detail ?? error.message.replace(`${o.file}: `, ''))]);
  } finally {
    await source?.close();
  }
  if (isBulkWrite(written, counts.inserted + counts.updated)) await refreshStatistics(em);
  bar.done(counts.read);
  problems.sort((a, b) => a.row - b.row);
  repaired.sort((a, b) => a.row - b.row);
  if (extraProblems > 0) problems.push(rowProblem(0, 'report', message('report.moreProblems', { count: extraProblems })));
  const summary: ImportSummary = {
    file: o.file,
    kind: o.kind,
    format: source?.format ?? 'unreadable',
    encoding: source?.encoding ?? null,
    crs: source?.crs ?? null,
    read: counts.read,
    rejectedRows: [...rejectedRows].filter((r) => r > 0).length,
    inserted: counts.inserted,
    updated: counts.updated,
    written,
    dryRun: o.dryRun,
    skipInvalid: o.skipInvalid,
    seconds: (Date.now() - started) / 1000,
  };
  const unit = source?.unit ?? 'row';
  // A removal made by a rolled-back import did not happen: its notice goes with it.
  const warnings = [...(written ? notices : []), probe?.warning()].filter((w): w is Message => !!w);
  const lang = o.lang ?? DEFAULT_LANG;
  const notes = [...(source?.notes ?? []), ...columnNotes];
  const report = withWarnings(reportText(summary, unit, problems, repaired, { lang, notes }), warnings, lang);
  return { summary, unit, problems, repaired, warnings, notes, report, exitCode: rejectedRows.size > 0 ? 1 : 0 };
}

/** The report with its warnings right after the summary lines, where they are read before the problem list. */
function withWarnings(report: string, warnings: Message[], lang: Lang): string {
  if (warnings.length === 0) return report;
  const lines = report.split('\n');
  const at = lines.findIndex((l) => l === '');
  const block = ['', formatMessage(message('report.warnings', { count: warnings.length }), lang), ...warnings.map((w) => `- ${formatMessage(w, lang)}`)];
  lines.splice(at < 0 ? lines.length : at, 0, ...block);
  return lines.join('\n');
}

async function readAll(
  tx: EntityManager,
  source: Source,
  writer: KindWriter<unknown>,
  o: ImportOptions,
  writeOptions: WriteOptions,
  counts: { read: number; inserted: number; updated: number },
  reject: (p: RowProblem[]) => void,
  repaired: RowProblem[],
  anyRejected: () => boolean,
  bar: Progress,
  columnNotes: Message[],
): Promise<void> {
  const spec = writer.spec;
  const keys = new DuplicateKeys();
  const size = o.batchSize ?? 500;
  let batch: Array<GoodRow<unknown>> = [];
  // Which columns the file has, from its first row: on update, only those change.
  let given: ReadonlySet<string> | null = null;
  const flush = async (rows: Array<GoodRow<unknown>>) => {
    if (rows.length === 0) return;
    const checked = await writer.check(tx, rows, writeOptions);
    // The database's problems name the row's area too, as the row gave it.
    const areas = new Map<number, AreaLabel | undefined>(rows.map((r) => [r.row, r.area]));
    for (const p of [...checked.problems, ...checked.repaired]) p.area ??= areas.get(p.row);
    reject(checked.problems);
    repaired.push(...checked.repaired);
    const bad = new Set(checked.problems.map((p) => p.row));
    // Once a row is rejected the transaction will roll back: keep checking, stop writing.
    if (!anyRejected() || o.skipInvalid) {
      const result = await writer.upsert(tx, rows.filter((r) => !bad.has(r.row)), given ?? new Set(), writeOptions);
      counts.inserted += result.inserted;
      counts.updated += result.updated;
    }
  };
  // The database works on one batch while the next is read and built: one
  // batch in flight at a time, in file order (a batch starts after the one
  // before it has finished, so its checks see that one's rows).
  let pending: Promise<void> = Promise.resolve();
  const send = async () => {
    const rows = batch;
    batch = [];
    await pending;
    pending = flush(rows);
    pending.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  };
  try {
    await readRows();
  } catch (error) {
    await pending.catch(() => {});
    throw error;
  }
  await send();
  await pending;
  await writer.finish?.(tx);

  async function readRows(): Promise<void> {
    for await (const row of source.rows) {
      counts.read++;
      const b = buildRow(spec, row, { crs: o.crs, overrides: o.overrides });
      given ??= b.given;
      if (b.notes) columnNotes.push(...b.notes);
      const found = [...b.problems];
      if (b.key !== null) {
        const first = keys.seen(b.key, b.row);
        if (first !== null) found.push(rowProblem(b.row, b.label(spec.keyField), message('row.duplicate', { key: b.key, first, unit: message(source.unit === 'row' ? 'rowUnit.row' : 'rowUnit.feature') }), b.area));
      }
      if (b.record !== null && found.length === 0) {
        found.push(...writer.rules(b.record).map((p) => rowProblem(b.row, b.label(p.field), p.reason, b.area)));
      }
      if (found.length > 0) reject(found);
      else batch.push(b as GoodRow<unknown>);
      if (batch.length >= size) await send();
      bar.update(counts.read, source.progress());
    }
  }
}

/** One audit entry per import that changed something, in the import's transaction. */
async function audit(tx: EntityManager, o: ImportOptions, writer: KindWriter<unknown>, counts: { read: number; inserted: number; updated: number }, rejected: number): Promise<void> {
  await tx.execute(
    `insert into audit_entry (subject, role, action, entity, entity_id, county_code, before, after) values (?, ?, 'import', ?, ?, null, null, ?::jsonb)`,
    [o.actor?.subject ?? 'import@cli', o.actor?.role ?? 'admin', writer.entity, basename(o.file), JSON.stringify({ kind: o.kind, read: counts.read, inserted: counts.inserted, updated: counts.updated, rejected, skipInvalid: o.skipInvalid })],
  );
}

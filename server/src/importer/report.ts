/**
 * The import report: the counts, what the reader noticed (the header row,
 * total rows skipped, units converted), every rejected row with its number,
 * its area (name and code as the row gives them), the column and the reason,
 * and every repair; one problem a line so it can be grepped, sorted or opened
 * next to the data. Chinese unless --lang en; the same problems either way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  areaText,
  DEFAULT_LANG,
  formatMessage,
  kindName,
  message,
  problemField,
  problemReason,
  unitName,
  type Lang,
  type Message,
  type RowProblem,
  type RowUnit,
} from '@lingyan/data';

export interface ImportSummary {
  file: string;
  kind: string;
  format: string;
  encoding: string | null;
  crs: string | null;
  read: number;
  rejectedRows: number;
  inserted: number;
  updated: number;
  written: boolean;
  dryRun: boolean;
  skipInvalid: boolean;
  seconds: number;
}

export interface ReportOptions {
  lang?: Lang;
  /** what the reader and the columns did (header row, total rows, units) */
  notes?: readonly Message[];
}

/** Where the line is: 第 5 行 / row 5, 文件 / file, or several rows of one missing column. */
function place(unit: RowUnit, rows: number[], lang: Lang): string {
  const [first] = rows;
  if (first === 0) return lang === 'en' ? 'file' : '文件';
  const u = unitName(unit, lang);
  if (rows.length === 1) return lang === 'en' ? `${u} ${first}` : `第 ${first} ${u}`;
  const last = rows[rows.length - 1]!;
  return lang === 'en' ? `${u}s ${first}–${last} (${rows.length} ${u}s)` : `第 ${first}–${last} ${u}（共 ${rows.length} ${u}）`;
}

function line(unit: RowUnit, rows: number[], p: RowProblem, lang: Lang): string {
  const area = areaText(p.area);
  const sep = lang === 'en' ? ', ' : '，';
  const head = [place(unit, rows, lang), ...(area && rows.length === 1 ? [area] : []), problemField(p, lang)].join(sep);
  return `${head}${lang === 'en' ? ': ' : '：'}${problemReason(p, lang)}`;
}

export function problemLine(unit: RowUnit, p: RowProblem, lang: Lang = DEFAULT_LANG): string {
  return line(unit, [p.row], p, lang);
}

/**
 * The problem lines: one a problem, except a column the file lacks, which is
 * one line for all the rows it fails (a sheet without 年份 is one fix, not a
 * line on each of its thousand rows).
 */
export function problemLines(unit: RowUnit, problems: readonly RowProblem[], lang: Lang = DEFAULT_LANG): string[] {
  const missing = new Map<string, { p: RowProblem; rows: number[] }>();
  const out: Array<{ p: RowProblem; rows: number[] }> = [];
  for (const p of problems) {
    if (p.code !== 'column.missing') {
      out.push({ p, rows: [p.row] });
      continue;
    }
    const seen = missing.get(p.field);
    if (seen) seen.rows.push(p.row);
    else {
      const entry = { p, rows: [p.row] };
      missing.set(p.field, entry);
      out.push(entry);
    }
  }
  return out.map(({ p, rows }) => line(unit, rows, p, lang));
}

function outcome(s: ImportSummary, lang: Lang): string {
  const unchanged = s.read - s.rejectedRows - s.inserted - s.updated;
  const counts = message('report.counts', { inserted: s.inserted, updated: s.updated, unchanged });
  if (s.dryRun) return formatMessage(message('report.dryRun', { counts }), lang);
  if (!s.written) return formatMessage(message('report.nothingWritten'), lang);
  return formatMessage(counts, lang);
}

export function reportText(s: ImportSummary, unit: RowUnit, problems: RowProblem[], repaired: RowProblem[], options: ReportOptions = {}): string {
  const lang = options.lang ?? DEFAULT_LANG;
  const f = (code: Parameters<typeof message>[0], params?: Parameters<typeof message>[1]) => formatMessage(message(code, params), lang);
  const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : s.read;
  const format = [s.format, s.encoding, s.crs ? `CRS ${s.crs}` : null].filter(Boolean).join(lang === 'en' ? ', ' : '，');
  const lines = [
    f('report.title', { file: s.file, kind: lang === 'en' ? s.kind : kindName(s.kind, lang), format }),
    f('report.read', { read: s.read, unit: unitName(unit, lang), seconds: s.seconds.toFixed(1), rate, rejected: s.rejectedRows, repaired: new Set(repaired.map((r) => r.row)).size }),
    f('report.result', { outcome: outcome(s, lang) }),
  ];
  const notes = options.notes ?? [];
  if (notes.length) lines.push('', f('report.notes', { count: notes.length }), ...notes.map((n) => `- ${formatMessage(n, lang)}`));
  if (problems.length) lines.push('', f('report.rejected', { count: problems.length }), ...problemLines(unit, problems, lang));
  if (repaired.length) lines.push('', f('report.repaired', { count: repaired.length }), ...repaired.map((p) => problemLine(unit, p, lang)));
  return `${lines.join('\n')}\n`;
}

/**
 * Where a report goes unless --report says: an import-reports folder in
 * DATA_DIR (beside the database it describes), named for the file and the
 * time, so reports neither land in whatever folder the command ran from nor
 * overwrite each other; beside the input file when there is no DATA_DIR.
 */
export function defaultReportPath(file: string, dataDir: string | null, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const name = `${path.basename(file)}.${stamp}.report.txt`;
  return dataDir ? path.join(dataDir, 'import-reports', name) : path.join(path.dirname(file), name);
}

export function writeReport(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
}

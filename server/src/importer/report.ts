/**
 * The import report: every rejected row with its number, field and reason,
 * every repair, and the counts; printed and written to a file, one problem a
 * line so it can be grepped, sorted or opened next to the data.
 */
import { writeFileSync } from 'node:fs';
import type { RowProblem, RowUnit } from '@lingyan/data';

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

export function problemLine(unit: RowUnit, p: RowProblem): string {
  return p.row === 0 ? `file, ${p.field}: ${p.reason}` : `${unit} ${p.row}, ${p.field}: ${p.reason}`;
}

function outcome(s: ImportSummary): string {
  const unchanged = s.read - s.rejectedRows - s.inserted - s.updated;
  const counts = `${s.inserted} inserted, ${s.updated} updated, ${unchanged} unchanged`;
  if (s.dryRun) return `dry run, nothing written; it would give ${counts}`;
  if (!s.written) return `nothing written (all-or-nothing): fix the rows below, or pass --skip-invalid to write the others`;
  return counts;
}

export function reportText(s: ImportSummary, unit: RowUnit, problems: RowProblem[], repaired: RowProblem[]): string {
  const rate = s.seconds > 0 ? Math.round(s.read / s.seconds) : s.read;
  const lines = [
    `import ${s.kind} from ${s.file} (${s.format}${s.encoding ? `, ${s.encoding}` : ''}${s.crs ? `, CRS ${s.crs}` : ''})`,
    `read ${s.read} ${unit}s in ${s.seconds.toFixed(1)} s (${rate}/s); rejected ${s.rejectedRows}; repaired ${new Set(repaired.map((r) => r.row)).size}`,
    `result: ${outcome(s)}`,
  ];
  if (problems.length) lines.push('', `rejected (${problems.length} problems):`, ...problems.map((p) => problemLine(unit, p)));
  if (repaired.length) lines.push('', `repaired (${repaired.length}):`, ...repaired.map((p) => problemLine(unit, p)));
  return `${lines.join('\n')}\n`;
}

export function writeReport(path: string, text: string): void {
  writeFileSync(path, text, 'utf8');
}

/**
 * The rows of a sheet as bureaus make them (CSV and XLSX alike): title rows
 * and merged titles above the header, a header that is not on row 1, 合计 /
 * 小计 / 总计 rows among the data, notes (填表人, 注：…) at the bottom.
 *
 * The header is the row, among the first HEADER_SEARCH_ROWS, with the most
 * cells that are known column names (the kind's aliases); without such a
 * row, the first row as wide as the table whose cells are all text. The
 * caller may name the header row instead. What was taken and what was
 * skipped is said in the source's notes, for the report.
 */
import { normHeader } from '../columns.js';
import { splitHeader } from '../header-units.js';
import { message, type Message } from '../messages.js';
import { sourceError, type SourceRow } from '../source.js';

/** Rows searched for the header: titles, a 单位：万元 line and a blank or two fit well within it. */
export const HEADER_SEARCH_ROWS = 30;

export interface RawRow {
  /** the row's number as the spreadsheet shows it */
  number: number;
  cells: unknown[];
}

export interface TableOptions {
  /** the header row the user chose (1-based); found by the rules above when absent */
  headerRow?: number;
  /** known column names (every alias of the kind), to recognise the header by */
  headers?: readonly string[];
  /** what to call the file in a SourceError */
  path: string;
}

export interface TableState {
  headerRow: number | null;
  notes: Message[];
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const filled = (cells: unknown[]) => cells.filter((c) => !isBlank(c)).length;
const looksNumeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^[\s\d.,+\-eE%‰]+$/.test(v.normalize('NFKC')));

/** A total row names itself in one of its first cells: 合计, 小计, 总计, 全旗合计, 某某镇小计, 合 计. */
const TOTAL = /^.{0,12}(合计|小计|总计)$/;
/** A note under the table: 注：…, 填表人：…, 审核人, 单位负责人, 填报日期. */
const FOOTER = /^(注|说明|备注|填表|制表|审核|负责人|单位负责人|统计负责人|填报|联系电话|数据来源)/;

function totalText(cells: unknown[]): string | null {
  for (const c of cells.filter((v) => !isBlank(v)).slice(0, 3)) {
    if (typeof c !== 'string') continue;
    const t = c.normalize('NFKC').replace(/\s+/g, '');
    if (TOTAL.test(t)) return c.trim();
  }
  return null;
}

function isFooter(cells: unknown[]): boolean {
  const values = cells.filter((v) => !isBlank(v));
  return values.length <= 2 && typeof values[0] === 'string' && FOOTER.test(values[0].normalize('NFKC').trim());
}

function chooseHeader(rows: RawRow[], hints: ReadonlySet<string>): RawRow | null {
  const candidates = rows.filter((r) => filled(r.cells) > 0);
  if (candidates.length === 0) return null;
  let best: RawRow | null = null;
  let bestScore = 0;
  for (const r of candidates) {
    const score = r.cells.filter((c) => typeof c === 'string' && (hints.has(normHeader(c)) || hints.has(normHeader(splitHeader(c).name)))).length;
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  if (best) return best;
  // No known names: the first row as wide as the table (a title is one merged cell) and all text.
  const widest = Math.max(...candidates.map((r) => filled(r.cells)));
  return candidates.find((r) => filled(r.cells) >= Math.max(2, Math.ceil(widest / 2)) && r.cells.every((c) => isBlank(c) || !looksNumeric(c))) ?? candidates[0]!;
}

/** Yields the data rows under the header as SourceRows; `state` tells the header row and the notes once read. */
export async function* tableRows(raw: AsyncIterable<RawRow>, options: TableOptions, state: TableState): AsyncGenerator<SourceRow> {
  const hints = new Set<string>((options.headers ?? []).map((h) => normHeader(splitHeader(h).name)));
  const buffered: RawRow[] = [];
  let header: string[] | null = null;

  function* emit(r: RawRow): Generator<SourceRow> {
    if (filled(r.cells) === 0) return;
    const total = totalText(r.cells);
    if (total !== null) {
      state.notes.push(message('note.totalRow', { row: r.number, text: total }));
      return;
    }
    if (isFooter(r.cells)) {
      state.notes.push(message('note.footerRow', { row: r.number }));
      return;
    }
    const fields: Record<string, unknown> = {};
    header!.forEach((h, i) => {
      if (h !== '') fields[h] = r.cells[i] ?? '';
    });
    if (Object.values(fields).some((v) => !isBlank(v))) yield { number: r.number, fields, geometry: null };
  }

  function settle(): RawRow[] {
    const chosen = options.headerRow !== undefined ? buffered.find((r) => r.number === options.headerRow) : chooseHeader(buffered, hints);
    if (!chosen) {
      throw sourceError(options.path, options.headerRow !== undefined ? message('file.headerRowEmpty', { row: options.headerRow }) : message('file.empty'));
    }
    header = chosen.cells.map((v) => (isBlank(v) ? '' : String(v).replace(/\s*\n\s*/g, '').trim()));
    state.headerRow = chosen.number;
    const skipped = buffered.filter((r) => r.number < chosen.number && filled(r.cells) > 0).length;
    state.notes.unshift(skipped > 0 ? message('note.headerRowSkipped', { row: chosen.number, skipped }) : message('note.headerRow', { row: chosen.number }));
    return buffered.filter((r) => r.number > chosen.number);
  }

  const searched = options.headerRow ?? HEADER_SEARCH_ROWS;
  for await (const r of raw) {
    if (header === null) {
      buffered.push(r);
      if (r.number < searched) continue;
      for (const b of settle()) yield* emit(b);
      continue;
    }
    yield* emit(r);
  }
  if (header === null) {
    if (buffered.every((r) => filled(r.cells) === 0)) throw sourceError(options.path, message('file.empty'));
    for (const b of settle()) yield* emit(b);
  }
}

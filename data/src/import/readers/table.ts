/**
 * The rows of a sheet as bureaus make them (CSV and XLSX alike): title rows
 * and merged titles above the header, a header that is not on row 1, 合计 /
 * 小计 / 总计 rows among the data, notes (填表人, 注：…) at the bottom.
 *
 * The header is the row, among the first HEADER_SEARCH_ROWS, with the most
 * cells that are known column names (the kind's aliases); without such a
 * row, the first row as wide as the table whose cells are all text. The
 * caller may name the header row instead. A header in two rows (a merged
 * group such as 人口 over 贫困人口 | 农村人口) is read as one: each column
 * takes the lower cell, the upper one where the lower is empty. A 单位：万元
 * line above the header is the money unit of every column whose header
 * states none. What was taken and what was skipped is said in the source's
 * notes, for the report.
 */
import { normHeader } from '../columns.js';
import { splitHeader, type MoneyUnit } from '../header-units.js';
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

/** 单位：万元 / 计量单位:元 / (单位：千元) in a cell above the header. */
const UNIT_LINE = /(?:^|[(（\s])(?:计量)?单位\s*[:：]\s*(亿元|千元|万元|元)\s*[)）]?$/;

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
    const score = headerScore(r.cells, hints);
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  if (best) return best;
  // No known names: the first row as wide as the table (a title is one merged cell) and all text.
  const widest = Math.max(...candidates.map((r) => filled(r.cells)));
  return candidates.find((r) => filled(r.cells) >= Math.max(2, Math.ceil(widest / 2)) && r.cells.every((c) => isBlank(c) || !looksNumeric(c))) ?? candidates[0]!;
}

const headerScore = (cells: unknown[], hints: ReadonlySet<string>) =>
  cells.filter((c) => typeof c === 'string' && (hints.has(normHeader(c)) || hints.has(normHeader(splitHeader(c).name)))).length;

const headerText = (v: unknown) => (isBlank(v) ? '' : String(v).replace(/\s*\n\s*/g, '').trim());

/**
 * The header as one row of names: the chosen row alone, or combined with the
 * text-only row just above or below it when that names more known columns
 * (a two-row header). Returns the names and the last row of the header.
 */
function headerCells(rows: RawRow[], chosen: RawRow, hints: ReadonlySet<string>): { names: string[]; rows: number[] } {
  const alone = { names: chosen.cells.map(headerText), rows: [chosen.number] };
  let best = alone;
  let bestScore = headerScore(alone.names, hints);
  for (const other of [rows.find((r) => r.number === chosen.number - 1), rows.find((r) => r.number === chosen.number + 1)]) {
    if (!other || filled(other.cells) === 0 || other.cells.some((c) => !isBlank(c) && looksNumeric(c))) continue;
    const [upper, lower] = other.number < chosen.number ? [other, chosen] : [chosen, other];
    const width = Math.max(upper.cells.length, lower.cells.length);
    const names = Array.from({ length: width }, (_, i) => {
      const top = headerText(upper.cells[i]);
      const bottom = headerText(lower.cells[i]);
      if (bottom === '') return top;
      if (top === '' || headerScore([bottom], hints) > 0) return bottom;
      return headerScore([top + bottom], hints) > 0 ? top + bottom : bottom;
    });
    const score = headerScore(names, hints);
    if (score > bestScore) [best, bestScore] = [{ names, rows: [upper.number, lower.number] }, score];
  }
  return best;
}

/** The money unit a line above the header states for the whole table (单位：万元), if any. */
function tableUnit(rows: RawRow[]): MoneyUnit | null {
  for (const r of rows) {
    for (const c of r.cells) {
      if (typeof c !== 'string') continue;
      const m = UNIT_LINE.exec(c.normalize('NFKC').replace(/\s+/g, ' ').trim());
      if (m) return m[1] as MoneyUnit;
    }
  }
  return null;
}

/** Yields the data rows under the header as SourceRows; `state` tells the header row and the notes once read. */
export async function* tableRows(raw: AsyncIterable<RawRow>, options: TableOptions, state: TableState): AsyncGenerator<SourceRow> {
  const hints = new Set<string>((options.headers ?? []).map((h) => normHeader(splitHeader(h).name)));
  const buffered: RawRow[] = [];
  let header: string[] | null = null;
  let unit: MoneyUnit | null = null;

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
    if (Object.values(fields).some((v) => !isBlank(v))) yield { number: r.number, fields, geometry: null, ...(unit ? { unit } : {}) };
  }

  function settle(): RawRow[] {
    const chosen = options.headerRow !== undefined ? buffered.find((r) => r.number === options.headerRow) : chooseHeader(buffered, hints);
    if (!chosen) {
      throw sourceError(options.path, options.headerRow !== undefined ? message('file.headerRowEmpty', { row: options.headerRow }) : message('file.empty'));
    }
    const found = options.headerRow !== undefined ? { names: chosen.cells.map(headerText), rows: [chosen.number] } : headerCells(buffered, chosen, hints);
    const first = found.rows[0]!;
    const last = found.rows[found.rows.length - 1]!;
    header = found.names;
    state.headerRow = last;
    const above = buffered.filter((r) => r.number < first && filled(r.cells) > 0);
    unit = tableUnit(above);
    const notes: Message[] = [];
    if (found.rows.length > 1) notes.push(message('note.headerRows', { first, last }));
    else notes.push(above.length > 0 ? message('note.headerRowSkipped', { row: first, skipped: above.length }) : message('note.headerRow', { row: first }));
    state.notes.unshift(...notes);
    return buffered.filter((r) => r.number > last);
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

/**
 * XLSX: the first worksheet, streamed with exceljs's WorkbookReader (the
 * whole workbook never sits in memory). Rows keep the numbers Excel shows; a
 * merged title is one cell (its top-left) and is skipped with the other
 * rows above the header (table.ts).
 */
import { createReadStream, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { message } from '../messages.js';
import { sourceError, type Source } from '../source.js';
import { tableRows, type RawRow, type TableOptions, type TableState } from './table.js';

/** A cell as plain text or number: formulas give their result, rich text its text. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: string; error?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('').trim();
  if ('result' in v) return cellValue(v.result);
  if (typeof v.text === 'string') return v.text.trim();
  if (v.error) return v.error;
  return String(value);
}

export function readXlsx(path: string, table: Omit<TableOptions, 'path'> = {}): Source {
  const size = statSync(path).size || 1;
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  async function* raw(): AsyncGenerator<RawRow> {
    for await (const sheet of workbook) {
      let any = false;
      for await (const row of sheet) {
        any = true;
        // row.values is 1-based: index 0 is always empty.
        yield { number: row.number, cells: (row.values as unknown[]).slice(1).map(cellValue) };
      }
      if (!any) throw sourceError(path, message('file.sheetEmpty'));
      // Only the first worksheet is data; the rest are usually notes.
      break;
    }
  }
  const state: TableState = { headerRow: null, notes: [] };
  return {
    format: 'xlsx',
    unit: 'row',
    encoding: null,
    crs: null,
    rows: tableRows(raw(), { ...table, path }, state),
    get headerRow() {
      return state.headerRow;
    },
    notes: state.notes,
    progress: () => Math.min(1, input.bytesRead / size),
    close: async () => {
      input.destroy();
    },
  };
}

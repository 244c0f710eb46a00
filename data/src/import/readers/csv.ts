/**
 * CSV: title rows, a header row, then one row per record, streamed. Rows are
 * numbered as a spreadsheet shows them, blank lines included, so a report's
 * "row 7" is row 7 when the file is opened in Excel. Which row is the header,
 * and which rows are totals or notes, is table.ts's part.
 */
import { parse } from 'csv-parse';
import type { TextEncodingName } from '../encoding.js';
import type { Source } from '../source.js';
import { tableRows, type RawRow, type TableOptions, type TableState } from './table.js';
import { openTextFile } from './text-file.js';

export function readCsv(path: string, encoding: TextEncodingName | null, table: Omit<TableOptions, 'path'> = {}): Source {
  const file = openTextFile(path, encoding);
  const parser = file.stream.pipe(parse({ relax_column_count: true, skip_empty_lines: false, trim: true }));
  file.stream.on('error', (e) => parser.destroy(e));
  async function* raw(): AsyncGenerator<RawRow> {
    let number = 0;
    for await (const cells of parser as AsyncIterable<string[]>) yield { number: ++number, cells };
  }
  const state: TableState = { headerRow: null, notes: [] };
  const rows = tableRows(raw(), { ...table, path }, state);
  return {
    format: 'csv',
    unit: 'row',
    encoding: file.encoding,
    crs: null,
    rows,
    get headerRow() {
      return state.headerRow;
    },
    notes: state.notes,
    progress: file.progress,
    close: async () => {
      parser.destroy();
    },
  };
}

/**
 * CSV: a header row, then one row per record, streamed. Rows are numbered as
 * a spreadsheet shows them (the header is row 1), blank lines included, so a
 * report's "row 7" is row 7 when the file is opened in Excel.
 */
import { parse } from 'csv-parse';
import type { TextEncodingName } from '../encoding.js';
import { SourceError, type Source, type SourceRow } from '../source.js';
import { openTextFile } from './text-file.js';

export function readCsv(path: string, encoding: TextEncodingName | null): Source {
  const file = openTextFile(path, encoding);
  const parser = file.stream.pipe(parse({ relax_column_count: true, skip_empty_lines: false, trim: true }));
  file.stream.on('error', (e) => parser.destroy(e));
  async function* rows(): AsyncGenerator<SourceRow> {
    let header: string[] | null = null;
    let number = 0;
    for await (const cells of parser as AsyncIterable<string[]>) {
      number++;
      if (header === null) {
        header = cells.map((c) => c.trim());
        if (header.every((h) => h === '')) throw new SourceError(`${path}: row 1 must be a header row naming the columns`);
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      const fields: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (h !== '') fields[h] = cells[i] ?? '';
      });
      yield { number, fields, geometry: null };
    }
    if (header === null) throw new SourceError(`${path}: the file is empty`);
  }
  return {
    format: 'csv',
    unit: 'row',
    encoding: file.encoding,
    crs: null,
    rows: rows(),
    progress: file.progress,
    close: async () => {
      parser.destroy();
    },
  };
}

/**
 * XLSX: the first worksheet, streamed with exceljs's WorkbookReader (the
 * whole workbook never sits in memory). Row 1 is the header; rows keep the
 * numbers Excel shows.
 */
import { createReadStream, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { SourceError, type Source, type SourceRow } from '../source.js';

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

export function readXlsx(path: string): Source {
  const size = statSync(path).size || 1;
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const sheet of workbook) {
      let header: string[] | null = null;
      for await (const row of sheet) {
        // row.values is 1-based: index 0 is always empty.
        const values = (row.values as unknown[]).map(cellValue);
        if (header === null) {
          if (row.number !== 1) throw new SourceError(`${path}: row 1 of the first worksheet must be a header row naming the columns`);
          header = values.map((v) => (v === undefined ? '' : String(v).trim()));
          continue;
        }
        const fields: Record<string, unknown> = {};
        header.forEach((h, i) => {
          if (h !== '') fields[h] = values[i] ?? '';
        });
        if (Object.values(fields).some((v) => v !== '')) yield { number: row.number, fields, geometry: null };
      }
      if (header === null) throw new SourceError(`${path}: the first worksheet is empty`);
      // Only the first worksheet is data; the rest are usually notes.
      break;
    }
  }
  return {
    format: 'xlsx',
    unit: 'row',
    encoding: null,
    crs: null,
    rows: rows(),
    progress: () => Math.min(1, input.bytesRead / size),
    close: async () => {
      input.destroy();
    },
  };
}

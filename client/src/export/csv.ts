/**
 * CSV text as Excel and every other reader take it: RFC 4180 (comma
 * separated, CRLF line ends, a field quoted when it holds a quote, comma or
 * line break, quotes doubled), UTF-8 with a byte-order mark, without which
 * Excel reads the file as the system code page and garbles the Chinese.
 */

export type CsvValue = string | number | null | undefined;

export const UTF8_BOM = '\uFEFF';

/** Text a spreadsheet would run as a formula (OWASP "CSV injection"); numbers are never touched. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the BOM, the header row, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const line = (cells: readonly CsvValue[]) => `${cells.map(csvField).join(',')}\r\n`;
  return UTF8_BOM + line(header) + rows.map(line).join('');
}

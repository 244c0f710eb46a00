/** Names of the exported files: `领雁-<prefecture>-<year>.png`, and the same stem for CSV and GeoJSON. */

/** Characters no file system or browser keeps in a download's name. */
// eslint-disable-next-line no-control-regex -- control characters are among what is removed
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

function clean(part: string): string {
  return part.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
}

export interface FileNameParts {
  brand: string;
  prefecture: string;
  year: number;
  /** e.g. the layer of a CSV file */
  detail?: string;
  extension: 'png' | 'csv' | 'geojson';
}

/** The name without its extension (also the printed sheet's document title, which "save as PDF" offers as the name). */
export function exportFileStem({ brand, prefecture, year, detail }: Omit<FileNameParts, 'extension'>): string {
  return [brand, prefecture, String(year), ...(detail ? [detail] : [])].map(clean).filter((p) => p !== '').join('-');
}

export function exportFileName(parts: FileNameParts): string {
  return `${exportFileStem(parts)}.${parts.extension}`;
}

/** The local calendar date as YYYY-MM-DD (the source line's date). */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

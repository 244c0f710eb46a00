/** Picks the reader by the file's extension. */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { TextEncodingName } from './encoding.js';
import { readCsv } from './readers/csv.js';
import { readGeoJson } from './readers/geojson.js';
import { readShapefile } from './readers/shapefile.js';
import { readXlsx } from './readers/xlsx.js';
import { SourceError, type Source } from './source.js';

export const SOURCE_EXTENSIONS = ['.geojson', '.json', '.zip', '.shp', '.csv', '.txt', '.xlsx'] as const;

export interface OpenOptions {
  /** text encoding of CSV / DBF; null detects it */
  encoding: TextEncodingName | null;
  /** CSV / XLSX: the header row (1-based) when the user names it; found otherwise */
  headerRow?: number;
  /** CSV / XLSX: the column names the kind knows (its aliases), to find the header row by */
  headers?: readonly string[];
}

const tableOptions = (o: OpenOptions) => ({ ...(o.headerRow !== undefined ? { headerRow: o.headerRow } : {}), ...(o.headers ? { headers: o.headers } : {}) });

export async function openSource(path: string, options: OpenOptions): Promise<Source> {
  if (!existsSync(path)) throw new SourceError(`${path}: no such file`);
  switch (extname(path).toLowerCase()) {
    case '.geojson':
    case '.json':
      return readGeoJson(path);
    case '.zip':
    case '.shp':
      return readShapefile(path, options.encoding);
    case '.csv':
    case '.txt':
      return readCsv(path, options.encoding, tableOptions(options));
    case '.xlsx':
      return readXlsx(path, tableOptions(options));
    case '.xls':
      throw new SourceError(`${path}: the old Excel format (.xls) is not read; save the sheet as .xlsx or CSV`);
    default:
      throw new SourceError(`${path}: unknown file type; expected one of ${SOURCE_EXTENSIONS.join(', ')}`);
  }
}

/**
 * `pnpm data:export --kind <kind> [--format geojson|csv] [--out file] [--county code] [--year y]`,
 * parsed and checked. Paths are relative to where the user ran pnpm (INIT_CWD).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, IMPORT_KINDS, parseDivisionCode, parseInteger, type ExportFormat, type ImportKind } from '@lingyan/data';
import { ConfigError } from '../config/config.js';
import { AREA_KINDS, type ExportOptions } from './run-export.js';
import { WARNINGS_KIND, type WarningsExportOptions } from './warnings-export.js';

export const USAGE = `usage: pnpm data:export --kind <${IMPORT_KINDS.join('|')}|${WARNINGS_KIND}> [--format ${EXPORT_FORMATS.join('|')}] [--out <file>] [--county <code>] [--year <year>]
  writes the layout pnpm data:import reads by default; --format defaults to geojson for counties, townships, villages and projects, csv otherwise
  --kind ${WARNINGS_KIND}: the year's early warnings (预警清单, default the latest year) as CSV with Chinese headers; computed, so never imported`;

const POINT_OR_AREA: readonly ImportKind[] = [...AREA_KINDS, 'villages', 'projects'];

export function parseExportArgs(argv: string[], cwd = process.env.INIT_CWD ?? process.cwd()): ExportOptions | WarningsExportOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { kind: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, county: { type: 'string' }, year: { type: 'string' } },
  });
  if (positionals.length) throw new ConfigError(`unexpected argument "${positionals[0]}"; name the file with --out\n${USAGE}`);
  const kind = values.kind as ImportKind;
  if (values.kind === WARNINGS_KIND && values.format !== undefined && values.format.toLowerCase() !== 'csv') throw new ConfigError(`--kind ${WARNINGS_KIND} is written as CSV only, got "${values.format}"`);
  if (!IMPORT_KINDS.includes(kind) && values.kind !== WARNINGS_KIND) throw new ConfigError(`--kind must be one of ${IMPORT_KINDS.join(', ')}\n${USAGE}`);
  const format = (values.format?.toLowerCase() ?? (POINT_OR_AREA.includes(kind) ? 'geojson' : 'csv')) as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new ConfigError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${values.format}"`);
  if (format === 'csv' && AREA_KINDS.includes(kind)) throw new ConfigError(`--kind ${kind} has boundaries, which CSV cannot carry; use --format geojson`);
  let county: string | null = null;
  if (values.county !== undefined) {
    const c = parseDivisionCode(values.county, 'county');
    if (!c.ok) throw new ConfigError(`--county: ${c.reason}`);
    county = c.value;
  }
  let year: number | null = null;
  if (values.year !== undefined) {
    const y = parseInteger(values.year);
    if (!y.ok) throw new ConfigError(`--year: ${y.reason}`);
    year = y.value;
  }
  const out = path.resolve(cwd, values.out ?? `${kind}.${format}`);
  if (values.kind === WARNINGS_KIND) return { kind: WARNINGS_KIND, format: 'csv', out, county, year };
  return { kind, format, out, county, year };
}

/**
 * `pnpm data:import <file> --kind <kind> [options]`, parsed and checked. Paths
 * are relative to where the user ran pnpm (INIT_CWD), not to server/.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodingFromLabel, IMPORT_KINDS, langFromLabel, SOURCE_CRSES, type ImportKind, type SourceCrs } from '@lingyan/data';
import { ConfigError } from '../config/config.js';
import type { ImportOptions } from './run-import.js';

export const USAGE = `usage: pnpm data:import <file.geojson|.zip|.shp|.csv|.xlsx> --kind <${IMPORT_KINDS.join('|')}>
  [--dry-run] [--skip-invalid] [--repair] [--crs ${SOURCE_CRSES.join('|')}] [--encoding utf-8|gbk]
  [--code-field <header>] [--name-field <header>] [--lon-field <header>] [--lat-field <header>] [--year-field <header>]
  [--field <recordField>=<header> …] [--prefecture-name <名称>] [--replace-demo|--keep-demo] [--header-row <n>] [--lang zh|en] [--report <path>]`;

export interface CliOptions extends ImportOptions {
  /** where the report is written (--report); null: DATA_DIR/import-reports/<file>.<time>.report.txt */
  reportPath: string | null;
}

/** The record field that --code-field names for each kind. */
const CODE_FIELD: Partial<Record<ImportKind, string>> = {
  figures: 'villageCode',
  alliances: 'centreVillageCode',
  pairings: 'helpedVillageCode',
  projects: 'villageCode',
  units: 'villageCode',
};
/** The record field that --name-field names for each kind. */
const NAME_FIELD: Partial<Record<ImportKind, string>> = { units: 'unit' };

export function parseImportArgs(argv: string[], cwd = process.env.INIT_CWD ?? process.cwd()): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      repair: { type: 'boolean', default: false },
      crs: { type: 'string' },
      encoding: { type: 'string' },
      'code-field': { type: 'string' },
      'name-field': { type: 'string' },
      'lon-field': { type: 'string' },
      'lat-field': { type: 'string' },
      'year-field': { type: 'string' },
      field: { type: 'string', multiple: true },
      'prefecture-name': { type: 'string' },
      'replace-demo': { type: 'boolean', default: false },
      'keep-demo': { type: 'boolean', default: false },
      report: { type: 'string' },
      'header-row': { type: 'string' },
      lang: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new ConfigError(`give exactly one file to import\n${USAGE}`);
  const kind = values.kind as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) throw new ConfigError(`--kind must be one of ${IMPORT_KINDS.join(', ')}\n${USAGE}`);
  const crs = (values.crs ?? 'wgs84').toLowerCase().replace(/[^a-z0-9]/g, '') as SourceCrs;
  if (!SOURCE_CRSES.includes(crs)) throw new ConfigError(`--crs must be one of ${SOURCE_CRSES.join(', ')}, got "${values.crs}"`);
  if (values['replace-demo'] && values['keep-demo']) throw new ConfigError('--replace-demo 与 --keep-demo 只能选一个（替换演示地区，或与之并存）');
  const encoding = values.encoding ? encodingFromLabel(values.encoding) : null;
  if (values.encoding && !encoding) throw new ConfigError(`--encoding must be utf-8 or gbk (gb18030), got "${values.encoding}"`);
  const overrides: Record<string, string> = {};
  for (const f of values.field ?? []) {
    const [name, ...header] = f.split('=');
    if (!name || header.length === 0 || header.join('=') === '') throw new ConfigError(`--field must be <recordField>=<header>, e.g. --field poorPopulation=贫困人口数; got "${f}"`);
    overrides[name.trim()] = header.join('=').trim();
  }
  const named: Array<[string | undefined, string]> = [
    [values['code-field'], CODE_FIELD[kind] ?? 'code'],
    [values['name-field'], NAME_FIELD[kind] ?? 'name'],
    [values['lon-field'], 'lon'],
    [values['lat-field'], 'lat'],
    [values['year-field'], 'year'],
  ];
  for (const [header, field] of named) if (header) overrides[field] = header;
  const lang = langFromLabel(values.lang ?? 'zh');
  if (!lang) throw new ConfigError(`--lang must be zh or en, got "${values.lang}"`);
  const headerRow = values['header-row'] === undefined ? undefined : Number(values['header-row']);
  if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1 && headerRow <= 100)) throw new ConfigError(`--header-row must be a row number from 1 to 100, got "${values['header-row']}"`);
  const file = path.resolve(cwd, positionals[0]!);
  return {
    file,
    kind,
    dryRun: values['dry-run']!,
    skipInvalid: values['skip-invalid']!,
    repair: values.repair!,
    crs,
    crsStated: values.crs !== undefined,
    demoRegion: values['replace-demo'] ? 'replace' : values['keep-demo'] ? 'keep' : 'ask',
    encoding,
    overrides,
    prefectureName: values['prefecture-name']?.trim() || null,
    lang,
    ...(headerRow !== undefined ? { headerRow } : {}),
    reportPath: values.report === undefined ? null : path.resolve(cwd, values.report),
  };
}

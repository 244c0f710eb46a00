/** `pnpm data:import` options for bureau sheets: --lang, --header-row, and where the report goes by default. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportArgs } from '../../../server/src/importer/options.js';
import { defaultReportPath } from '../../../server/src/importer/report.js';

describe('import options', () => {
  it('reports in Chinese unless --lang en, takes a chosen header row, and leaves the report path to the data folder', () => {
    const zh = parseImportArgs(['figures.csv', '--kind', 'figures'], '/data/in');
    expect(zh).toMatchObject({ file: '/data/in/figures.csv', lang: 'zh', reportPath: null });
    expect(zh.headerRow).toBeUndefined();
    const en = parseImportArgs(['figures.csv', '--kind', 'figures', '--lang', 'en-GB', '--header-row', '3', '--report', 'out/r.txt'], '/data/in');
    expect(en).toMatchObject({ lang: 'en', headerRow: 3, reportPath: '/data/in/out/r.txt' });
  });

  it('refuses an unknown language and a header row that is not a row number', () => {
    expect(() => parseImportArgs(['f.csv', '--kind', 'figures', '--lang', 'fr'])).toThrow('--lang must be zh or en, got "fr"');
    expect(() => parseImportArgs(['f.csv', '--kind', 'figures', '--header-row', '0'])).toThrow('--header-row must be a row number from 1 to 100, got "0"');
    expect(() => parseImportArgs(['f.csv', '--kind', 'figures', '--header-row', 'two'])).toThrow('--header-row must be a row number from 1 to 100');
  });

  it('puts a report in DATA_DIR/import-reports, named for the file and the time, never in the current folder', () => {
    const at = new Date(Date.UTC(2026, 11, 6, 9, 30, 5));
    expect(defaultReportPath('/home/officer/旗县数据.xlsx', '/srv/lingyan/.data', at)).toBe(path.join('/srv/lingyan/.data', 'import-reports', '旗县数据.xlsx.20261206-093005.report.txt'));
    expect(defaultReportPath('/home/officer/旗县数据.xlsx', null, at)).toBe(path.join('/home/officer', '旗县数据.xlsx.20261206-093005.report.txt'));
  });
});

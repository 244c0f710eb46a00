/**
 * `pnpm data:export --kind warnings`: a year's warnings as CSV with Chinese
 * headers (UTF-8 with BOM), filtered by county; there is no import of it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { IMPORT_KINDS } from '@lingyan/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../server/src/exporter/options.js';
import { runWarningsExport } from '../../server/src/exporter/warnings-export.js';
import { testOrm } from '../support/db.js';
import { EXPECTED_2024, F_COUNTY, UNITS, removeWarningsFixture, writeWarningsFixture } from '../support/warnings-fixture.js';

let orm: MikroORM;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-warnings-'));

beforeAll(async () => {
  orm = await testOrm();
  await writeWarningsFixture();
});
afterAll(async () => {
  await removeWarningsFixture();
  await orm?.close();
});

describe('warnings export', () => {
  it('writes the county\'s warnings of the year, one line each, with Chinese headers', async () => {
    const out = path.join(dir, 'warnings.csv');
    const r = await runWarningsExport(orm.em.fork() as unknown as EntityManager, { kind: 'warnings', format: 'csv', out, county: F_COUNTY, year: 2024 });
    const total = Object.values(EXPECTED_2024).flat().length;
    expect(r).toMatchObject({ rows: total, year: 2024 });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeff年份,预警等级,预警规则,旗县代码,旗县,苏木乡镇代码,苏木乡镇,嘎查村代码,嘎查村,预警对象,预警说明,责任主体,依据\r\n')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(total + 1);
    expect(lines[1]!.startsWith('2024,红色,返贫风险,159998000000,测试旗,')).toBe(true);
    const fund = lines.find((l) => l.includes('帮扶资金未到位'))!;
    expect(fund).toContain(`帮扶单位：${UNITS[1]}；帮扶单位：${UNITS[2]}；帮扶单位：${UNITS[0]}；工作队派驻单位：${UNITS[0]}；苏木乡镇：测试二苏木`);
    expect(fund).toContain('committed=100');
  });

  it('is a kind of the exporter but not of the importer, and CSV only', () => {
    expect(IMPORT_KINDS).not.toContain('warnings');
    expect(parseExportArgs(['--kind', 'warnings', '--year', '2024'], dir)).toEqual({ kind: 'warnings', format: 'csv', out: path.join(dir, 'warnings.csv'), county: null, year: 2024 });
    expect(() => parseExportArgs(['--kind', 'warnings', '--format', 'geojson'], dir)).toThrow('--kind warnings is written as CSV only, got "geojson"');
  });
});

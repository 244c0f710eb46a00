/**
 * The `causes` kind: a bureau's WIDE sheet (one column per cause) exported
 * from the demo region and imported back gives the same rows; a sheet with
 * English headers and only some causes changes only those; a bad sheet is
 * refused whole, each problem in Chinese with its row and column.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemReason } from '@lingyan/data';
import { runExport } from '../../server/src/exporter/run-export.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { fingerprint, sql, testOrm } from '../support/db.js';

let orm: MikroORM;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-causes-'));
const ROWS = 'select village_code, year, cause, households from village_poverty_cause';
/** the demo's rows, put back after each test that changes them */
let demoRows = '';
let saved: unknown[] = [];

const run = (file: string, more: Partial<ImportOptions> = {}) =>
  runImport(orm.em as unknown as EntityManager, { file, kind: 'causes', dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more });

function csv(name: string, rows: Array<Array<string | number>>): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}

async function restore(): Promise<void> {
  await sql(`delete from village_poverty_cause`);
  await sql(`insert into village_poverty_cause (village_code, year, cause, households) select * from jsonb_to_recordset($1::jsonb) as r(village_code text, year int, cause text, households int)`, [JSON.stringify(saved)]);
}

beforeAll(async () => {
  orm = await testOrm();
  saved = await sql(ROWS);
  demoRows = await fingerprint([ROWS]);
});
afterAll(async () => {
  await restore();
  await sql(`delete from audit_entry where subject = 'import@cli'`);
  await orm?.close(true);
});

describe('export → import', () => {
  it('writes the WIDE sheet with the form\'s headers, and importing it into an emptied table gives the same rows; again, nothing changes', async () => {
    const out = path.join(dir, 'causes.csv');
    const exported = await runExport(orm.em as unknown as EntityManager, { kind: 'causes', format: 'csv', out, county: null, year: null });
    const [{ n }] = (await sql<{ n: number }>(`select count(distinct (village_code, year))::int as n from village_poverty_cause`)) as [{ n: number }];
    expect(exported.rows).toBe(n);
    const [header, first] = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('村代码,年份,因病,因残,因学,因灾,缺土地,缺水,缺技术,缺劳力,缺资金,交通条件落后,自身发展动力不足');
    const [code, year, ...counts] = first!.split(',');
    const stored = await sql<{ cause: string; households: number }>(`select cause, households from village_poverty_cause where village_code = $1 and year = $2`, [code, Number(year)]);
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(stored.reduce((s, r) => s + r.households, 0));

    await sql(`delete from village_poverty_cause`);
    const r = await run(out);
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ read: n, inserted: n, updated: 0, written: true });
    expect(await fingerprint([ROWS])).toBe(demoRows);
    const again = await run(out);
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0 });
    expect(await fingerprint([ROWS])).toBe(demoRows);
  });

  it('exports one county and year only when asked', async () => {
    const [{ village_code: v, year }] = (await sql<{ village_code: string; year: number }>(`select village_code, year from village_poverty_cause order by village_code desc limit 1`)) as [{ village_code: string; year: number }];
    const county = `${v.slice(0, 6)}000000`;
    const out = path.join(dir, 'one-county.csv');
    const exported = await runExport(orm.em as unknown as EntityManager, { kind: 'causes', format: 'csv', out, county, year });
    const [{ n }] = (await sql<{ n: number }>(`select count(distinct village_code)::int as n from village_poverty_cause where left(village_code, 6) = $1 and year = $2`, [v.slice(0, 6), year])) as [{ n: number }];
    expect(exported.rows).toBe(n);
    expect(readFileSync(out, 'utf8').split('\r\n').slice(1, -1).every((line) => line.startsWith(v.slice(0, 6)) && line.split(',')[1] === String(year))).toBe(true);
  });
});

describe('a sheet with English headers and some causes', () => {
  it('changes the causes it has (0 removes one) and keeps the others', async () => {
    const [vy] = (await sql<{ village_code: string; year: number; poor: number }>(
      `select c.village_code, c.year, vy.poor_households as poor from village_poverty_cause c join village_year vy on vy.village_code = c.village_code and vy.year = c.year
        where c.cause = 'ILLNESS' and vy.poor_households >= 8
          and exists (select 1 from village_poverty_cause o where o.village_code = c.village_code and o.year = c.year and o.cause not in ('ILLNESS', 'DISASTER'))
        order by c.village_code, c.year limit 1`,
    )) as [{ village_code: string; year: number; poor: number }];
    const others = await sql(`select cause, households from village_poverty_cause where village_code = $1 and year = $2 and cause not in ('ILLNESS', 'DISASTER') order by cause`, [vy.village_code, vy.year]);
    const othersTotal = (others as Array<{ households: number }>).reduce((s, r) => s + r.households, 0);
    try {
      const r = await run(csv('english.csv', [['villageCode', 'year', 'illness', 'disaster'], [vy.village_code, vy.year, 0, vy.poor - othersTotal]]));
      expect(r.problems).toEqual([]);
      expect(r.summary).toMatchObject({ inserted: 0, updated: 1 });
      expect(await sql(`select cause, households from village_poverty_cause where village_code = $1 and year = $2 and cause in ('ILLNESS', 'DISASTER')`, [vy.village_code, vy.year])).toEqual(
        vy.poor - othersTotal > 0 ? [{ cause: 'DISASTER', households: vy.poor - othersTotal }] : [],
      );
      expect(await sql(`select cause, households from village_poverty_cause where village_code = $1 and year = $2 and cause not in ('ILLNESS', 'DISASTER') order by cause`, [vy.village_code, vy.year])).toEqual(others);
    } finally {
      await restore();
    }
  });
});

describe('a bad sheet', () => {
  it('is refused whole, each problem in Chinese with its row and column', async () => {
    const [a, b] = (await sql<{ code: string; name: string; year: number; poor: number }>(
      `select v.code, v.name, vy.year, vy.poor_households as poor from village v join village_year vy on vy.village_code = v.code and vy.year = 2017
        where vy.poor_households >= 3 order by v.code limit 2`,
    )) as Array<{ code: string; name: string; year: number; poor: number }>;
    const [{ kept }] = (await sql<{ kept: number }>(
      `select coalesce(sum(households), 0)::int as kept from village_poverty_cause where village_code = $1 and year = 2017 and cause not in ('ILLNESS', 'DISABILITY', 'LACK_OF_WATER', 'LACK_OF_DRIVE')`,
      [a!.code],
    )) as [{ kept: number }];
    const file = csv('bad.csv', [
      ['村代码', '年份', '因病', '因残', '缺水', '自身发展动力不足'],
      [a!.code, 2017, a!.poor, 1, 0, 0],
      [b!.code, 2017, 1, '', 'abc', 0],
      ['159999999999', 2017, 1, 0, 0, 0],
      [b!.code, 2009, 1, 0, 0, 0],
    ]);
    const r = await run(file);
    expect(r.summary.written).toBe(false);
    expect(r.problems.map((p) => `row ${p.row}, ${p.field}: ${problemReason(p)}`)).toEqual([
      `row 2, 因病…自身发展动力不足: ${a!.name}（${a!.code}）2017 年致贫原因户数合计 ${a!.poor + 1 + kept} 户，超过该村当年贫困户数 ${a!.poor} 户${kept > 0 ? `（其中本表未列的原因已录入 ${kept} 户）` : ''}`,
      'row 3, 缺水: "abc" 不是户数（应为不小于 0 的整数）',
      'row 4, 村代码: 嘎查村 159999999999 不在数据库中；请先导入嘎查村',
      `row 5, 因病…自身发展动力不足: ${b!.name}（${b!.code}）2009 年没有年度指标（贫困户数），不能录入致贫原因（合计 1 户）；请先录入该年的指标`,
    ]);
    expect(await fingerprint([ROWS])).toBe(demoRows);
  });

  it('refuses a figures sheet that lowers a village\'s poor households below those recorded by cause', async () => {
    const [vy] = (await sql<Record<string, string | number | boolean>>(
      `select v.name, vy.*, (select sum(households) from village_poverty_cause c where c.village_code = vy.village_code and c.year = vy.year)::int as recorded
         from village_year vy join village v on v.code = vy.village_code where vy.year = 2017 and vy.poor_households >= 3 order by vy.village_code limit 1`,
    )) as [Record<string, string | number | boolean>];
    const recorded = Number(vy.recorded);
    const file = csv('figures-lowered.csv', [
      ['村代码', '年份', '户数', '乡村人口', '贫困户数', '贫困人口', '集体经济收入', '结对帮扶户数'],
      [String(vy.village_code), 2017, Number(vy.households), Number(vy.rural_population), recorded - 1, Number(vy.poor_population), Number(vy.collective_income), 0],
    ]);
    const r = await run(file, { kind: 'figures' });
    expect(r.summary.written).toBe(false);
    expect(r.problems).toEqual([
      { row: 2, field: '贫困户数', reason: `${vy.name}（${vy.village_code}）2017 年贫困户数 ${recorded - 1} 户，少于已录入的致贫原因户数合计 ${recorded} 户；请先修改该村当年的致贫原因`, area: { code: String(vy.village_code) } },
    ]);
    expect(Number((await sql<{ p: number }>(`select poor_households as p from village_year where village_code = $1 and year = 2017`, [vy.village_code]))[0]!.p)).toBe(Number(vy.poor_households));
  });

  it('needs at least one cause column, and says which', async () => {
    const r = await run(csv('no-causes.csv', [['村代码', '年份', '备注'], ['159901101201', 2017, '无']]));
    expect(r.problems[0]).toMatchObject({ row: 2, field: 'causes', reason: '没有致贫原因列（应至少有一列：因病、因残、因学、因灾、缺土地、缺水、缺技术、缺劳力、缺资金、交通条件落后、自身发展动力不足）' });
  });
});

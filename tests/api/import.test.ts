/**
 * `pnpm data:import` against the run's database: a made-up prefecture
 * 152500000000 (apart from the demo region's 1599…) loaded in four steps from
 * four formats, re-imported without change, and each rejection reason
 * reported with its exact line while the database stays as it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { gcj02ToWgs84 } from '@lingyan/data';
import { databaseUrl, fingerprint, sql, testOrm } from '../support/db.js';
import { REPO } from '../support/process.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

let orm: MikroORM;

function run(file: string, kind: ImportOptions['kind'], more: Partial<ImportOptions> = {}) {
  return runImport(orm.em as unknown as EntityManager, {
    // The made-up prefecture is kept beside the demo region (the choice itself: api/remove-prefecture.test.ts).
    file: fixture(file), kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, demoRegion: 'keep', ...more,
  });
}

/** A fingerprint of every row the importer may touch. */
async function state(): Promise<string> {
  return fingerprint([
    'select * from prefecture',
    'select * from county',
    'select * from township',
    'select * from village',
    'select * from village_year',
    'select count(*) from audit_entry',
  ]);
}

async function cleanUp(): Promise<void> {
  await sql(`delete from village_year where village_code like '1525%'`);
  await sql(`delete from village where code like '1525%'`);
  await sql(`delete from township where code like '1525%'`);
  await sql(`delete from county where code like '1525%'`);
  await sql(`delete from prefecture where code like '1525%'`);
  await sql(`delete from audit_entry where subject = 'import@cli'`);
}

beforeAll(async () => {
  orm = await testOrm();
  await cleanUp();
});
afterAll(async () => {
  await cleanUp();
  await orm?.close(true);
});

describe('loading a prefecture in four imports', () => {
  it('refuses counties of a prefecture the database lacks unless told its name', async () => {
    const before = await state();
    const r = await run('counties.geojson', 'counties');
    expect(r.exitCode).toBe(1);
    expect(r.problems.map((p) => `${r.unit} ${p.row}, ${p.field}: ${p.reason}`)).toEqual([
      'feature 1, 代码: 所属盟市 152500000000（代码前 4 位）不在数据库中；加 --prefecture-name <名称> 新建该盟市',
      'feature 2, 代码: 所属盟市 152500000000（代码前 4 位）不在数据库中；加 --prefecture-name <名称> 新建该盟市',
    ]);
    expect(await state()).toBe(before);
  });

  it('counties (GeoJSON), townships (zipped Shapefile in EPSG:4547, GBK), villages (GBK CSV), figures (XLSX)', async () => {
    const counties = await run('counties.geojson', 'counties', { prefectureName: '测试盟' });
    expect(counties.report).toContain('结果：新增 2，更新 0，未变 0');
    const townships = await run('townships.zip', 'townships');
    expect(townships.summary).toMatchObject({ format: 'shapefile', encoding: 'gb18030', crs: 'CGCS2000_3_Degree_GK_CM_114E', inserted: 2 });
    const villages = await run('villages-gbk.csv', 'villages');
    expect(villages.summary).toMatchObject({ encoding: 'gb18030', inserted: 2, rejectedRows: 0 });
    const figures = await run('figures.xlsx', 'figures');
    expect(figures.summary).toMatchObject({ format: 'xlsx', inserted: 2, rejectedRows: 0 });

    expect(await sql(`select code, name, kind, key_poor_county from county where code like '1525%' order by code`)).toEqual([
      { code: '152591000000', name: '甲旗', kind: 'BANNER', key_poor_county: true },
      { code: '152592000000', name: '乙县', kind: 'COUNTY', key_poor_county: false },
    ]);
    // The prefecture made for them covers exactly its counties.
    const [pref] = await sql<{ name: string; same: boolean }>(`select name, ST_Equals(boundary, (select ST_Union(boundary) from county where prefecture_code = '152500000000')) as same from prefecture where code = '152500000000'`);
    expect(pref).toEqual({ name: '测试盟', same: true });
    // Reprojected from Gauss-Krüger: the corners are back on whole tenths of a degree.
    const [t] = await sql<{ name: string; xmin: number; xmax: number; ymax: number }>(
      `select name, ST_XMin(boundary) as xmin, ST_XMax(boundary) as xmax, ST_YMax(boundary) as ymax from township where code = '152591102000'`,
    );
    expect(t!.name).toBe('新民镇');
    expect([t!.xmin, t!.xmax, t!.ymax].map((x) => Number(x.toFixed(7)))).toEqual([114.2, 114.4, 43.4]);
    expect(await sql(`select code, name, kind, is_poor_village, exited_year, ST_AsText(location) as at from village where code like '1525%' order by code`)).toEqual([
      { code: '152591101201', name: '巴音嘎查', kind: 'GACHA', is_poor_village: true, exited_year: 2019, at: 'POINT(114.1 43.2)' },
      { code: '152591102201', name: '新民村', kind: 'VILLAGE', is_poor_village: false, exited_year: null, at: 'POINT(114.3 43.2)' },
    ]);
    expect(await sql(`select village_code, year, households, poor_population, collective_income::float as income, branch_rating, version from village_year where village_code like '1525%' order by village_code`)).toEqual([
      { village_code: '152591101201', year: 2024, households: 320, poor_population: 30, income: 4.5, branch_rating: 'MIDDLE', version: 1 },
      { village_code: '152591102201', year: 2024, households: 280, poor_population: 0, income: 15, branch_rating: 'ADVANCED', version: 1 },
    ]);
  });

  it('re-importing the same files changes nothing', async () => {
    const before = await state();
    for (const [file, kind] of [['counties.geojson', 'counties'], ['townships.zip', 'townships'], ['villages-gbk.csv', 'villages'], ['figures.xlsx', 'figures']] as const) {
      const r = await run(file, kind, { prefectureName: '测试盟' });
      expect(r.summary, file).toMatchObject({ inserted: 0, updated: 0, rejectedRows: 0, written: true });
      expect(r.exitCode).toBe(0);
    }
    expect(await state()).toBe(before);
  });

  it('converts GCJ-02 coordinates with --crs gcj02, and a dry run writes nothing', async () => {
    const before = await state();
    const dry = await run('villages-gcj02.csv', 'villages', { crs: 'gcj02', dryRun: true });
    expect(dry.report).toContain('结果：试运行，未写入；实际导入将会新增 1，更新 0，未变 0');
    expect(await state()).toBe(before);
    const r = await run('villages-gcj02.csv', 'villages', { crs: 'gcj02' });
    expect(r.summary.inserted).toBe(1);
    const [v] = await sql<{ x: number; y: number }>(`select ST_X(location) as x, ST_Y(location) as y from village where code = '152591102202'`);
    const [lon, lat] = gcj02ToWgs84(114.306129, 43.201122);
    expect(v!.x).toBeCloseTo(lon, 9);
    expect(v!.y).toBeCloseTo(lat, 9);
    expect(Math.abs(v!.x - 114.306129)).toBeGreaterThan(0.004); // a few hundred metres moved
    await sql(`delete from village where code = '152591102202'`);
  });
});

describe('rejections: every problem reported, nothing written', () => {
  it('townships: self-intersecting, outside its county, listed twice, county missing', async () => {
    const before = await state();
    const r = await run('townships-bad.geojson', 'townships');
    expect(r.exitCode).toBe(1);
    expect(r.summary).toMatchObject({ read: 5, rejectedRows: 4, written: false });
    expect(r.report.split('\n').filter((l) => /^第 \d+ 个要素/.test(l))).toEqual([
      '第 1 个要素，交叉乡 152591103000，边界：边界不是有效多边形（Self-intersection[114.1 43.1]）；加 --repair 可用 ST_MakeValid 修复，报告会列出面积变化',
      '第 2 个要素，越界镇 152591104000，边界：有 100.0 % 的面积在所属旗县 152591000000 之外',
      '第 4 个要素，好来苏木 152591105000，代码：152591105000 重复出现（首次在第 3 个要素）',
      '第 5 个要素，无县乡 152599101000，代码：所属旗县 152599000000（代码前 6 位）不在数据库中；请先导入旗县',
    ]);
    expect(r.report).toContain('结果：未写入任何数据（全部成功才写入）');
    expect(await state()).toBe(before);
  });

  it('--repair mends the bow-tie with ST_MakeValid and says so; --skip-invalid writes the good rows', async () => {
    const r = await run('townships-bad.geojson', 'townships', { repair: true, skipInvalid: true });
    expect(r.exitCode).toBe(1);
    // The bow-tie's two triangles cancel in the area as drawn (0 m²); repaired, they count both.
    expect(r.repaired.map((p) => `${p.row} ${p.field}: ${p.reason}`)).toEqual([
      expect.stringMatching(/^1 boundary: 边界已用 ST_MakeValid 修复（原问题：Self-intersection\[114\.1 43\.1\]）；面积 0 m² → [\d,]+ m²（\+[\d,]+ m²）$/),
    ]);
    expect(r.summary).toMatchObject({ rejectedRows: 3, inserted: 2, written: true });
    expect(await sql(`select code, ST_IsValid(boundary) as valid, ST_NumGeometries(boundary) as parts from township where code in ('152591103000', '152591105000') order by code`)).toEqual([
      { code: '152591103000', valid: true, parts: 2 },
      { code: '152591105000', valid: true, parts: 1 },
    ]);
    await sql(`delete from township where code in ('152591103000', '152591105000')`);
  });

  it('villages: duplicate code, non-numeric longitude, outside its township, malformed code', async () => {
    const before = await state();
    const r = await run('villages-bad.csv', 'villages');
    // Each line names the row, the village (its name and code as the row gives them) and the column, in Chinese.
    expect(r.report.split('\n').filter((l) => /^第 \d+ 行/.test(l))).toEqual([
      '第 3 行，东村 152591101202，代码：152591101202 重复出现（首次在第 2 行）',
      '第 4 行，西村 152591101203，经度："东经114度" 不是数字',
      '第 5 行，北村 152591101204，位置：位于所属苏木乡镇 152591101000 之外 12.2 km',
      '第 6 行，南村 1525911012，代码："1525911012" 有 10 位，统计用区划代码应为 12 位（旗县可只写前 6 位，苏木乡镇可只写前 9 位）；若 Excel 把代码列当作数字处理过（去掉开头的 0 或改动了末位），请把该列设置为“文本”格式后重新填入完整代码',
    ]);
    expect(await state()).toBe(before);
  });

  it('figures: non-numeric count, poor above population, negative count (the API\'s checkVillageFigures)', async () => {
    const before = await state();
    const r = await run('figures-bad.csv', 'figures');
    expect(r.report.split('\n').filter((l) => /^第 \d+ 行/.test(l))).toEqual([
      '第 2 行，152591101201，户数："十二" 不是数字',
      '第 3 行，152591101201，贫困人口：不能超过农村人口（100）',
      '第 4 行，152591101201，贫困户数：须是不小于 0 的整数',
    ]);
    // The same problems, in English on request.
    const en = await run('figures-bad.csv', 'figures', { lang: 'en' });
    expect(en.report.split('\n').filter((l) => /^row \d/.test(l))).toEqual([
      'row 2, 152591101201, households: "十二" is not a number',
      'row 3, 152591101201, poor population: must not exceed rural population (100)',
      'row 4, 152591101201, poor households: must be a whole number, 0 or more',
    ]);
    expect(await state()).toBe(before);
  });

  it('the command prints the report, writes it to --report and exits 1', async () => {
    const before = await state();
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'lingyan-report-')), 'figures.txt');
    const cli = spawnSync(path.join(REPO, 'server/node_modules/.bin/tsx'), ['server/src/cli/import.ts', fixture('figures-bad.csv'), '--kind', 'figures', '--report', report], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: databaseUrl(), INIT_CWD: REPO },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stdout).toContain('第 2 行，152591101201，户数："十二" 不是数字');
    expect(cli.stdout).toContain(`报告已写入 ${report}`);
    expect(readFileSync(report, 'utf8')).toContain('第 4 行，152591101201，贫困户数：须是不小于 0 的整数');
    expect(cli.stderr).toContain('progress: 4 rows read');
    expect(await state()).toBe(before);
  });
});

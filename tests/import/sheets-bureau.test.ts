/**
 * `runImport` on figures sheets shaped the way bureaus keep them, against the
 * run's database: a GBK CSV with a title row, 元 in a header, full-width
 * digits and a 合计 row is stored (in 万元); an XLSX with a merged title, a
 * code Excel turned into 1.5253E+11 and the year 2099 is refused whole, each
 * problem naming the row, the village and the column, in Chinese and, on
 * request, in English. Two demo villages get figures for 2001, a year the
 * demo region has none of; they are removed again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastYear, templateFiles } from '@lingyan/data';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { fingerprint, sql, testOrm } from '../support/db.js';

const YEAR = 2001;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-bureau-'));
let orm: MikroORM;
let a: { code: string; name: string };
let b: { code: string; name: string };

function run(file: string, more: Partial<ImportOptions> = {}) {
  return runImport(orm.em as unknown as EntityManager, {
    file, kind: 'figures', dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more,
  });
}

const stored = () => sql(`select village_code, households, rural_population, poor_population, collective_income::float as income from village_year where year = ${YEAR} order by village_code`);
const state = () => fingerprint([`select * from village_year where year = ${YEAR}`, 'select count(*) from audit_entry']);
/** The report's lines after its counts (which carry the time taken). */
const body = (report: string) => report.trimEnd().split('\n').slice(2);

async function cleanUp() {
  await sql(`delete from village_year where year = ${YEAR}`);
}

beforeAll(async () => {
  orm = await testOrm();
  [a, b] = await sql<{ code: string; name: string }>(`select code, name from village order by code limit 2`) as [typeof a, typeof b];
  await cleanUp();
});
afterAll(async () => {
  await cleanUp();
  // The area figures follow the village figures (triggers): nothing of 2001 is left for later files.
  expect(await sql(`select count(*)::int as n from area_year_figures where year = ${YEAR}`)).toEqual([{ n: 0 }]);
  await orm?.close(true);
  rmSync(dir, { recursive: true, force: true });
});

describe('a GBK CSV with a title row, 元 in a header, full-width digits and a 合计 row', () => {
  const file = () => {
    const csv = [
      `${YEAR}年嘎查村基本情况统计表,,,,,,,`,
      '嘎查村名称,村代码,年度,户数（户）,乡村人口,建档立卡贫困户数,建档立卡贫困人口,村集体经济收入（元）',
      `${a.name},${a.code},${YEAR},320,910,12,30,45000`,
      `${b.name},${b.code},２００１,２８０,"1,800",0,0,"150,000"`,
      '合计,,,600,2710,12,30,195000',
    ].join('\r\n');
    const f = path.join(dir, 'title.csv');
    writeFileSync(f, iconv.encode(csv, 'gbk'));
    return f;
  };

  it('stores both villages, the income in 万元, and says which row was the header and what was skipped', async () => {
    const r = await run(file());
    expect(r.exitCode).toBe(0);
    expect(r.summary).toMatchObject({ format: 'csv', encoding: 'gb18030', read: 2, inserted: 2, rejectedRows: 0, written: true });
    expect(await stored()).toEqual([
      { village_code: a.code, households: 320, rural_population: 910, poor_population: 30, income: 4.5 },
      { village_code: b.code, households: 280, rural_population: 1800, poor_population: 0, income: 15 },
    ]);
    expect(body(r.report)).toEqual([
      '结果：新增 2，更新 0，未变 0',
      '',
      '说明（3 条）：',
      '- 第 2 行作为表头（其上 1 行是标题或说明，已跳过）',
      '- 第 5 行是“合计”行，已跳过（合计由系统计算）',
      '- “村集体经济收入（元）”按 元 读取，已换算为 万元',
    ]);
  });

  it('says the same in English with --lang en, and changes nothing the second time', async () => {
    const before = await state();
    const r = await run(file(), { lang: 'en' });
    expect(r.report.split('\n')[0]).toBe(`import figures from ${path.join(dir, 'title.csv')} (csv, gb18030)`);
    expect(body(r.report)).toEqual([
      'result: 0 inserted, 0 updated, 2 unchanged',
      '',
      'notes (3):',
      '- row 2 taken as the header (the 1 row(s) above it are titles or notes, skipped)',
      '- row 5 is a total row ("合计"), skipped (the hub computes totals)',
      '- "村集体经济收入（元）" read in 元, converted to 万元',
    ]);
    expect(await state()).toBe(before);
  });
});

describe('an XLSX with a merged title, a code in scientific notation and the year 2099', () => {
  async function file(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('数据');
    sheet.addRow([`${YEAR}年嘎查村集体经济收入情况表`]);
    sheet.mergeCells('A1:G1');
    sheet.addRow(['嘎查村名称', '统计用区划代码', '年份', '户数', '乡村人口', '贫困户数', '贫困人口', '集体经济收入（万元）']);
    sheet.addRow([a.name, Number(a.code), YEAR, 330, 910, 12, 30, 5]);
    sheet.addRow([b.name, `${b.code.slice(0, 1)}.${b.code.slice(1, 5)}E+11`, YEAR, 280, 800, 0, 0, 15]);
    sheet.addRow([a.name, a.code, 2099, 320, 910, 12, 30, 4.5]);
    const f = path.join(dir, 'merged.xlsx');
    writeFileSync(f, new Uint8Array(await wb.xlsx.writeBuffer()));
    return f;
  }
  const sci = () => `${b.code.slice(0, 1)}.${b.code.slice(1, 5)}E+11`;

  it('refuses the file, writes nothing, and names row, village and column of each problem', async () => {
    const before = await state();
    const r = await run(await file());
    expect(r.exitCode).toBe(1);
    expect(r.summary).toMatchObject({ format: 'xlsx', read: 3, rejectedRows: 2, written: false });
    expect(body(r.report)).toEqual([
      '结果：未写入任何数据（全部成功才写入）：请修正下列各行，或加 --skip-invalid 只写入其余各行',
      '',
      '说明（1 条）：',
      '- 第 2 行作为表头（其上 1 行是标题或说明，已跳过）',
      '',
      '拒绝（2 个问题）：',
      `第 4 行，${b.name} ${sci()}，统计用区划代码："${sci()}" 是 Excel 把代码当作数字后显示的科学计数法，后几位已经丢失；请在 Excel 中把该列设置为“文本”格式，重新填入完整代码后再保存`,
      `第 5 行，${a.name} ${a.code}，年份："2099" 不是可接受的年份（应在 2000 至 ${lastYear()} 年之间）`,
    ]);
    expect(await state()).toBe(before);
  });

  it('writes the same problems in English with --lang en', async () => {
    const r = await run(await file(), { lang: 'en' });
    expect(body(r.report).slice(-3)).toEqual([
      'rejected (2 problems):',
      `row 4, ${b.name} ${sci()}, 统计用区划代码: "${sci()}" is a code Excel turned into a number and shows in scientific notation, which loses its last digits; format the column as Text in Excel, enter the full codes again, then save`,
      `row 5, ${a.name} ${a.code}, 年份: "2099" is not a plausible year (from 2000 to ${lastYear()})`,
    ]);
  });

  it('reports a column the sheet lacks once for all its rows, by its Chinese name', async () => {
    const f = path.join(dir, 'no-income.csv');
    writeFileSync(f, `村代码,年份,户数,乡村人口,贫困户数,贫困人口\n${a.code},${YEAR},1,2,0,0\n${b.code},${YEAR},1,2,0,0\n`);
    const r = await run(f);
    expect(body(r.report).slice(-2)).toEqual([
      '拒绝（2 个问题）：',
      '第 2–3 行（共 2 行），集体经济收入：找不到此列（查找的表头：集体经济收入 / 村集体经济收入 / 集体收入 / 村集体收入 / 村集体经济年收入 / collectiveIncome）；可用 --field collectiveIncome=<表头> 指定',
    ]);
    const en = await run(f, { lang: 'en' });
    expect(body(en.report).slice(-1)[0]).toMatch(/^rows 2–3 \(2 rows\), collective income: no column for it \(looked for 集体经济收入 \/ /);
  });
});

describe('templates', () => {
  it.each(['xlsx', 'csv'])('the figures template (%s) imports as it is into the demo database (a dry run: nothing written)', async (ext) => {
    const before = await state();
    const template = (await templateFiles('figures')).find((f) => f.name.endsWith(`.${ext}`))!;
    const f = path.join(dir, template.name);
    writeFileSync(f, template.bytes);
    const r = await run(f, { dryRun: true });
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ read: 1, rejectedRows: 0, written: false });
    expect(body(r.report)[0]).toMatch(/^结果：试运行，未写入；实际导入将会(新增 1，更新 0|新增 0，更新 1)，未变 0$/);
    expect(await state()).toBe(before);
  });
});

/**
 * Sheets as bureaus make them, read without a database: a GBK CSV with a
 * title above the header, an XLSX with a merged title, full-width digits,
 * units in headers, 合计 rows, codes Excel turned into 1.5253E+11, impossible
 * years; and the templates read back by the importer itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildRow,
  formatMessage,
  IMPORT_KINDS,
  KIND_SPECS,
  knownHeaders,
  lastYear,
  openSource,
  templateFiles,
  type ImportKind,
  type Source,
  type SourceRow,
} from '@lingyan/data';

const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-sheets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { crs: 'wgs84' as const, overrides: {} };

async function read(file: string, kind: ImportKind = 'figures'): Promise<{ source: Source; rows: SourceRow[] }> {
  const source = await openSource(file, { encoding: null, headers: knownHeaders(KIND_SPECS[kind]) });
  const rows: SourceRow[] = [];
  for await (const r of source.rows) rows.push(r);
  await source.close();
  return { source, rows };
}

const write = (name: string, bytes: Uint8Array | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe('a GBK CSV with a title row, a unit in a header, a 合计 row and a signature line', () => {
  const csv = [
    '2024年示例旗嘎查村基本情况统计表,,,,,,,,',
    ',,,,,,,,',
    '序号,嘎查村名称,村代码,年度,户数（户）,乡村人口,建档立卡贫困户数,建档立卡贫困人口,村集体经济收入（元）',
    '1,巴音嘎查,152591101201,2024,320,910,12,30,45000',
    '2,新民村,152591102201,２０２４,２８０,"1,800",0,0,"150,000"',
    '合 计,,,,600,2710,12,30,195000',
    '填表人：张三,,,,,,,,',
  ].join('\r\n');

  it('takes row 3 as the header, skips the total and the signature, and says so', async () => {
    const { source, rows } = await read(write('title.csv', iconv.encode(csv, 'gbk')));
    expect(source.encoding).toBe('gb18030');
    expect(source.headerRow).toBe(3);
    expect(rows.map((r) => r.number)).toEqual([4, 5]);
    expect(source.notes!.map((n) => formatMessage(n))).toEqual([
      '第 3 行作为表头（其上 1 行是标题或说明，已跳过）',
      '第 6 行是“合 计”行，已跳过（合计由系统计算）',
      '第 7 行是表格下方的注释或签名行，已跳过',
    ]);
    expect(source.notes!.map((n) => formatMessage(n, 'en'))[1]).toBe('row 6 is a total row ("合 计"), skipped (the hub computes totals)');
  });

  it('reads 元 into 万元, full-width digits as digits, and names the village from 嘎查村名称', async () => {
    const { rows } = await read(write('title2.csv', iconv.encode(csv, 'gbk')));
    const [a, b] = rows.map((r) => buildRow(KIND_SPECS.figures, r, ctx));
    expect(a!.problems).toEqual([]);
    expect(a!.record).toMatchObject({ villageCode: '152591101201', year: 2024, households: 320, collectiveIncome: 4.5 });
    expect(a!.area).toEqual({ code: '152591101201', name: '巴音嘎查' });
    expect(a!.notes!.map((n) => formatMessage(n))).toEqual(['“村集体经济收入（元）”按 元 读取，已换算为 万元']);
    expect(b!.problems).toEqual([]);
    expect(b!.record).toMatchObject({ year: 2024, households: 280, ruralPopulation: 1800, collectiveIncome: 15 });
    expect(b!.notes).toBeUndefined();
  });
});

describe('the header row chosen or found by the names the user gave', () => {
  // Row 1 is as wide as half the table and all text: without known names it would pass for the header.
  const csv = '填报单位：某镇,,填报日期：2024年\n编号,年,户\n152591101201,2024,320\n';

  it('takes the row the user names (--header-row)', async () => {
    const file = write('chosen.csv', new TextEncoder().encode(csv));
    const source = await openSource(file, { encoding: null, headerRow: 2 });
    const rows: SourceRow[] = [];
    for await (const r of source.rows) rows.push(r);
    expect(source.headerRow).toBe(2);
    expect(rows.map((r) => [r.number, r.fields])).toEqual([[3, { 编号: '152591101201', 年: '2024', 户: '320' }]]);
  });

  it('finds it by a header named with --field when the usual names are absent', async () => {
    const file = write('named.csv', new TextEncoder().encode(csv));
    const source = await openSource(file, { encoding: null, headers: ['编号'] });
    for await (const _ of source.rows);
    expect(source.headerRow).toBe(2);
    const blind = await openSource(file, { encoding: null });
    for await (const _ of blind.rows);
    expect(blind.headerRow).toBe(1);
  });
});

describe('an XLSX with a merged title, codes Excel mangled and impossible years', () => {
  async function workbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('2024');
    sheet.addRow(['示例旗2024年嘎查村集体经济收入情况表']);
    sheet.mergeCells('A1:F1');
    sheet.addRow(['单位：万元']);
    sheet.addRow(['嘎查村名称', '统计用区划代码', '年份', '户数', '乡村人口', '贫困户数', '贫困人口', '集体经济收入（万元）']);
    sheet.addRow(['巴音嘎查', 152591101201, 2024, 320, 910, 12, 30, 4.5]);
    sheet.addRow(['新民村', '1.52591E+11', 2024, 280, 800, 0, 0, 15]);
    sheet.addRow(['好来村', '１５２５９１１０２２０２', 2099, 100, 300, 0, 0, '３．５']);
    sheet.addRow(['小计', '', '', 700, 2010, 12, 30, 23]);
    return write('merged.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
  }

  it('skips the merged title and the unit line, takes the row of column names', async () => {
    const { source, rows } = await read(await workbook());
    expect(source.headerRow).toBe(3);
    expect(rows.map((r) => r.number)).toEqual([4, 5, 6]);
    expect(source.notes!.map((n) => formatMessage(n))).toEqual(['第 3 行作为表头（其上 2 行是标题或说明，已跳过）', '第 7 行是“小计”行，已跳过（合计由系统计算）']);
  });

  it('takes a code stored as a number, explains 1.52591E+11, reads full-width digits and refuses 2099', async () => {
    const { rows } = await read(await workbook());
    const [a, b, c] = rows.map((r) => buildRow(KIND_SPECS.figures, r, ctx));
    expect(a!.record).toMatchObject({ villageCode: '152591101201', collectiveIncome: 4.5 });
    expect(b!.problems.map((p) => [p.field, p.reason, p.area])).toEqual([
      [
        '统计用区划代码',
        '"1.52591E+11" 是 Excel 把代码当作数字后显示的科学计数法，后几位已经丢失；请在 Excel 中把该列设置为“文本”格式，重新填入完整代码后再保存',
        { code: '1.52591E+11', name: '新民村' },
      ],
    ]);
    expect(c!.problems.map((p) => [p.field, p.reason])).toEqual([['年份', `"2099" 不是可接受的年份（应在 2000 至 ${lastYear()} 年之间）`]]);
    // The rest of the row was read: full-width code and amount.
    expect(c!.area).toEqual({ code: '152591102202', name: '好来村' });
  });
});

describe('a two-row header under a merged group, and a 单位 line for the whole table', () => {
  async function workbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('2023');
    sheet.addRow(['示例旗2023年嘎查村收入与人口情况']);
    sheet.mergeCells('A1:H1');
    sheet.addRow(['', '', '', '', '', '', '', '单位：元']);
    sheet.addRow(['嘎查村名称', '村代码', '年份', '人口', '', '户数', '', '集体经济收入']);
    sheet.mergeCells('D3:E3');
    sheet.mergeCells('F3:G3');
    sheet.addRow(['', '', '', '农村人口', '贫困人口', '总户数', '贫困户数', '']);
    sheet.addRow(['巴音嘎查', '152591101201', 2023, 910, 30, 320, 12, 45000]);
    sheet.addRow(['新民村', '152591102201', 2023, 800, 0, 280, 0, 150000]);
    return write('two-row.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
  }

  it('reads rows 3–4 as one header, the lower name first, and says so', async () => {
    const { source, rows } = await read(await workbook());
    expect(source.headerRow).toBe(4);
    expect(rows.map((r) => r.number)).toEqual([5, 6]);
    expect(Object.keys(rows[0]!.fields).filter((h) => h !== '')).toEqual(['嘎查村名称', '村代码', '年份', '农村人口', '贫困人口', '总户数', '贫困户数', '集体经济收入']);
    expect(source.notes!.map((n) => formatMessage(n))).toEqual(['第 3–4 行作为表头（两行表头已合并为一行：下行名称优先，空处取上行）']);
  });

  it('reads a money column without a unit in the 元 the line above states, converted to 万元; counts untouched', async () => {
    const { rows } = await read(await workbook());
    const [a, b] = rows.map((r) => buildRow(KIND_SPECS.figures, r, ctx));
    expect(a!.problems).toEqual([]);
    expect(a!.record).toMatchObject({ villageCode: '152591101201', year: 2023, ruralPopulation: 910, poorPopulation: 30, households: 320, poorHouseholds: 12, collectiveIncome: 4.5 });
    expect(a!.notes!.map((n) => formatMessage(n))).toEqual(['“集体经济收入”未写单位，按表头上方的“单位：元”读取', '“集体经济收入”按 元 读取，已换算为 万元']);
    expect(b!.record).toMatchObject({ collectiveIncome: 15 });
  });

  it('keeps a unit the header states over the table\'s', async () => {
    const csv = ['单位：元', '村代码,年份,户数,乡村人口,贫困户数,贫困人口,集体经济收入（万元）', '152591101201,2023,320,910,12,30,4.5'].join('\n');
    const { rows } = await read(write('own-unit.csv', Buffer.from(csv)));
    const a = buildRow(KIND_SPECS.figures, rows[0]!, ctx);
    expect(a.record).toMatchObject({ collectiveIncome: 4.5 });
    expect(a.notes).toBeUndefined();
  });

  it('does not take a row of text under the header as a second header row when it names nothing more', async () => {
    const csv = ['村代码,年份,乡村人口', '嘎查村,旗县,乡村人口', '152591101201,2023,910'].join('\n');
    const { source, rows } = await read(write('one-row.csv', Buffer.from(csv)));
    expect(source.headerRow).toBe(1);
    expect(rows.map((r) => r.number)).toEqual([2, 3]);
  });
});

describe('templates', () => {
  it.each(IMPORT_KINDS)('%s: the XLSX and CSV read back into the example record', async (kind) => {
    const files = await templateFiles(kind);
    const tables = files.filter((f) => /\.(xlsx|csv)$/.test(f.name));
    expect(tables.map((f) => f.name)).toEqual([`${kind}-模板.xlsx`, `${kind}-模板.csv`]);
    const built = [];
    for (const f of files) {
      const { source, rows } = await read(write(f.name, f.bytes), kind);
      expect(rows, f.name).toHaveLength(1);
      if (f.name.endsWith('.geojson')) {
        expect(buildRow(KIND_SPECS[kind], rows[0]!, ctx).problems, f.name).toEqual([]);
        continue;
      }
      expect(source.headerRow).toBe(1);
      const b = buildRow(KIND_SPECS[kind], rows[0]!, ctx);
      // Counties and townships need a boundary, which only the GeoJSON template carries.
      if (kind === 'counties' || kind === 'townships') expect(b.problems.map((p) => p.field), f.name).toEqual(['boundary']);
      else expect(b.problems, f.name).toEqual([]);
      built.push(b.record);
    }
    expect(built[0]).toEqual(built[1]);
  });

  it('heads amounts with their unit and keeps code columns as text in the XLSX', async () => {
    const [xlsx, csv] = await templateFiles('figures');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv!.bytes).split('\r\n')[0]).toBe('\uFEFF村代码,嘎查村名称,年份,户数,乡村人口,贫困户数,贫困人口,集体经济收入（万元）,党员数,结对帮扶户数,一肩挑,软弱涣散,支部评级');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx!.bytes) as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('159901101201');
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(wb.worksheets[1]!.name).toBe('填写说明');
  });
});

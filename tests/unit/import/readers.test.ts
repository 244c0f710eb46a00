/** The pure readers of @lingyan/data: every format, encodings, reprojection from a .prj, field mapping. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectEncoding, figures, openSource, townships, villages, type Source, type SourceRow } from '@lingyan/data';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));

async function all(source: Source): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const r of source.rows) rows.push(r);
  await source.close();
  return rows;
}

describe('readers', () => {
  it('reads a zipped Shapefile with a GBK .dbf and reprojects it from its .prj (EPSG:4547, CGCS2000 GK CM 114E) to WGS-84', async () => {
    const source = await openSource(fixture('townships.zip'), { encoding: null });
    const rows = await all(source);
    expect(source).toMatchObject({ format: 'shapefile', unit: 'feature', encoding: 'gb18030', crs: 'CGCS2000_3_Degree_GK_CM_114E' });
    expect(rows.map((r) => [r.number, r.fields.XZQDM, r.fields.XZQMC])).toEqual([
      [1, '152591101000', '巴音苏木'],
      [2, '152591102000', '新民镇'],
    ]);
    const ring = (rows[1]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    for (const [lon, lat] of ring) {
      expect([114.2, 114.4]).toContainEqual(Number(lon!.toFixed(8)));
      expect([43.0, 43.4]).toContainEqual(Number(lat!.toFixed(8)));
    }
    const record = townships.build(rows[0]!, { crs: 'wgs84', overrides: {} });
    expect(record.problems).toEqual([]);
    expect(record.record).toMatchObject({ code: '152591101000', countyCode: '152591000000', name: '巴音苏木', kind: 'SUMU' });
  });

  it('detects and decodes a GBK CSV, and maps Chinese headers (代码, 名称, 经度, 纬度, 贫困村)', async () => {
    const source = await openSource(fixture('villages-gbk.csv'), { encoding: null });
    const rows = await all(source);
    expect(source.encoding).toBe('gb18030');
    expect(rows.map((r) => r.number)).toEqual([2, 3]);
    const v = villages.build(rows[0]!, { crs: 'wgs84', overrides: {} });
    expect(v.record).toMatchObject({ code: '152591101201', townshipCode: '152591101000', name: '巴音嘎查', kind: 'GACHA', isPoorVillage: true, exitedYear: 2019, branchName: '巴音嘎查党支部' });
    expect(v.record!.location).toEqual({ type: 'Point', coordinates: [114.1, 43.2] });
  });

  it('drops a UTF-8 BOM so the first header still matches', async () => {
    const rows = await all(await openSource(fixture('villages-bad.csv'), { encoding: null }));
    expect(Object.keys(rows[0]!.fields)[0]).toBe('code');
  });

  it('streams the first worksheet of an XLSX with numbers as numbers', async () => {
    const rows = await all(await openSource(fixture('figures.xlsx'), { encoding: null }));
    expect(rows).toHaveLength(2);
    const f = figures.build(rows[0]!, { crs: 'wgs84', overrides: {} });
    expect(f.record).toEqual({
      villageCode: '152591101201', year: 2024, households: 320, ruralPopulation: 910, poorHouseholds: 12, poorPopulation: 30,
      collectiveIncome: 4.5, partyMembers: 21, memberPairings: 0, secretaryIsDirector: true, softLax: false, branchRating: 'MIDDLE',
    });
    expect([...f.given].sort()).toEqual(['branchRating', 'collectiveIncome', 'households', 'partyMembers', 'poorHouseholds', 'poorPopulation', 'ruralPopulation', 'secretaryIsDirector', 'villageCode', 'year']);
  });

  it('streams GeoJSON features with their 1-based numbers', async () => {
    const rows = await all(await openSource(fixture('townships-bad.geojson'), { encoding: null }));
    expect(rows.map((r) => [r.number, r.fields.code])).toEqual([[1, '152591103000'], [2, '152591104000'], [3, '152591105000'], [4, '152591105000'], [5, '152599101000']]);
  });

  it('names the column by option and reports a non-numeric count with the header the file uses', async () => {
    const row: SourceRow = { number: 7, geometry: null, fields: { 村编码: '152591101201', 年份: '2024', 户数: '十二', 乡村人口: '900', 贫困户数: '1', 贫困人口: '2', 集体经济收入: '3' } };
    const f = figures.build(row, { crs: 'wgs84', overrides: { villageCode: '村编码' } });
    expect(f.problems).toEqual([{ row: 7, field: '户数', reason: '"十二" 不是数字', code: 'cell.notNumber', params: { value: '"十二"' } }]);
    const missing = figures.build(row, { crs: 'wgs84', overrides: {} });
    expect(missing.problems[0]).toMatchObject({
      row: 7,
      field: 'villageCode',
      code: 'column.missing',
      reason: '找不到此列（查找的表头：村代码 / 嘎查村代码 / 代码 / 区划代码 / 统计用区划代码 / 行政村代码 / 村级代码 / 嘎查村区划代码 / 村区划代码 / 所在村代码 / villageCode / village / code）；可用 --field villageCode=<表头> 指定',
    });
  });

  it('tells UTF-8 from GBK by validity, even when a sample ends inside a character', () => {
    const utf8 = new TextEncoder().encode('名称,代码');
    expect(detectEncoding(utf8)).toBe('utf-8');
    expect(detectEncoding(utf8.subarray(0, 2))).toBe('utf-8');
    expect(detectEncoding(Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6]))).toBe('gb18030');
  });

  it('refuses a file it cannot read with a reason', async () => {
    await expect(openSource(fixture('nothing.csv'), { encoding: null })).rejects.toThrow('no such file');
    await expect(openSource(fixture('make-fixtures.ts'), { encoding: null })).rejects.toThrow('unknown file type');
  });
});

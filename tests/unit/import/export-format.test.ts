/** The export layout is the importer's: every header a kind writes is found again for the same field, and cells read back as written. */
import { describe, expect, it } from 'vitest';
import { csvWriter, exportFields, exportHeader, FieldReader, geoJsonWriter, IMPORT_KINDS, KIND_SPECS, villages, type SourceRow } from '@lingyan/data';

describe('export layout', () => {
  it.each(IMPORT_KINDS)('%s: each exported header is the one the importer finds for its field', (kind) => {
    const spec = KIND_SPECS[kind]!;
    for (const format of ['csv', 'geojson'] as const) {
      const fields = exportFields(spec, format);
      const row = Object.fromEntries(fields.map((f) => [exportHeader(spec, f), 'x']));
      const reader = new FieldReader(2, row, spec.aliases, {});
      for (const f of fields) expect(reader.header(f), `${kind} ${format} ${f}`).toBe(exportHeader(spec, f));
    }
  });

  it('writes CSV with a BOM and CRLF, 是/否 for booleans, empty for null, quotes where needed, a point as 经度/纬度', () => {
    const w = csvWriter(villages);
    expect(w.head).toBe('\uFEFF代码,苏木乡镇代码,名称,英文名称,类型,经度,纬度,贫困村,出列年份,党支部,支部类型,1+5\r\n');
    const line = w.line({
      values: { code: '159901101201', townshipCode: '159901101000', name: '王家井村', nameEn: 'Wang, "Jia" Jing', kind: 'VILLAGE', isPoorVillage: true, exitedYear: null, branchName: '王家井村党支部', branchFocus: null, branchGovernance15: false },
      geometry: { type: 'Point', coordinates: [114.12345, 43.5] },
    });
    expect(line).toBe('159901101201,159901101000,王家井村,"Wang, ""Jia"" Jing",VILLAGE,114.12345,43.5,是,,王家井村党支部,,否\r\n');
  });

  it('reads its own CSV line back into the same record', () => {
    const w = csvWriter(villages);
    const values = { code: '159901101201', townshipCode: '159901101000', name: '王家井村', nameEn: 'Wangjiajing', kind: 'VILLAGE', isPoorVillage: true, exitedYear: 2019, branchName: '王家井村党支部', branchFocus: 'TOURISM', branchGovernance15: true };
    const header = w.head.slice(1).trimEnd().split(',');
    const cells = w.line({ values, geometry: { type: 'Point', coordinates: [114.5, 43.5] } }).trimEnd().split(',');
    const row: SourceRow = { number: 2, fields: Object.fromEntries(header.map((h, i) => [h, cells[i]])), geometry: null };
    const built = villages.build(row, { crs: 'wgs84', overrides: {} });
    expect(built.problems).toEqual([]);
    expect(built.record).toEqual({ ...values, location: { type: 'Point', coordinates: [114.5, 43.5] } });
  });

  it('writes GeoJSON one feature a line, the point as geometry, no 经度/纬度 properties', () => {
    const w = geoJsonWriter(villages);
    const text = w.head + w.line({ values: { code: '159901101201', name: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } }) + w.line({ values: { code: '159901101202', name: 'b' }, geometry: null }) + w.tail;
    const parsed = JSON.parse(text) as { features: Array<{ properties: Record<string, unknown>; geometry: unknown }> };
    expect(parsed.features).toHaveLength(2);
    expect(parsed.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(Object.keys(parsed.features[0]!.properties)).not.toContain('经度');
    expect(parsed.features[1]!.properties).toMatchObject({ 代码: '159901101202', 名称: 'b', 贫困村: null });
    expect(text.split('\n')).toHaveLength(5);
  });
});

/**
 * The templates of county-figures and township-figures (旗县 / 苏木乡镇报送
 * 数据): XLSX and CSV with Chinese headers read back by the importer into
 * the example record, which obeys the reported-figures rule.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIND_SPECS, knownHeaders, openSource, templateFiles, type ReportedFiguresRecord, type SourceRow } from '@lingyan/data';
import { completeReportedFigures } from '../../../server/src/domain/reported-figures/reported-figures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-reported-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reported-figures templates', () => {
  it.each(['county-figures', 'township-figures'] as const)('%s: XLSX and CSV read back into the example record, which the rule accepts', async (kind) => {
    const files = await templateFiles(kind);
    expect(files.map((f) => f.name)).toEqual([`${kind}-模板.xlsx`, `${kind}-模板.csv`]);
    const records: ReportedFiguresRecord[] = [];
    for (const f of files) {
      const file = path.join(dir, f.name);
      writeFileSync(file, f.bytes);
      const source = await openSource(file, { encoding: null, headers: knownHeaders(KIND_SPECS[kind]) });
      const rows: SourceRow[] = [];
      for await (const r of source.rows) rows.push(r);
      await source.close();
      expect(rows, f.name).toHaveLength(1);
      const b = KIND_SPECS[kind].build(rows[0]!, { crs: 'wgs84', overrides: {} });
      expect(b.problems, f.name).toEqual([]);
      records.push(b.record as ReportedFiguresRecord);
    }
    expect(records[0]).toEqual(records[1]);
    expect(Object.keys(records[0]!).filter((k) => records[0]![k as keyof ReportedFiguresRecord] === null)).toEqual([]);
    const r = records[0]!;
    expect(completeReportedFigures({ ...r, collectiveIncomeTotal: r.collectiveIncome }).problems).toEqual([]);
  });
});

/**
 * 督查问题清单 in and out: a list written as an inspection office keeps it
 * (one row per finding, its visit on the row) imports into visits and
 * findings, re-imports without change, closes findings when a later list
 * gives their rectification; the export of the same kind imports back to the
 * same rows; a bad list is refused line by line in Chinese, writing nothing.
 * Year 2009 holds no demo visits; the demo's findings are only read.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemReason, type RowProblem } from '@lingyan/data';
import { runExport } from '../../server/src/exporter/run-export.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { fingerprint, sql, testOrm } from '../support/db.js';

let orm: MikroORM;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-findings-'));
let village: string;
let township: string;
let county: string;

function run(file: string, more: Partial<ImportOptions> = {}) {
  return runImport(orm.em as unknown as EntityManager, {
    file, kind: 'findings', dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more,
  });
}

function csv(name: string, rows: Array<Array<string | number>>): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}

/** The rejected problems as row, column and their Chinese reason. */
const reportLines = (r: { problems: RowProblem[] }) => r.problems.map((p) => `row ${p.row}, ${p.field}: ${problemReason(p)}`);
const state = () => fingerprint(['select * from inspection', 'select * from finding']);
const HEADER = ['督查日期', '督查单位', '被督查单位代码', '问题类别', '问题描述', '责任单位', '整改时限', '整改完成日期', '整改佐证'];

beforeAll(async () => {
  orm = await testOrm();
  [{ code: village, township_code: township }] = (await sql<{ code: string; township_code: string }>(`select code, township_code from village order by code desc limit 1`)) as [{ code: string; township_code: string }];
  county = `${village.slice(0, 6)}000000`;
});
afterAll(async () => {
  await sql(`delete from inspection where extract(year from inspected_on) = 2009`);
  await sql(`delete from audit_entry where subject = 'import@cli'`);
  await orm?.close(true);
});

describe('a list as offices keep it', () => {
  it('groups rows into visits by date, unit and place, re-imports without change, and closes a finding from a later list', async () => {
    const rows = [
      ['2009-03-10', '盟委督查室', village, '基层党建', '三会一课记录不全', '村党支部', '2009/5/10', '2009年5月9日', '会议记录'],
      ['2009-03-10', '盟委督查室', village, '扶贫资金', '资金公示不及时', '村民委员会', '2009-05-10', '', ''],
      ['2009-03-10', '盟扶贫办', township, 'PROJECTS', '项目台账缺失', '乡人民政府', '2009-06-30', '', ''],
      ['2009-04-01', '盟委组织部', county.slice(0, 6), '作风', '走访群众不深入', '旗委组织部', '2009-06-01', '2009-07-02', '整改报告'],
    ];
    const first = await run(csv('list.csv', [HEADER, ...rows]));
    expect(first.exitCode).toBe(0);
    expect(first.summary).toMatchObject({ read: 4, inserted: 4, updated: 0 });
    const visits = await sql<{ inspecting_unit: string; county_code: string; township_code: string | null; village_code: string | null; n: string }>(
      `select i.inspecting_unit, i.county_code, i.township_code, i.village_code, count(f.id) as n from inspection i join finding f on f.inspection_id = i.id
        where extract(year from i.inspected_on) = 2009 group by i.id order by i.id`,
    );
    expect(visits).toEqual([
      { inspecting_unit: '盟委督查室', county_code: county, township_code: township, village_code: village, n: '2' },
      { inspecting_unit: '盟扶贫办', county_code: county, township_code: township, village_code: null, n: '1' },
      { inspecting_unit: '盟委组织部', county_code: county, township_code: null, village_code: null, n: '1' },
    ]);
    const [pb] = await sql<{ deadline: string; rectified_on: string; category: string }>(`select deadline::text, rectified_on::text, category from finding where description = '三会一课记录不全' and extract(year from deadline) = 2009`);
    expect(pb).toEqual({ deadline: '2009-05-10', rectified_on: '2009-05-09', category: 'PARTY_BUILDING' });

    const before = await state();
    const again = await run(csv('list-again.csv', [HEADER, ...rows]));
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0 });
    expect(await state()).toBe(before);

    const closed = rows.map((r) => (r[4] === '资金公示不及时' ? [...r.slice(0, 7), '2009-05-20', '公示照片'] : r));
    const later = await run(csv('list-later.csv', [HEADER, ...closed]));
    expect(later.summary).toMatchObject({ inserted: 0, updated: 1 });
    const [fixed] = await sql<{ rectified_on: string; evidence: string; version: number }>(`select rectified_on::text, evidence, version from finding where description = '资金公示不及时'`);
    expect(fixed).toEqual({ rectified_on: '2009-05-20', evidence: '公示照片', version: 2 });
  });

  it('reads the English headers too', async () => {
    const file = csv('english.csv', [
      ['inspectedOn', 'inspectingUnit', 'placeCode', 'category', 'description', 'responsibleUnit', 'deadline', 'rectifiedOn', 'evidence'],
      ['2009-08-01', 'Audit office', village, 'POLICY', 'Policy poorly explained', 'Village committee', '2009-09-01', '', ''],
    ]);
    const r = await run(file);
    expect(r.exitCode).toBe(0);
    expect(r.summary).toMatchObject({ inserted: 1 });
  });
});

describe('export and import back', () => {
  it('exports the demo\'s 2025 findings in the layout the importer reads, and importing them changes nothing', async () => {
    const out = path.join(dir, 'findings-2025.csv');
    const exported = await runExport(orm.em as unknown as EntityManager, { kind: 'findings', format: 'csv', out, county: null, year: 2025 });
    const [{ n }] = (await sql<{ n: string }>(`select count(*) as n from finding f join inspection i on i.id = f.inspection_id where extract(year from i.inspected_on) = 2025`)) as [{ n: string }];
    expect(exported.rows).toBe(Number(n));
    expect(exported.rows).toBeGreaterThan(50);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain('督查日期');
    const before = await state();
    const back = await run(out);
    expect(back.exitCode).toBe(0);
    expect(back.summary).toMatchObject({ read: exported.rows, inserted: 0, updated: 0 });
    expect(await state()).toBe(before);
  });

  it('gives back exactly the rows a list brought in', async () => {
    const out = path.join(dir, 'findings-2009.csv');
    await runExport(orm.em as unknown as EntityManager, { kind: 'findings', format: 'csv', out, county, year: 2009 });
    const rows = await sql(`select i.inspected_on, i.inspecting_unit, i.county_code, i.township_code, i.village_code, f.category, f.description, f.responsible_unit, f.deadline, f.rectified_on, f.evidence
                               from finding f join inspection i on i.id = f.inspection_id where extract(year from i.inspected_on) = 2009 order by f.description`);
    await sql(`delete from inspection where extract(year from inspected_on) = 2009`);
    const back = await run(out);
    expect(back.summary).toMatchObject({ inserted: rows.length, updated: 0 });
    expect(await sql(`select i.inspected_on, i.inspecting_unit, i.county_code, i.township_code, i.village_code, f.category, f.description, f.responsible_unit, f.deadline, f.rectified_on, f.evidence
                        from finding f join inspection i on i.id = f.inspection_id where extract(year from i.inspected_on) = 2009 order by f.description`)).toEqual(rows);
  });
});

describe('a bad list', () => {
  it('names every bad row and column in Chinese, and writes nothing', async () => {
    const before = await state();
    const r = await run(csv('bad.csv', [
      HEADER,
      ['2009-03-10', '盟委督查室', village, '基层党建', '整改时限早于督查', '村党支部', '2009-03-01', '', ''],
      ['2009-02-30', '盟委督查室', village, '基层党建', '日期不存在', '村党支部', '2009-05-01', '', ''],
      ['2009-03-10', '盟委督查室', village, '其他', '类别不明', '村党支部', '2009-05-01', '', ''],
      ['2009-03-10', '盟委督查室', '159999999999', '政策', '地方不明', '村党支部', '2009-05-01', '', ''],
      ['2009-03-10', '盟委督查室', village, '政策', '无佐证', '村党支部', '2009-05-01', '2009-04-01', ''],
    ]));
    expect(r.exitCode).toBe(1);
    const lines = reportLines(r);
    expect(lines).toContain('row 2, 整改时限: 督查（2009-03-10，盟委督查室）的问题「整改时限早于督查」：整改时限 2009-03-01 早于督查日期 2009-03-10');
    expect(lines).toContain('row 3, 督查日期: "2009-02-30" 不是日期（应为 2025-03-10、2025/3/10 或 2025年3月10日）');
    expect(lines).toContain('row 4, 问题类别: "其他" 不是问题类别（应为 基层党建、扶贫资金、项目管理、驻村帮扶、政策落实、作风问题 之一）');
    expect(lines).toContain('row 5, 被督查单位代码: 被督查单位代码 159999999999 不是本地区的旗县、苏木乡镇或嘎查村（请先导入区划与嘎查村）');
    expect(lines).toContain('row 6, 整改佐证: 督查（2009-03-10，盟委督查室）的问题「无佐证」：标记为已整改须提供整改佐证');
    expect(r.summary).toMatchObject({ read: 5, rejectedRows: 5, written: false });
    expect(await state()).toBe(before);
  });
});

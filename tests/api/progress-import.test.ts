/**
 * `pnpm data:import --kind progress` (项目进度表) and its export: one county's
 * progress exported, removed and imported back gives the same rows
 * (re-importing changes nothing); a bad file is refused as a whole with each
 * problem's row, column and a Chinese reason; committed funds (承诺资金)
 * travel with the units kind.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastYear, problemReason, type RowProblem } from '@lingyan/data';
import { runExport } from '../../server/src/exporter/run-export.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { fingerprint, sql, testOrm } from '../support/db.js';

let orm: MikroORM;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-progress-import-'));
let county = '';

const em = () => orm.em as unknown as EntityManager;
function run(file: string, kind: ImportOptions['kind'], more: Partial<ImportOptions> = {}) {
  return runImport(em(), { file, kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more });
}
function csv(name: string, rows: Array<Array<string | number>>): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}
/** The rejected problems as row, column and their Chinese reason. */
const reportLines = (r: { problems: RowProblem[] }) => r.problems.map((p) => `row ${p.row}, ${p.field}: ${problemReason(p)}`);

/** The county's progress by natural key, without ids and versions. */
const PROGRESS = (c: string) => `select p.village_code, p.name, y.year, y.stage, y.planned_fiscal, y.planned_assisting, y.planned_collective, y.planned_enterprise, y.planned_other,
  y.delivered_fiscal, y.delivered_assisting, y.delivered_collective, y.delivered_enterprise, y.delivered_other, y.jobs, y.dividend_households, y.dividends_poor, y.share_capital_poor
  from project_year y join industry_project p on p.id = y.project_id where left(p.village_code, 6) = '${c.slice(0, 6)}'`;

beforeAll(async () => {
  orm = await testOrm();
  [{ county }] = (await sql<{ county: string }>(
    `select left(p.village_code, 6) || '000000' as county from project_year y join industry_project p on p.id = y.project_id group by 1 order by count(*) desc, 1 limit 1`,
  )) as [{ county: string }];
});
afterAll(async () => {
  await sql(`delete from audit_entry where subject = 'import@cli'`);
  await orm?.close(true);
});

describe('progress: export → import gives the same rows', () => {
  it('exports a county\'s progress with Chinese headers, and imports it back into an emptied table unchanged', async () => {
    const before = await fingerprint([PROGRESS(county)]);
    const [{ n }] = (await sql<{ n: number }>(`select count(*)::int as n from (${PROGRESS(county)}) t`)) as [{ n: number }];
    expect(n).toBeGreaterThan(20);
    const out = path.join(dir, 'progress.csv');
    const exported = await runExport(em(), { kind: 'progress', format: 'csv', out, county, year: null });
    expect(exported.rows).toBe(n);
    const [header] = readFileSync(out, 'utf8').slice(1).split('\r\n');
    expect(header).toBe('村代码,项目名称,项目编号,年份,阶段,计划财政资金,计划帮扶资金,计划村集体资金,计划企业资金,计划其他资金,到位财政资金,到位帮扶资金,到位村集体资金,到位企业资金,到位其他资金,带动就业,分红户数,分红金额,股金注入');

    await sql(`delete from project_year y using industry_project p where p.id = y.project_id and left(p.village_code, 6) = $1`, [county.slice(0, 6)]);
    const r = await run(out, 'progress');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ read: n, inserted: n, updated: 0, written: true });
    expect(await fingerprint([PROGRESS(county)])).toBe(before);

    const again = await run(out, 'progress');
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, written: true });
  });
});

describe('progress: a bad file', () => {
  it('is refused as a whole, each problem with its row, column and a Chinese reason', async () => {
    const [p] = (await sql<{ id: number; name: string; village: string; start: number; poor: number; operating: number }>(
      `select p.id, p.name, p.village_code as village, p.start_year as start, p.beneficiary_poor_households as poor, min(y.year) as operating
         from industry_project p join project_year y on y.project_id = p.id
        where y.stage = 'OPERATING' and p.beneficiary_poor_households > 0 and exists (select 1 from project_year b where b.project_id = p.id and b.stage = 'BUILDING')
        group by p.id order by p.id limit 1`,
    )) as [{ id: number; name: string; village: string; start: number; poor: number; operating: number }];
    const before = await fingerprint(['select * from project_year']);
    const file = csv('progress-bad.csv', [
      ['村代码', '项目名称', '项目编号', '年份', '阶段', '到位财政资金', '分红户数', '分红金额'],
      [p.village, p.name, '', p.operating + 1, '在建', 10, 0, 0],
      ['', '', p.id, p.start, '规划', 5, 2, 0.5],
      ['', '', p.id, p.operating, '投产', 5, p.poor + 1, 1],
      ['', '', p.id, p.start - 1, '规划', 0, 0, 0],
      [p.village, '没有这个项目', '', 2020, '在建', 0, 0, 0],
      ['', '', p.id, 2099, '完工', 0, 0, 0],
      ['', '', '', 2021, '在建', 0, 0, 0],
      [p.village, p.name, '', p.start, '规划', 5, 0, 0],
    ]);
    const r = await run(file, 'progress');
    expect(r.exitCode).toBe(1);
    const at = (year: number) => `项目「${p.name}」（编号 ${p.id}）${year} 年`;
    expect(reportLines(r)).toEqual([
      `row 2, 阶段: ${at(p.operating + 1)}：阶段不能倒退：${p.operating} 年已是“投产”，${p.operating + 1} 年却填“在建”`,
      `row 3, 分红金额: ${at(p.start)}：阶段为“规划”，还不能分红（分红金额 0.5 万元、分红户数 2 户）；投产或见效后才有分红`,
      `row 4, 分红户数: ${at(p.operating)}：分红户数 ${p.poor + 1} 户超过项目的受益贫困户数 ${p.poor} 户`,
      expect.stringMatching(new RegExp(`^row 5, 年份: ${at(p.start - 1)}：年份不在项目年限 ${p.start}–(\\d{4}|至今) 之内$`)),
      `row 6, 项目名称: 村 ${p.village} 没有名为「没有这个项目」的项目；请先导入项目`,
      `row 7, 年份: "2099" 不是可接受的年份（应在 2000 至 ${lastYear()} 年之间）`,
      expect.stringMatching(/^row 7, 阶段: "完工" 不是可用的值（应为 规划、计划、前期、在建.* \/ PLANNED, BUILDING, OPERATING, EFFECTIVE 之一）$/),
      'row 8, 项目编号: 为空：须填项目编号，或村代码和项目名称',
      `row 9, 年份: ${at(p.start)}：与第 3 行是同一项目的同一年`,
    ]);
    expect(r.summary).toMatchObject({ read: 8, rejectedRows: 8, written: false });
    expect(await fingerprint(['select * from project_year'])).toBe(before);
  });
});

describe('units: committed funds (承诺资金)', () => {
  it('sets each year\'s commitment beside its delivered funds, keeps it when the file has no such column, and refuses a committed year without funds', async () => {
    const [a] = (await sql<{ unit: string; village: string; start: number; end: number | null }>(
      `select u.name as unit, a.village_code as village, a.start_year as start, a.end_year as "end" from assignment a join assisting_unit u on u.id = a.unit_id
        where a.end_year is null and (select count(*) from assisting_unit n where n.name = u.name) = 1 order by a.id limit 1`,
    )) as [{ unit: string; village: string; start: number; end: number | null }];
    const stored = await sql<{ year: number; amount: number; committed: number | null }>(
      `select f.year, f.amount::float8 as amount, f.committed::float8 as committed from assignment_fund f join assignment a on a.id = f.assignment_id join assisting_unit u on u.id = a.unit_id
        where u.name = $1 and a.village_code = $2 and a.start_year = $3 order by f.year`,
      [a.unit, a.village, a.start],
    );
    const funds = stored.map((f) => `${f.year}:${f.amount}`).join(';');
    const committed = stored.filter((f) => f.committed !== null).map((f) => `${f.year}:${f.committed}`).join(';');
    const header = ['帮扶单位', '帮扶村代码', '开始年份', '结束年份', '年度资金', '承诺资金'];
    const bad = await run(csv('units-committed-bad.csv', [header, [a.unit, a.village, a.start, '', funds, '2099:5']]), 'units');
    expect(reportLines(bad)).toEqual(['row 2, 承诺资金: 2099 年有承诺资金 5 万元，年度资金却没有这一年；尚未到位时写 2099:0']);

    const changed = `${committed.replace(/;2025:[\d.]+$/, '')};2025:999`;
    const r = await run(csv('units-committed.csv', [header, [a.unit, a.village, a.start, '', funds, changed]]), 'units');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ updated: 1, written: true });
    const after = async () =>
      sql<{ year: number; committed: number | null }>(
        `select f.year, f.committed::float8 as committed from assignment_fund f join assignment a on a.id = f.assignment_id join assisting_unit u on u.id = a.unit_id
          where u.name = $1 and a.village_code = $2 and a.start_year = $3 and f.year = 2025`,
        [a.unit, a.village, a.start],
      );
    expect(await after()).toEqual([{ year: 2025, committed: 999 }]);
    // Without the column, commitments stay.
    const noColumn = await run(csv('units-no-committed.csv', [header.slice(0, 5), [a.unit, a.village, a.start, '', funds]]), 'units');
    expect(noColumn.summary).toMatchObject({ inserted: 0, updated: 0, written: true });
    expect(await after()).toEqual([{ year: 2025, committed: 999 }]);
    // Back as it was.
    const restored = await run(csv('units-committed-back.csv', [header, [a.unit, a.village, a.start, '', funds, committed]]), 'units');
    expect(restored.summary).toMatchObject({ updated: 1 });
    expect(await after()).toEqual([{ year: 2025, committed: stored.find((f) => f.year === 2025)!.committed }]);
  });
});

/**
 * `pnpm data:import` of alliances, pairings, projects and units against the
 * run's database (the demo region): the demo files import without change,
 * every rule of server/src/domain/planning.ts is reported with its exact line
 * while the database stays as it was, and good rows are upserted by their
 * natural keys (re-importing changes nothing).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { DEMO_DIR, lastYear, problemReason, type RowProblem } from '@lingyan/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { fingerprint, sql, testOrm } from '../support/db.js';
import { STRENGTH_SQL } from '../support/strength.js';

let orm: MikroORM;
const dir = mkdtempSync(path.join(tmpdir(), 'lingyan-import-kinds-'));

function run(file: string, kind: ImportOptions['kind'], more: Partial<ImportOptions> = {}) {
  return runImport(orm.em as unknown as EntityManager, {
    file, kind, dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: null, ...more,
  });
}

/** A CSV file in the test's folder (UTF-8 with BOM, as Excel saves it). */
function csv(name: string, rows: Array<Array<string | number>>): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  return file;
}

/** The rejected problems as row, column and reason, the reasons in English (the report's own lines are Chinese: tests/import/sheets-bureau.test.ts). */
const reportLines = (r: { unit: string; problems: RowProblem[] }) => r.problems.map((p) => `${r.unit} ${p.row}, ${p.field}: ${problemReason(p, 'en')}`);

/** A fingerprint of every row these kinds may touch. */
async function state(): Promise<string> {
  return fingerprint([
    'select * from alliance',
    'select code, alliance_id from village',
    'select * from pairing',
    'select * from industry_project',
    'select * from assisting_unit',
    'select * from assignment',
    'select * from assignment_fund',
    'select count(*) from audit_entry',
  ]);
}

beforeAll(async () => {
  orm = await testOrm();
});
afterAll(async () => {
  await sql(`delete from audit_entry where subject = 'import@cli'`);
  await orm?.close(true);
});

describe('the demo files', () => {
  it.each([
    ['alliances.csv', 'alliances'],
    ['pairings.csv', 'pairings'],
    ['industry-projects.geojson', 'projects'],
    ['assisting-units.csv', 'units'],
    ['assignments.csv', 'units'],
  ] as const)('%s as --kind %s: nothing rejected, nothing changed (they are loaded already)', async (file, kind) => {
    const before = await state();
    const r = await run(path.join(DEMO_DIR, file), kind);
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ rejectedRows: 0, inserted: 0, updated: 0, written: true });
    expect(await state()).toBe(before);
  });
});

describe('alliances (keyed by the centre village)', () => {
  const HEADER = ['联合党委', '中心村代码', '成员村代码', '平台公司', '成立年份'];
  let c: string[] = [];
  let far = '';
  let member = { code: '', alliance: 0 };
  let coop = 0;
  let platform = { id: 0, name: '' };

  beforeAll(async () => {
    const [t] = await sql<{ township: string; codes: string[] }>(
      `select township_code as township, array_agg(code order by code) as codes from village where alliance_id is null group by township_code having count(*) >= 10 order by township_code limit 1`,
    );
    c = t!.codes;
    [{ code: far }] = (await sql<{ code: string }>(
      `select v.code from village v join township t on t.code = v.township_code join township h on h.code = $1
        where v.alliance_id is null and t.code <> h.code and not ST_Intersects(t.boundary, h.boundary) order by v.code limit 1`,
      [t!.township],
    )) as [{ code: string }];
    member = (await sql<{ code: string; alliance: number }>(`select v.code, v.alliance_id as alliance from village v join alliance a on a.id = v.alliance_id where v.code <> a.centre_code order by v.code limit 1`))[0]!;
    coop = (await sql<{ id: number }>(`select id from organisation where kind = 'COOPERATIVE' order by id limit 1`))[0]!.id;
    platform = (await sql<{ id: number; name: string }>(`select id, name from organisation where kind = 'PLATFORM_COMPANY' order by id limit 1`))[0]!;
  });

  it('reports every broken rule with its row, column and reason, and writes nothing', async () => {
    const before = await state();
    const r = await run(csv('alliances-bad.csv', [
      HEADER,
      ['甲联合党委', c[0]!, `${c[1]};${c[2]}`, '', 2022],
      ['乙联合党委', c[3]!, c[3]!, '', 2022],
      ['丙联合党委', c[4]!, `${c[4]}；${far}`, '', 2022],
      ['丁联合党委', c[5]!, `${c[5]}、${member.code}`, '', 2022],
      ['戊联合党委', c[6]!, `${c[6]} ${c[7]}`, coop, 2022],
      ['己联合党委', '159999999201', '159999999201;159999999202', '', 2022],
      ['庚联合党委', c[0]!, `${c[0]};${c[8]}`, '', 2022],
      ['辛联合党委', c[9]!, `${c[9]};${c[8]}`, '', 1800],
      ['壬联合党委', c[8]!, `${c[8]};${c[2]}`, '', 2022],
    ]), 'alliances');
    expect(r.exitCode).toBe(1);
    expect(reportLines(r)).toEqual([
      'row 2, 中心村代码: the centre village must be a member',
      'row 3, 成员村代码: an alliance needs at least 2 member villages',
      `row 4, 成员村代码: village ${far} is neither in the centre's township nor in an adjacent one`,
      `row 5, 成员村代码: village ${member.code} already belongs to alliance ${member.alliance}`,
      `row 6, 平台公司: organisation ${coop} is a COOPERATIVE, not a PLATFORM_COMPANY`,
      'row 7, 中心村代码: village 159999999201 is not in the database; import the villages first',
      'row 7, 成员村代码: village 159999999202 is not in the database; import the villages first',
      `row 8, 中心村代码: ${c[0]} is listed twice (first at row 2)`,
      `row 9, 成立年份: "1800" is not a plausible year (from 2000 to ${lastYear()})`,
      `row 10, 成员村代码: village ${c[2]} is already a member of the alliance in row 2`,
    ]);
    expect(r.summary).toMatchObject({ read: 9, rejectedRows: 9, written: false });
    expect(await state()).toBe(before);
  });

  it('inserts, changes nothing on re-import, then updates name and members (the member list replaces the stored one)', async () => {
    const first = csv('alliances-good.csv', [HEADER, ['测试联合党委', c[0]!, `${c[0]};${c[1]}`, platform.name, 2022]]);
    const r = await run(first, 'alliances');
    expect(r.summary).toMatchObject({ inserted: 1, updated: 0, rejectedRows: 0, written: true });
    const members = () => sql(`select v.code from village v join alliance a on a.id = v.alliance_id where a.centre_code = $1 order by v.code`, [c[0]]);
    expect(await sql(`select name, platform_company_id, founded_year, version from alliance where centre_code = $1`, [c[0]])).toEqual([{ name: '测试联合党委', platform_company_id: platform.id, founded_year: 2022, version: 1 }]);
    expect(await members()).toEqual([{ code: c[0] }, { code: c[1] }]);

    const before = await state();
    expect((await run(first, 'alliances')).summary).toMatchObject({ inserted: 0, updated: 0, written: true });
    expect(await state()).toBe(before);

    const moved = await run(csv('alliances-moved.csv', [HEADER, ['测试联合党委', c[0]!, `${c[0]};${c[2]};${c[3]}`, platform.name, 2022]]), 'alliances');
    expect(moved.summary).toMatchObject({ inserted: 0, updated: 1 });
    expect(await members()).toEqual([{ code: c[0] }, { code: c[2] }, { code: c[3] }]);
    expect(await sql(`select version from alliance where centre_code = $1`, [c[0]])).toEqual([{ version: 2 }]);
    await sql(`delete from alliance where centre_code = $1`, [c[0]]);
  });
});

describe('pairings (keyed by helper, helped village and start year)', () => {
  const HEADER = ['结对类型', '帮扶村代码', '帮扶企业', '受帮扶村代码', '开始年份', '结束年份'];
  let strong = { code: '', year: 0 };
  let middle = { code: '', year: 0 };
  let weak = '';
  let enterprise = { id: 0, name: '' };
  let coop = 0;
  let open = { helper: '', helped: '', start: 0, other: 0 };

  beforeAll(async () => {
    strong = (await sql<{ code: string; year: number }>(`select code, year from (${STRENGTH_SQL}) s where strength = 'STRONG' order by year desc, code limit 1`))[0]!;
    middle = (await sql<{ code: string; year: number }>(`select s.code, s.year from (${STRENGTH_SQL}) s join village_year y on y.village_code = s.code and y.year = s.year
       where s.strength = 'MIDDLE' and not y.soft_lax order by s.year desc, s.code limit 1`))[0]!;
    weak = (await sql<{ code: string }>(`select code from (${STRENGTH_SQL}) s where strength = 'WEAK' and year = $1 and code <> $2 order by code limit 1`, [strong.year, strong.code]))[0]!.code;
    enterprise = (await sql<{ id: number; name: string }>(`select id, name from organisation where kind = 'ENTERPRISE' order by id limit 1`))[0]!;
    coop = (await sql<{ id: number }>(`select id from organisation where kind = 'COOPERATIVE' order by id limit 1`))[0]!.id;
    // An open pairing whose helper is strong in another year too: a second open pairing of the pair in that year is a duplicate.
    open = (await sql<{ helper: string; helped: string; start: number; other: number }>(
      `select p.helper_village_code as helper, p.helped_village_code as helped, p.start_year as start, min(s.year) as other
         from pairing p join (${STRENGTH_SQL}) s on s.code = p.helper_village_code and s.year <> p.start_year and s.strength = 'STRONG'
        where p.end_year is null and p.kind = 'STRONG_HELPS_WEAK' group by 1, 2, 3 order by 1, 2 limit 1`,
    ))[0]!;
  });

  it('reports every broken rule with its row, column and reason, and writes nothing', async () => {
    const before = await state();
    const r = await run(csv('pairings-bad.csv', [
      HEADER,
      ['强村带弱村', strong.code, '', strong.code, strong.year, ''],
      ['强村带弱村', middle.code, '', weak, middle.year, ''],
      ['强村带弱村', strong.code, '', weak, 2030, ''],
      ['村企联建', '', coop, weak, 2020, ''],
      ['STRONG_HELPS_WEAK', '', enterprise.name, weak, 2020, ''],
      ['强村带弱村', open.helper, '', open.helped, open.other, ''],
      ['强村带弱村', strong.code, '', weak, 2021, 2019],
      ['强村带弱村', strong.code, '', '159999999201', strong.year, ''],
      ['村企联建', strong.code, enterprise.id, weak, 2020, ''],
      ['村企联建', '', '不存在的企业', weak, 2020, ''],
      ['强村带弱村', '', '', weak, 2020, ''],
    ]), 'pairings');
    expect(reportLines(r)).toEqual([
      'row 2, 帮扶村代码: a village cannot pair with itself',
      `row 3, 帮扶村代码: village ${middle.code} is MIDDLE in ${middle.year} (income below the target or branch not advanced); only a strong village may help`,
      `row 4, 帮扶村代码: village ${strong.code} has no figures for 2030, so it cannot be shown to be strong`,
      `row 5, 帮扶企业: organisation ${coop} is a COOPERATIVE, not an ENTERPRISE`,
      'row 6, 帮扶村代码: a STRONG_HELPS_WEAK pairing needs a village as helper',
      'row 7, 受帮扶村代码: this helper already has an open pairing with this village',
      'row 8, 结束年份: must not be before start year (2021)',
      'row 9, 受帮扶村代码: village 159999999201 is not in the database; import the villages first',
      'row 10, 帮扶企业: a pairing has one helper: a village or an enterprise, not both',
      'row 11, 帮扶企业: organisation "不存在的企业" is not in the database',
      'row 12, 帮扶村代码: is empty: name the helper village (帮扶村) or the helper enterprise (帮扶企业)',
    ]);
    expect(r.summary).toMatchObject({ read: 11, rejectedRows: 11, written: false });
    expect(await state()).toBe(before);
  });

  it('inserts a strong-helps-weak and an enterprise pairing, re-imports without change, ends one by a second import', async () => {
    const rows = (end: number | '') => [
      HEADER,
      ['强村带弱村', strong.code, '', weak, strong.year, end],
      ['村企联建', '', enterprise.name, weak, 2020, ''],
    ];
    const r = await run(csv('pairings-good.csv', rows('')), 'pairings');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ inserted: 2, updated: 0, written: true });
    const stored = () => sql(`select kind, helper_village_code, helper_organisation_id, start_year, end_year, version from pairing where helped_village_code = $1 and (helper_village_code = $2 or helper_organisation_id = $3) order by kind`, [weak, strong.code, enterprise.id]);
    expect(await stored()).toEqual([
      { kind: 'ENTERPRISE_VILLAGE', helper_village_code: null, helper_organisation_id: enterprise.id, start_year: 2020, end_year: null, version: 1 },
      { kind: 'STRONG_HELPS_WEAK', helper_village_code: strong.code, helper_organisation_id: null, start_year: strong.year, end_year: null, version: 1 },
    ]);
    const before = await state();
    expect((await run(csv('pairings-good.csv', rows('')), 'pairings')).summary).toMatchObject({ inserted: 0, updated: 0, written: true });
    expect(await state()).toBe(before);
    expect((await run(csv('pairings-ended.csv', rows(strong.year + 1)), 'pairings')).summary).toMatchObject({ inserted: 0, updated: 1 });
    expect((await stored())[1]).toMatchObject({ end_year: strong.year + 1, version: 2 });
    await sql(`delete from pairing where helped_village_code = $1 and (helper_village_code = $2 or helper_organisation_id = $3)`, [weak, strong.code, enterprise.id]);
  });
});

describe('projects (keyed by village and name)', () => {
  const HEADER = ['项目名称', '产业类型', '村代码', '经营主体', '经度', '纬度', '开始年份', '结束年份', '总投资', '财政资金', '帮扶资金', '村集体资金', '企业资金', '其他资金', '受益户数', '受益贫困户数'];
  let v = { code: '', township: '', lon: 0, lat: 0 };
  let operator = { id: 0, name: '' };

  beforeAll(async () => {
    v = (await sql<{ code: string; township: string; lon: number; lat: number }>(`select code, township_code as township, ST_X(location) as lon, ST_Y(location) as lat from village order by code limit 1`))[0]!;
    operator = (await sql<{ id: number; name: string }>(`select id, name from organisation where village_code = $1 order by id limit 1`, [v.code]))[0] ?? (await sql<{ id: number; name: string }>(`select id, name from organisation order by id limit 1`))[0]!;
  });

  it('reports every broken rule with its row, column and reason, and writes nothing', async () => {
    const before = await state();
    const row = (name: string, more: Partial<Record<string, string | number>> = {}) => {
      const base: Record<string, string | number> = { 项目名称: name, 产业类型: '蔬菜', 村代码: v.code, 经营主体: '', 经度: v.lon, 纬度: v.lat, 开始年份: 2020, 结束年份: '', 总投资: 100, 财政资金: 60, 帮扶资金: 40, 村集体资金: 0, 企业资金: 0, 其他资金: 0, 受益户数: 20, 受益贫困户数: 5 };
      return HEADER.map((h) => ({ ...base, ...more })[h]!);
    };
    const r = await run(csv('projects-bad.csv', [
      HEADER,
      row('甲', { 总投资: 100.5 }),
      row('乙', { 经度: v.lon + 3 }),
      row('丙', { 受益户数: 10, 受益贫困户数: 11 }),
      row('丁', { 产业类型: '茶叶' }),
      row('甲'),
      row('戊', { 经营主体: 99999 }),
      row('己', { 村代码: '159999999201' }),
      row('庚', { 开始年份: 2022, 结束年份: 2021 }),
      row('辛', { 财政资金: 60.123, 帮扶资金: 39.877 }),
    ]), 'projects');
    expect(reportLines(r)).toEqual([
      'row 2, 总投资: the sources add up to 100.00, not 100.50',
      `row 3, location: must lie inside the township of village ${v.code} (${v.township})`,
      'row 4, 受益贫困户数: must not exceed beneficiary households (10)',
      'row 5, 产业类型: "茶叶" is not one of 蔬菜、马铃薯、食用菌、乡村旅游、电商、畜牧、养殖、奶业、加工、光伏 / VEGETABLES, POTATOES, EDIBLE_FUNGI, RURAL_TOURISM, E_COMMERCE, LIVESTOCK, DAIRY, PROCESSING, PHOTOVOLTAIC',
      `row 6, 项目名称: ${v.code}/甲 is listed twice (first at row 2)`,
      'row 7, 经营主体: organisation #99999 is not in the database',
      'row 8, 村代码: village 159999999201 is not in the database; import the villages first',
      'row 9, 结束年份: must not be before start year (2022)',
      'row 10, 财政资金: must have at most 2 decimals (万元)',
      'row 10, 帮扶资金: must have at most 2 decimals (万元)',
    ]);
    expect(r.summary).toMatchObject({ read: 9, rejectedRows: 9, written: false });
    expect(await state()).toBe(before);
  });

  it('inserts from GeoJSON with the operator by name, re-imports without change, updates the investment', async () => {
    const file = (total: number, fiscal: number) => {
      const f = path.join(dir, `project-${total}.geojson`);
      const properties = { 项目名称: '测试冷棚蔬菜基地', 产业类型: 'VEGETABLES', 村代码: v.code, 经营主体: operator.name, 开始年份: 2021, 总投资: total, 财政资金: fiscal, 帮扶资金: 20, 受益户数: 30, 受益贫困户数: 3 };
      writeFileSync(f, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [v.lon, v.lat] } }] }));
      return f;
    };
    const r = await run(file(80, 60), 'projects');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ inserted: 1, written: true });
    const stored = () => sql(`select operator_id, investment_total::float as total, investment_fiscal::float as fiscal, investment_other::float as other, ST_AsText(location) = ST_AsText(ST_SetSRID(ST_MakePoint($2, $3), 4326)) as placed, version from industry_project where village_code = $1 and name = '测试冷棚蔬菜基地'`, [v.code, v.lon, v.lat]);
    expect(await stored()).toEqual([{ operator_id: operator.id, total: 80, fiscal: 60, other: 0, placed: true, version: 1 }]);
    const before = await state();
    expect((await run(file(80, 60), 'projects')).summary).toMatchObject({ inserted: 0, updated: 0, written: true });
    expect(await state()).toBe(before);
    expect((await run(file(90, 70), 'projects')).summary).toMatchObject({ inserted: 0, updated: 1 });
    expect(await stored()).toEqual([{ operator_id: operator.id, total: 90, fiscal: 70, other: 0, placed: true, version: 2 }]);
    await sql(`delete from industry_project where village_code = $1 and name = '测试冷棚蔬菜基地'`, [v.code]);
  });
});

describe('units (a unit by name, its assignments by unit, village and start year)', () => {
  const HEADER = ['帮扶单位', '单位类型', '帮扶村代码', '开始年份', '结束年份', '年度资金'];
  let village = '';
  let existing = { id: 0, name: '', kind: '' };

  beforeAll(async () => {
    village = (await sql<{ code: string }>(`select code from village order by code desc limit 1`))[0]!.code;
    existing = (await sql<{ id: number; name: string; kind: string }>(`select id, name, kind from assisting_unit order by id limit 1`))[0]!;
  });

  it('reports every broken rule with its row, column and reason, and writes nothing', async () => {
    const before = await state();
    const r = await run(csv('units-bad.csv', [
      HEADER,
      ['测试甲局', '机关', village, 2016, 2020, '2015:10;2016:12'],
      ['测试乙局', '机关', village, 2016, '', '2017:10;2017:12'],
      ['测试丙公司', '', village, 2016, '', ''],
      [999, '', village, 2016, '', ''],
      ['测试丁局', '机关', '159999999201', 2016, '', ''],
      ['测试丁局', '企业', village, 2018, '', ''],
      ['测试戊局', '机关', village, 2020, 2019, ''],
      ['测试己局', '机关', village, 2016, '', '2019-20'],
      ['测试庚局', '机关', '', 2016, '', ''],
      [existing.id, '', village, 2016, '', '2016:-1'],
    ]), 'units');
    expect(reportLines(r)).toEqual([
      "row 2, 年度资金: 2015: must be within the assignment's period 2016–2020",
      'row 3, 年度资金: 2017: year 2017 is listed twice',
      'row 4, 单位类型: is empty: unit "测试丙公司" is not in the database yet, so its kind is needed (GOVERNMENT, ENTERPRISE or INSTITUTION)',
      'row 5, 帮扶单位: assisting unit #999 is not in the database',
      'row 6, 帮扶村代码: village 159999999201 is not in the database; import the villages first',
      'row 7, 单位类型: ENTERPRISE disagrees with row 6, which gives unit "测试丁局" the kind GOVERNMENT',
      'row 8, 结束年份: must not be before start year (2020)',
      'row 9, 年度资金: "2019-20" is not year:amount (e.g. 2019:20.5)',
      'row 10, 帮扶村代码: is empty: an assignment with years or funds needs the village it helps',
      'row 11, 年度资金: 2016: must be 0 or more (万元)',
    ]);
    expect(r.summary).toMatchObject({ read: 10, rejectedRows: 10, written: false });
    expect(await state()).toBe(before);
  });

  it('inserts a unit with two assignments and their funds, re-imports without change, then changes one year\'s funds', async () => {
    const rows = (amount: number) => [
      HEADER,
      ['测试帮扶局', '事业单位', village, 2019, 2021, `2019:10;2020:${amount};2021:12.5`],
      ['测试帮扶局', '', village, 2023, '', '2023:8'],
      [existing.name, '', village, 2024, '', ''],
    ];
    const r = await run(csv('units-good.csv', rows(11)), 'units');
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ inserted: 3, updated: 0, written: true });
    const stored = () => sql(`select u.name, u.kind, a.start_year, a.end_year, a.version, (select string_agg(f.year || ':' || f.amount, ';' order by f.year) from assignment_fund f where f.assignment_id = a.id) as funds
         from assignment a join assisting_unit u on u.id = a.unit_id where a.village_code = $1 and (u.name = '测试帮扶局' or (u.id = $2 and a.start_year = 2024)) order by a.start_year`, [village, existing.id]);
    expect(await stored()).toEqual([
      { name: '测试帮扶局', kind: 'INSTITUTION', start_year: 2019, end_year: 2021, version: 1, funds: '2019:10.00;2020:11.00;2021:12.50' },
      { name: '测试帮扶局', kind: 'INSTITUTION', start_year: 2023, end_year: null, version: 1, funds: '2023:8.00' },
      { name: existing.name, kind: existing.kind, start_year: 2024, end_year: null, version: 1, funds: null },
    ]);
    const before = await state();
    expect((await run(csv('units-good.csv', rows(11)), 'units')).summary).toMatchObject({ inserted: 0, updated: 0, written: true });
    expect(await state()).toBe(before);
    expect((await run(csv('units-changed.csv', rows(15)), 'units')).summary).toMatchObject({ inserted: 0, updated: 1 });
    expect((await stored())[0]).toMatchObject({ version: 2, funds: '2019:10.00;2020:15.00;2021:12.50' });
    await sql(`delete from assignment where village_code = $1 and (unit_id in (select id from assisting_unit where name = '测试帮扶局') or (unit_id = $2 and start_year = 2024))`, [village, existing.id]);
    await sql(`delete from assisting_unit where name = '测试帮扶局'`);
  });
});

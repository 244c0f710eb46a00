/**
 * A fixture county (159998) for the warning rules, written into the run's
 * database and removed again: two townships, villages whose 2024 figures sit
 * at and just past every rule's default threshold, and the pairings, work
 * teams, projects, funds and findings around them. The expected warnings
 * of 2024 (default settings) are worked out by hand in EXPECTED_2024.
 */
import { sql } from './db.js';

export const F_COUNTY = '159998000000';
export const T1 = '159998001000';
export const T2 = '159998002000';
const v = (township: string, n: number) => `${township.slice(0, 9)}${String(n).padStart(3, '0')}`;

/** The fixture's villages by role. */
export const V = {
  // 返贫风险 (township 1)
  riseAt: v(T1, 1), // incidence 2.00 % → 3.00 %: +1 point, at the threshold → fires
  riseBelow: v(T1, 2), // poor 20 → 29 of 1,000: +0.9 points and +9 people → no
  popAt: v(T1, 3), // poor 100 → 110 of 10,000: +10 people, at the threshold → fires
  incBelow: v(T1, 4), // 100 of 10,000 → 100 of 5,025: +0.99 points → no
  // 软弱涣散连续 (township 1)
  laxTwice: v(T1, 11), // soft and lax 2023 and 2024 → fires (2 years)
  laxBroken: v(T1, 12), // soft and lax 2022 and 2024, not 2023 → no
  // 项目 and 督查 (township 1)
  projects: v(T1, 21),
  inspected: v(T1, 31),
  // 弱村无结对 / 帮扶村转弱 (township 2)
  weakAlone: v(T2, 101), // income 4.99 < 5 → weak, no pairing → fires
  atWeakLine: v(T2, 102), // income 5.00, branch middle → middle → no
  weakPaired: v(T2, 103), // weak, paired by helper → no
  helper: v(T2, 104), // strong helper of many
  weakPairingEnded: v(T2, 105), // weak; its pairing ended 2023 → fires
  helpedByWeak: v(T2, 107), // its helper (108) is weak in 2024 → fires HELPER_WEAK
  weakHelper: v(T2, 108), // lagging branch → weak (paired itself, so not unpaired)
  helpedByMiddle: v(T2, 109), // its helper (110) sits at income 5.00, middle → no
  middleHelper: v(T2, 110),
  // 贫困村无工作队 (township 2)
  poorNoTeam: v(T2, 111), // poor, not exited, no work team → fires
  poorExited: v(T2, 112), // exited 2024 → no
  poorTeamEnds: v(T2, 113), // exits 2025, work team ending 2024 → no
  poorTeamEnded: v(T2, 114), // work team ended 2023 → fires
  // 帮扶资金 (township 2)
  funded: v(T2, 121),
} as const;

export const UNITS = ['测试帮扶单位甲', '测试帮扶单位乙', '测试帮扶单位丙'] as const;

interface Year {
  rural?: number;
  poor?: number;
  income?: number;
  softLax?: boolean;
  rating?: 'ADVANCED' | 'MIDDLE' | 'LAGGING';
}
interface Village {
  code: string;
  poorVillage?: boolean;
  exited?: number | null;
  years: Record<number, Year>;
}

const same = (y: Year): Record<number, Year> => ({ 2023: y, 2024: y });

const VILLAGES: Village[] = [
  { code: V.riseAt, years: { 2023: { rural: 500, poor: 10 }, 2024: { rural: 500, poor: 15 } } },
  { code: V.riseBelow, years: { 2023: { rural: 1000, poor: 20 }, 2024: { rural: 1000, poor: 29 } } },
  { code: V.popAt, years: { 2023: { rural: 10000, poor: 100 }, 2024: { rural: 10000, poor: 110 } } },
  { code: V.incBelow, years: { 2023: { rural: 10000, poor: 100 }, 2024: { rural: 5025, poor: 100 } } },
  { code: V.laxTwice, years: { 2022: {}, 2023: { softLax: true }, 2024: { softLax: true } } },
  { code: V.laxBroken, years: { 2022: { softLax: true }, 2023: {}, 2024: { softLax: true } } },
  { code: V.projects, years: same({}) },
  { code: V.inspected, years: same({}) },
  { code: V.weakAlone, years: same({ income: 4.99 }) },
  { code: V.atWeakLine, years: same({ income: 5, rating: 'MIDDLE' }) },
  { code: V.weakPaired, years: same({ income: 3 }) },
  { code: V.helper, years: same({}) },
  { code: V.weakPairingEnded, years: same({ income: 3 }) },
  { code: V.helpedByWeak, years: same({ income: 8, rating: 'MIDDLE' }) },
  { code: V.weakHelper, years: { 2023: {}, 2024: { rating: 'LAGGING' } } },
  { code: V.helpedByMiddle, years: same({ income: 8, rating: 'MIDDLE' }) },
  { code: V.middleHelper, years: same({ income: 5, rating: 'MIDDLE' }) },
  { code: V.poorNoTeam, poorVillage: true, years: same({ poor: 50 }) },
  { code: V.poorExited, poorVillage: true, exited: 2024, years: same({ poor: 20 }) },
  { code: V.poorTeamEnds, poorVillage: true, exited: 2025, years: same({ poor: 30 }) },
  { code: V.poorTeamEnded, poorVillage: true, years: same({ poor: 40 }) },
  { code: V.funded, years: same({}) },
];

/** Pairings: [helper, helped, start, end]. */
const PAIRINGS: Array<[string, string, number, number | null]> = [
  [V.helper, V.weakPaired, 2024, null],
  [V.helper, V.weakPairingEnded, 2020, 2023],
  [V.helper, V.weakHelper, 2020, null],
  [V.helper, V.laxTwice, 2020, null],
  [V.helper, V.laxBroken, 2020, null],
  [V.helper, V.poorNoTeam, 2020, null],
  [V.helper, V.poorTeamEnds, 2020, null],
  [V.helper, V.poorTeamEnded, 2020, null],
  [V.weakHelper, V.helpedByWeak, 2020, null],
  [V.middleHelper, V.helpedByMiddle, 2020, null],
];

/** Projects in V.projects: [name, beneficiary poor households, end year, 2024 stage, 2024 dividends to the poor]. */
export const PROJECTS: Array<[string, number, number | null, string | null, number | null]> = [
  ['测试项目一：无贫困受益户', 0, null, null, null], // fires: no poor beneficiaries
  ['测试项目二：投产未分红', 5, null, 'OPERATING', 0], // fires: operating, no dividend
  ['测试项目三：见效已分红', 5, null, 'EFFECTIVE', 0.01], // no: a cent was paid
  ['测试项目四：在建', 5, null, 'BUILDING', 0], // no: not yet operating
  ['测试项目五：已结束', 0, 2023, null, null], // no: ended 2023
];

/** Funds of V.funded in 2024, one assignment per unit: [unit, delivered, committed]. */
const FUNDS: Array<[string, number, number | null]> = [
  [UNITS[0], 80, 100], // exactly 80 % → no
  [UNITS[1], 79.99, 100], // just below → fires
  [UNITS[2], 0, null], // nothing committed → no
];

/** Findings: [inspected on, at the village (else the county), deadline, rectified on, description]. */
export const FINDINGS: Array<[string, boolean, string, string | null, string]> = [
  ['2024-03-01', true, '2024-12-30', null, '测试问题一：逾期一天'], // fires (1 day overdue on 2024-12-31)
  ['2024-03-01', true, '2024-12-31', null, '测试问题二：当天到期'], // no: due on the year's last day
  ['2024-03-01', true, '2024-06-30', '2025-01-10', '测试问题三：次年才整改'], // fires: still open on 2024-12-31
  ['2024-03-01', true, '2024-06-30', '2024-12-31', '测试问题四：年底整改'], // no: rectified
  ['2024-02-01', false, '2024-05-01', null, '测试问题五：旗县逾期'], // fires, the county's own
  ['2025-02-01', true, '2024-12-01', null, '测试问题六：次年督查'], // no: visited after the year
];

/** The warnings of 2024 with default settings, by rule: the codes of their places (and subjects' names). */
export const EXPECTED_2024: Record<string, string[]> = {
  RETURN_RISK: [F_COUNTY, T1, V.riseAt, V.popAt].sort(),
  WEAK_UNPAIRED: [V.weakAlone, V.weakPairingEnded].sort(),
  HELPER_WEAK: [V.helpedByWeak],
  SOFT_LAX_REPEATED: [V.laxTwice],
  POOR_VILLAGE_UNSTAFFED: [V.poorNoTeam, V.poorTeamEnded].sort(),
  PROJECT_NO_POOR_BENEFIT: [V.projects, V.projects],
  FUNDS_BELOW_COMMITMENT: [V.funded],
  FINDING_OVERDUE: [F_COUNTY, V.inspected, V.inspected].sort(),
};

const box = (x: number, y: number, d: number) => `ST_Multi(ST_MakeEnvelope(${x}, ${y}, ${x + d}, ${y + d}, 4326))`;

export async function removeWarningsFixture(): Promise<void> {
  const like = `'159998%'`;
  await sql(`delete from finding where inspection_id in (select id from inspection where county_code = '${F_COUNTY}')`);
  await sql(`delete from inspection where county_code = '${F_COUNTY}'`);
  await sql(`delete from project_year where project_id in (select id from industry_project where village_code like ${like})`);
  await sql(`delete from industry_project where village_code like ${like}`);
  await sql(`delete from assignment_fund where assignment_id in (select id from assignment where village_code like ${like})`);
  await sql(`delete from assignment where village_code like ${like}`);
  await sql(`delete from work_team where village_code like ${like}`);
  await sql(`delete from assisting_unit where name like '测试帮扶单位%'`);
  await sql(`delete from pairing where helped_village_code like ${like} or helper_village_code like ${like}`);
  await sql(`delete from village_year where village_code like ${like}`);
  await sql(`delete from village where code like ${like}`);
  await sql(`delete from township where code like ${like}`);
  await sql(`delete from county where code like ${like}`);
  await sql(`delete from area_year_figures where code like ${like}`);
}

export async function writeWarningsFixture(): Promise<void> {
  await removeWarningsFixture();
  const [p] = await sql<{ code: string }>(`select code from prefecture limit 1`);
  await sql(`insert into county (code, prefecture_code, name, name_en, kind, boundary) values ($1, $2, '测试旗', 'Test Banner', 'BANNER', ${box(100, 30, 1)})`, [F_COUNTY, p!.code]);
  await sql(`insert into township (code, county_code, name, name_en, kind, boundary) values ($1, $3, '测试一镇', 'Test Town One', 'TOWN', ${box(100, 30, 0.5)}), ($2, $3, '测试二苏木', 'Test Sumu Two', 'SUMU', ${box(100.5, 30, 0.5)})`, [T1, T2, F_COUNTY]);
  for (const [i, x] of VILLAGES.entries()) {
    const township = x.code.slice(0, 9) === T1.slice(0, 9) ? T1 : T2;
    await sql(
      `insert into village (code, township_code, name, name_en, kind, location, is_poor_village, exited_year, branch_name)
       values ($1, $2, $3, $4, 'VILLAGE', ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $3 || '党支部')`,
      [x.code, township, `测试村${x.code.slice(-3)}`, `Test Village ${x.code.slice(-3)}`, township === T1 ? 100.1 + i * 0.01 : 100.6 + i * 0.01, 30.2, x.poorVillage ?? false, x.exited ?? null],
    );
    for (const [year, y] of Object.entries(x.years)) {
      const poor = y.poor ?? 0;
      await sql(
        `insert into village_year (village_code, year, households, rural_population, poor_households, poor_population, collective_income, party_members, member_pairings,
                                   secretary_is_director, soft_lax, branch_rating)
         values ($1, $2, 3000, $3, $4, $5, $6, 20, 0, true, $7, $8)`,
        [x.code, Number(year), y.rural ?? 1000, Math.ceil(poor / 3), poor, y.income ?? 20, y.softLax ?? false, y.rating ?? 'ADVANCED'],
      );
    }
  }
  for (const [helper, helped, start, end] of PAIRINGS) {
    await sql(`insert into pairing (kind, helper_village_code, helped_village_code, start_year, end_year) values ('STRONG_HELPS_WEAK', $1, $2, $3, $4)`, [helper, helped, start, end]);
  }
  const units = await sql<{ id: number; name: string }>(
    `insert into assisting_unit (name, kind) select unnest($1::text[]), 'GOVERNMENT' returning id, name`,
    [UNITS as unknown as string[]],
  );
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  for (const [name, delivered, committed] of FUNDS) {
    const [a] = await sql<{ id: number }>(`insert into assignment (unit_id, village_code, start_year) values ($1, $2, 2020) returning id`, [unit(name), V.funded]);
    await sql(`insert into assignment_fund (assignment_id, year, amount, committed) values ($1, 2024, $2, $3)`, [a!.id, delivered, committed]);
  }
  // Work teams: the funded village's (dispatched by unit 甲), and two of the poor villages'.
  await sql(`insert into work_team (village_code, dispatching_unit_id, members, start_year, end_year) values ($1, $2, 3, 2020, null), ($3, $2, 3, 2020, 2024), ($4, $2, 3, 2018, 2023)`, [
    V.funded,
    unit(UNITS[0]),
    V.poorTeamEnds,
    V.poorTeamEnded,
  ]);
  for (const [name, poorBeneficiaries, end, stage, dividends] of PROJECTS) {
    const [row] = await sql<{ id: number }>(
      `insert into industry_project (name, type, village_code, location, start_year, end_year, investment_total, investment_fiscal, beneficiary_households, beneficiary_poor_households)
       values ($1, 'VEGETABLES', $2, ST_SetSRID(ST_MakePoint(100.15, 30.25), 4326), 2020, $3, 10, 10, 20, $4) returning id`,
      [name, V.projects, end, poorBeneficiaries],
    );
    if (stage) await sql(`insert into project_year (project_id, year, stage, dividends_poor) values ($1, 2024, $2, $3)`, [row!.id, stage, dividends]);
  }
  for (const [on, atVillage, deadline, rectified, description] of FINDINGS) {
    const [i] = await sql<{ id: number }>(
      `insert into inspection (inspected_on, inspecting_unit, county_code, township_code, village_code) values ($1, '测试督查组', $2, $3, $4) returning id`,
      [on, F_COUNTY, atVillage ? T1 : null, atVillage ? V.inspected : null],
    );
    await sql(`insert into finding (inspection_id, category, description, responsible_unit, deadline, rectified_on) values ($1, 'PROJECTS', $2, '测试责任单位', $3, $4)`, [
      i!.id,
      description,
      deadline,
      rectified,
    ]);
  }
}

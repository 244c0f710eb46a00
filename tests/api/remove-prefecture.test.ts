/**
 * One region at a time: counties of another prefecture arriving where the
 * demo region is are refused unless the import says what to do (--keep-demo,
 * --replace-demo); `removePrefecture` (GraphQL, admin) and `pnpm data:remove`
 * take a prefecture away with everything under it, audited, all or nothing;
 * with two prefectures held the hub chooses one by code. These steps remove
 * the demo region, so they run on a database of their own (the run's shared
 * one keeps its demo region for every other file).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage } from '@lingyan/data';
import { initORM } from '../../server/src/db/orm.js';
import { runImport, type ImportOptions } from '../../server/src/importer/run-import.js';
import { loadDemoRegion } from '../support/demo-database.js';
import { REPO } from '../support/process.js';
import { startTestServer, token, type TestServer } from '../support/server.js';
import { ownDatabase, type OwnDatabase } from '../support/own-database.js';

const DEMO = '159900000000';
const OWN = '152500000000';
const PRIVATE_DATABASE = 'lingyan_test_remove_prefecture';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

let own: OwnDatabase;
let url = '';
let orm: MikroORM;
let server: TestServer;



/**
 * Rows under a prefecture (by its 4-digit prefix), counted table by table
 * with queries written here, independently of the remover's foreign-key walk.
 * Enterprises without a village and assisting units belong to no area: they
 * count where the prefecture's rows use them.
 */
async function rowsUnder(prefecture: string): Promise<Record<string, number>> {
  const p = `'${prefecture.slice(0, 4)}%'`;
  const queries: Record<string, string> = {
    prefecture: `select count(*) from prefecture where code = '${prefecture}'`,
    county: `select count(*) from county where code like ${p}`,
    township: `select count(*) from township where code like ${p}`,
    village: `select count(*) from village where code like ${p}`,
    village_year: `select count(*) from village_year where village_code like ${p}`,
    village_poverty_cause: `select count(*) from village_poverty_cause where village_code like ${p}`,
    organisation: `select count(*) from organisation o where o.village_code like ${p} or (o.village_code is null and (
      exists (select 1 from pairing x where x.helper_organisation_id = o.id and x.helped_village_code like ${p})
      or exists (select 1 from industry_project x where x.operator_id = o.id and x.village_code like ${p})
      or exists (select 1 from alliance x where x.platform_company_id = o.id and x.centre_code like ${p})))`,
    alliance: `select count(*) from alliance where centre_code like ${p}`,
    pairing: `select count(*) from pairing where helped_village_code like ${p} or helper_village_code like ${p}`,
    industry_project: `select count(*) from industry_project where village_code like ${p}`,
    project_year: `select count(*) from project_year y join industry_project x on x.id = y.project_id where x.village_code like ${p}`,
    assisting_unit: `select count(*) from assisting_unit u where exists (select 1 from assignment a where a.unit_id = u.id and a.village_code like ${p})
      or exists (select 1 from work_team w where w.dispatching_unit_id = u.id and w.village_code like ${p})`,
    assignment: `select count(*) from assignment where village_code like ${p}`,
    assignment_fund: `select count(*) from assignment_fund f join assignment a on a.id = f.assignment_id where a.village_code like ${p}`,
    work_team: `select count(*) from work_team where village_code like ${p}`,
    inspection: `select count(*) from inspection where county_code like ${p}`,
    finding: `select count(*) from finding f join inspection i on i.id = f.inspection_id where i.county_code like ${p}`,
    reported_area_figures: `select count(*) from reported_area_figures where county_code like ${p}`,
    area_year_figures: `select count(*) from area_year_figures where code like ${p}`,
  };
  const out: Record<string, number> = {};
  for (const [table, q] of Object.entries(queries)) out[table] = Number((await own.sql<{ count: string }>(q))[0]!.count);
  return out;
}

const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

/** Everything the database holds, as one string: equal strings, equal data. */
async function everything(): Promise<string> {
  const tables = (await own.sql<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' and tablename not like 'mikro_orm%' order by 1`)).map((r) => r.t);
  const parts = tables.map((t) => `(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from ${t} x)`);
  return (await own.sql<{ s: string }>(`select concat_ws('|', ${parts.join(', ')}) as s`))[0]!.s;
}

function importCounties(more: Partial<ImportOptions>) {
  return runImport(orm.em as unknown as EntityManager, {
    file: fixture('counties.geojson'), kind: 'counties', dryRun: false, skipInvalid: false, repair: false, crs: 'wgs84', encoding: null, overrides: {}, prefectureName: '测试盟', ...more,
  });
}

const PREFECTURE = `{ prefecture { code name } }`;
const REMOVE = `mutation ($code: String!) { removePrefecture(code: $code) { code name removed { table rows } } }`;

beforeAll(async () => {
  // A database of this file's own, with the demo region loaded: the tests remove it.
  own = await ownDatabase(PRIVATE_DATABASE);
  url = own.url;
  await loadDemoRegion(url);
  orm = await initORM({ url, poolSize: 2, statementTimeoutMs: 60_000 });
  server = await startTestServer({ databaseUrl: url });
}, 300_000);
afterAll(async () => {
  await server?.close();
  await orm?.close(true);
  await own?.stop();
});

describe('one region at a time', () => {
  it('refuses counties of another prefecture where the demo region is, naming both and the flags; nothing written', async () => {
    const before = await everything();
    const r = await importCounties({});
    expect(r.exitCode).toBe(1);
    expect(r.summary.written).toBe(false);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([[0, 'prefecture', 'prefecture.demoHeld']]);
    expect(r.problems[0]!.reason).toBe(
      '数据库中是演示地区 查干高勒盟（159900000000），而本文件的旗县属于另一个盟市 测试盟（152500000000）。加 --replace-demo 先删除演示地区再导入（一并完成，写入审计日志），或加 --keep-demo 让两个地区并存（地图一次显示一个地区，默认代码较小的盟市，可在地图上切换）',
    );
    expect(formatMessage({ code: r.problems[0]!.code!, params: r.problems[0]!.params }, 'en')).toContain('Pass --replace-demo to remove the demo region first');
    expect(await everything()).toBe(before);
  });

  it('with --keep-demo both are held and the hub chooses the lower code, whatever the order of the rows', async () => {
    const r = await importCounties({ demoRegion: 'keep' });
    expect(r.summary).toMatchObject({ inserted: 2, written: true });
    // Written beside the hub (not through it): the hub re-reads the prefectures held within a second.
    await expect.poll(async () => (await server.graphql(PREFECTURE)).data?.prefecture, { timeout: 5_000, interval: 100 }).toEqual({ code: OWN, name: '测试盟' });
    // The others are listed after it, to be offered or removed.
    expect((await server.graphql(`{ prefectures { code name } }`)).data?.prefectures).toEqual([
      { code: OWN, name: '测试盟' },
      { code: DEMO, name: '查干高勒盟' },
    ]);
    // Rewritten rows land elsewhere in the table; the choice does not move.
    await own.sql(`update prefecture set name = name where code = '${OWN}'`);
    expect((await server.graphql(PREFECTURE)).data?.prefecture.code).toBe(OWN);
  });

  it('removePrefecture is refused to planners, and to viewers without a token', async () => {
    const before = await everything();
    const planner = await server.graphql(REMOVE, { code: OWN }, await token('planner'));
    expect(planner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.graphql(REMOVE, { code: OWN });
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(anonymous.errors?.[0]?.extensions?.code);
    const missing = await server.graphql(REMOVE, { code: '159800000000' }, await token('admin'));
    expect(missing.errors?.[0]).toMatchObject({ message: expect.stringContaining('数据库中没有代码为 159800000000 的盟市'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await everything()).toBe(before);
  });

  it('an admin removes the second prefecture with its counties; audited; the hub falls back to the demo region', async () => {
    const r = await server.graphql(REMOVE, { code: OWN }, await token('admin', [], 1, 'data-officer'));
    expect(r.errors).toBeUndefined();
    expect(r.data.removePrefecture).toEqual({ code: OWN, name: '测试盟', removed: [{ table: 'county', rows: 2 }, { table: 'prefecture', rows: 1 }] });
    expect(nonZero(await rowsUnder(OWN))).toEqual({});
    const [entry] = await own.sql(`select subject, role, action, entity, entity_id, before, after from audit_entry where action = 'removePrefecture' order by id desc limit 1`);
    expect(entry).toEqual({ subject: 'data-officer', role: 'admin', action: 'removePrefecture', entity: 'Prefecture', entity_id: OWN, before: { name: '测试盟', removed: r.data.removePrefecture.removed }, after: null });
    expect((await server.graphql(PREFECTURE)).data?.prefecture.code).toBe(DEMO);
  });

  it('pnpm data:remove --dry-run counts what would go and changes nothing', async () => {
    const before = await everything();
    const counts = nonZero(await rowsUnder(DEMO));
    const cli = spawnSync(path.join(REPO, 'server/node_modules/.bin/tsx'), ['server/src/cli/remove.ts', '--prefecture', DEMO, '--dry-run'], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: url, SEED_DEMO: 'false', INIT_CWD: REPO },
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(cli.stdout).toContain(`试运行，未删除：将删除 查干高勒盟（${DEMO}）及其下 ${total} 行数据`);
    for (const [table, n] of Object.entries(counts)) expect(cli.stdout).toContain(`  ${table}: ${n}\n`);
    expect(await everything()).toBe(before);
  });

  it('--replace-demo removes the demo region with everything under it in the import\'s transaction, audited', async () => {
    const under = nonZero(await rowsUnder(DEMO));
    // Every kind of row the demo region has is there to be removed.
    for (const table of ['village', 'village_year', 'pairing', 'industry_project', 'project_year', 'organisation', 'alliance', 'assignment', 'assignment_fund', 'work_team', 'village_poverty_cause', 'inspection', 'finding', 'assisting_unit', 'area_year_figures']) {
      expect(under[table], table).toBeGreaterThan(0);
    }
    const schemes = await own.sql(`select * from assessment_scheme order by year`);
    const r = await importCounties({ demoRegion: 'replace' });
    expect(r.summary).toMatchObject({ inserted: 2, written: true, rejectedRows: 0 });
    expect(r.warnings.map((w) => formatMessage(w))).toEqual([`已删除演示地区 查干高勒盟（${DEMO}） 及其下 ${Object.values(under).reduce((a, b) => a + b, 0)} 行数据，由 测试盟（${OWN}） 取代`]);
    expect(nonZero(await rowsUnder(DEMO))).toEqual({});
    expect(await own.sql(`select code, name from prefecture`)).toEqual([{ code: OWN, name: '测试盟' }]);
    // Assessment schemes belong to the hub, not to a region: they stay.
    expect(await own.sql(`select * from assessment_scheme order by year`)).toEqual(schemes);
    const [entry] = await own.sql<{ subject: string; before: { removed: Array<{ table: string; rows: number }> } }>(
      `select subject, before from audit_entry where action = 'removePrefecture' and entity_id = '${DEMO}'`,
    );
    expect(entry!.subject).toBe('import@cli');
    expect(Object.fromEntries(entry!.before.removed.map((t) => [t.table, t.rows]))).toEqual(under);
    expect((await server.graphql(PREFECTURE)).data?.prefecture.code).toBe(OWN);
  });
});

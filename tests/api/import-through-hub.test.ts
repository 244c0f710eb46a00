/**
 * `pnpm data:import` while the hub runs on the embedded database: the hub
 * holds DATA_DIR, so the command sends the file through the hub's /import
 * (no second database boot, no need to stop the hub), and reports and exits
 * as a local import does. Always an embedded hub of its own, whatever
 * database the suite runs on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runHub, type HubProcess } from '../support/process.js';
import { TEST_SECRET, token } from '../support/server.js';

const VILLAGE = '159901101201';
const YEAR = 2025;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-through-hub-'));
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-through-hub-files-'));
let port = 0;
let hub: HubProcess;
let url = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

const env = () => ({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', AUTH_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '0' });

interface Figures {
  households: number;
  ruralPopulation: number;
  poorHouseholds: number;
  poorPopulation: number;
  partyMembers: number;
  collectiveIncome: number;
}

async function figures(): Promise<Figures & { version: number }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ village(code: "${VILLAGE}") { figures(year: ${YEAR}) { version households ruralPopulation poorHouseholds poorPopulation partyMembers collectiveIncome } } }` }),
  });
  const answer = (await res.json()) as { data?: { village: { figures: (Figures & { version: number }) | null } } };
  const f = answer.data?.village.figures;
  if (!f) throw new Error(`no figures of ${VILLAGE} for ${YEAR}: ${JSON.stringify(answer)}\n${hub.output().slice(-4000)}`);
  return f;
}

function csv(name: string, f: Figures, households: string | number = f.households): string {
  const file = path.join(files, name);
  fs.writeFileSync(file, `村代码,年份,户数,乡村人口,贫困户数,贫困人口,党员数,集体经济收入（万元）\n${VILLAGE},${YEAR},${households},${f.ruralPopulation},${f.poorHouseholds},${f.poorPopulation},${f.partyMembers},${f.collectiveIncome}\n`);
  return file;
}

function dataImport(...args: string[]) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env(), INIT_CWD: REPO };
  delete childEnv.DATABASE_URL;
  return spawnSync(path.join(REPO, 'server/node_modules/.bin/tsx'), ['server/src/cli/import.ts', ...args], { cwd: REPO, env: childEnv, encoding: 'utf8', timeout: 120_000 });
}

beforeAll(async () => {
  port = await freePort();
  hub = runHub({ ...env(), DATABASE_URL: undefined, SEED_DEMO: 'true' });
  url = await hub.ready;
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(files, { recursive: true, force: true });
});

describe('data:import while the hub runs on the embedded database', () => {
  it('goes through the hub: written, reported, audited as import@cli, exit 0', async () => {
    const before = await figures();
    const report = path.join(files, 'ok.report.txt');
    const cli = dataImport(csv('ok.csv', { ...before, partyMembers: before.partyMembers + 7 }), '--kind', 'figures', '--report', report);
    expect(cli.status, cli.stderr + cli.stdout + hub.output().slice(-3000)).toBe(0);
    expect(cli.stderr).toContain(`服务正在运行（${url}）：文件经由服务导入，无需停止服务`);
    expect(cli.stdout).toContain(`报告已写入 ${report}`);
    expect(fs.readFileSync(report, 'utf8')).toContain('ok.csv');
    const after = await figures();
    expect(after.partyMembers).toBe(before.partyMembers + 7);
    expect(after.version).toBe(before.version + 1);
    const audit = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('admin')}` },
      body: JSON.stringify({ query: '{ auditTrail(filter: { subject: "import@cli" }) { totalCount } }' }),
    });
    expect(((await audit.json()) as { data: { auditTrail: { totalCount: number } } }).data.auditTrail.totalCount).toBeGreaterThan(0);
    // The hub still holds DATA_DIR: the command did not take it over.
    expect(fs.readFileSync(path.join(dataDir, 'lingyan.lock'), 'utf8').split(' ')[0]).toBe(String(hub.child.pid));
  }, 180_000);

  it('a row with a problem: the report names it, nothing is written, exit 1', async () => {
    const before = await figures();
    const cli = dataImport(csv('bad.csv', { ...before, partyMembers: before.partyMembers + 1 }, '十二'), '--kind', 'figures', '--report', path.join(files, 'bad.report.txt'));
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stdout).toContain(`第 2 行，${VILLAGE}，户数："十二" 不是数字`);
    expect(await figures()).toEqual(before);
  }, 180_000);

  it('--dry-run checks through the hub and writes nothing', async () => {
    const before = await figures();
    const cli = dataImport(csv('dry.csv', { ...before, partyMembers: before.partyMembers + 3 }), '--kind', 'figures', '--dry-run', '--report', path.join(files, 'dry.report.txt'));
    expect(cli.status, cli.stderr).toBe(0);
    expect(await figures()).toEqual(before);
  }, 180_000);

  it('--skip-invalid is refused with the reason (the hub writes all or nothing), exit 2', async () => {
    const before = await figures();
    const cli = dataImport(csv('skip.csv', before), '--kind', 'figures', '--skip-invalid');
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('--skip-invalid 不能经由正在运行的服务导入');
    expect(await figures()).toEqual(before);
  }, 180_000);
});

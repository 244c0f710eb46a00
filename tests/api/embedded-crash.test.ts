/**
 * kill -9 during a stream of writes, on the embedded database, three times:
 * the hub (a real `pnpm start` process on its own DATA_DIR) takes planner
 * writes one after another; it is killed without warning at a random moment;
 * restarted on the same directory it must open, and every write it had
 * acknowledged must be there (at most the one write in flight may also have
 * landed, whole).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHub, type HubProcess } from '../support/process.js';
import { TEST_SECRET, token } from '../support/server.js';

const YEAR = 2025;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lingyan-crash-'));
const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '0', SEED_DEMO: 'true', AUTH_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '0' };
let hub: HubProcess | null = null;

afterAll(async () => {
  await hub?.stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function gql(url: string, query: string, variables: object, bearer?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
}

const FIGURES = `query ($c: String!) { village(code: $c) { figures(year: ${YEAR}) {
  version households ruralPopulation poorHouseholds poorPopulation collectiveIncome partyMembers memberPairings secretaryIsDirector softLax branchRating } } }`;
const UPSERT = `mutation ($i: VillageYearInput!) { upsertVillageYear(input: $i) { version partyMembers } }`;

interface Ack {
  version: number;
  partyMembers: number;
}

describe('kill -9 on the embedded database', () => {
  it('loses no acknowledged write and leaves a database that opens, three times over', async () => {
    const villages = ['159901101201', '159903101201', '159905101201'];
    // An admin token: the villages are in several counties.
    const admin = await token('admin', [], 1, 'admin-crash');
    const acked = new Map<string, Ack>();
    let writes = 0;
    for (let round = 0; round < 3; round++) {
      hub = runHub(env);
      const started = Date.now();
      const url = await hub.ready;
      console.log(`round ${round}: serving after ${Date.now() - started} ms`);
      // After a kill, everything acknowledged before it must be there.
      for (const [code, ack] of acked) {
        const f = (await gql(url, FIGURES, { c: code })).data.village.figures;
        expect(f.version, `${code} after kill ${round}`).toBeGreaterThanOrEqual(ack.version);
        expect(f.version - ack.version).toBeLessThanOrEqual(1);
        if (f.version === ack.version) expect(f.partyMembers).toBe(ack.partyMembers);
      }
      // A stream of writes, killed at a random moment once it is flowing (after the round's first acknowledged
      // write: a fresh hub's first write also compiles the area-figure triggers, and a kill before it tests nothing).
      const killAfter = 300 + Math.floor(Math.random() * 1200);
      let killer: NodeJS.Timeout | undefined;
      try {
        for (let i = 0; ; i++) {
          const code = villages[i % villages.length]!;
          const read = await gql(url, FIGURES, { c: code });
          const f = read.data.village.figures;
          const { version, ...rest } = f;
          const next = { ...rest, villageCode: code, year: YEAR, version, partyMembers: f.partyMembers + 1 };
          const r = await gql(url, UPSERT, { i: next }, admin);
          expect(r.errors).toBeUndefined();
          acked.set(code, { version: r.data.upsertVillageYear.version, partyMembers: r.data.upsertVillageYear.partyMembers });
          writes++;
          killer ??= setTimeout(() => void hub!.stop('SIGKILL'), killAfter);
        }
      } catch (error) {
        // The kill ends the stream with a refused or reset connection; anything else is a failure.
        if (!/fetch failed|ECONNRESET|ECONNREFUSED|socket/i.test(String((error as Error).cause ?? error))) throw error;
      } finally {
        clearTimeout(killer);
      }
      await hub.exited;
      console.log(`round ${round}: killed ${killAfter} ms after the first write, ${writes} writes so far`);
    }
    hub = runHub(env);
    const url = await hub.ready;
    for (const [code, ack] of acked) {
      const f = (await gql(url, FIGURES, { c: code })).data.village.figures;
      expect(f.version).toBeGreaterThanOrEqual(ack.version);
    }
    console.log(`embedded crash: ${writes} acknowledged writes over 3 kills, all present after restart`);
    expect(writes).toBeGreaterThan(3);
    await hub.stop();
  }, 300_000);
});

/**
 * The hub's start-up work (migrations, the demo region) is not a request: it
 * runs outside STATEMENT_TIMEOUT_MS, the client's query timeout and the
 * embedded database's watchdog (db/database.ts). On a starved machine one
 * insert of the demo region took 18 s, and the 15 s limit meant for runaway
 * requests stopped the hub from starting. A request's statement is still cut.
 *
 * The start-up statement here sleeps past the limit and past the watchdog's
 * grace, so either limit, if it applied, would end it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/config.js';
import { openDatabase, type Database } from '../../server/src/db/database.js';
import { GRACE_MS } from '../../server/src/db/embedded.js';

const LIMIT_MS = 300;
const STARTUP_SLEEP_MS = LIMIT_MS + GRACE_MS + 1000;
/** Past the limit, short of the watchdog (LIMIT_MS + GRACE_MS): the client gives up, the worker is not restarted. */
const REQUEST_SLEEP_MS = 1000;

const dataDir = mkdtempSync(join(tmpdir(), 'lingyan-startup-limits-'));
let db: Database | null = null;

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('start-up work on the embedded database', () => {
  it('runs past STATEMENT_TIMEOUT_MS and the watchdog, while a request is still cut at the limit', async () => {
    const events: string[] = [];
    let startupMs = 0;
    let migrated = false;
    db = await openDatabase({ ...loadConfig({}), databaseUrl: null, dataDir, statementTimeoutMs: LIMIT_MS }, undefined, (m) => events.push(m), async (em) => {
      // The migrations ran before this work.
      migrated = (await em.getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from prefecture`))[0]?.n === 0;
      const began = performance.now();
      await em.getConnection().execute(`select pg_sleep(${STARTUP_SLEEP_MS / 1000})`);
      startupMs = performance.now() - began;
    });
    expect(migrated).toBe(true);
    expect(startupMs).toBeGreaterThanOrEqual(STARTUP_SLEEP_MS - 50);
    expect(events.filter((e) => /STATEMENT_TIMEOUT_MS/.test(e))).toEqual([]);

    const connection = db.orm.em.getConnection();
    const began = performance.now();
    await expect(connection.execute(`select pg_sleep(${REQUEST_SLEEP_MS / 1000})`)).rejects.toThrow(/timeout/i);
    expect(performance.now() - began).toBeLessThan(REQUEST_SLEEP_MS);
    // PGlite cannot cancel the cut statement: once it has run out, the database answers again, with no restart.
    const deadline = performance.now() + 10_000;
    let answer: unknown = null;
    while (answer === null && performance.now() < deadline) answer = await connection.execute(`select 1 as one`).catch(() => null);
    expect(answer).toEqual([{ one: 1 }]);
    expect(events.filter((e) => /STATEMENT_TIMEOUT_MS/.test(e))).toEqual([]);
  }, 120_000);
});

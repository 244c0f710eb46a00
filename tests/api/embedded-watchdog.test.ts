/**
 * The embedded database's watchdog (db/embedded.ts) ends a worker only when
 * it is stuck: a database answering every statement in time is left alone,
 * however long it serves. The worker's answers to the watchdog's pings used
 * to be held back (its message port was left stopped after start), so every
 * database was ended and started again STATEMENT_TIMEOUT_MS + 3 s after the
 * watchdog was armed, idle or not, and again every 21 s after that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { GRACE_MS, startEmbedded, type EmbeddedDatabase } from '../../server/src/db/embedded.js';

const LIMIT_MS = 300;
/** Twice the time after which the watchdog ends a worker that does not answer. */
const SERVING_MS = 2 * (LIMIT_MS + GRACE_MS);

const dataDir = mkdtempSync(join(tmpdir(), 'lingyan-embedded-watchdog-'));
let db: EmbeddedDatabase | null = null;

afterAll(async () => {
  await db?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database watchdog', () => {
  it('leaves a database that answers in time alone', async () => {
    db = await startEmbedded({ dataDir });
    const events: string[] = [];
    db.enforceTimeout(LIMIT_MS, (m) => events.push(m));
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {});
    await client.connect();
    let answered = 0;
    try {
      // Short statements, each well inside the limit, for longer than a stuck worker would be given.
      const began = performance.now();
      while (performance.now() - began < SERVING_MS) {
        await client.query('select pg_sleep(0.05)');
        answered += 1;
      }
    } finally {
      await client.end().catch(() => {});
    }
    expect(events).toEqual([]);
    expect(answered).toBeGreaterThan(10);
  }, 60_000);
});

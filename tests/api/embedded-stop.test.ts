/**
 * Stopping the embedded database while a client hangs up must not throw.
 * pglite-socket detaches a connection whose socket closed one turn of the
 * event loop later and asks PGlite then whether a transaction is open; when
 * PGlite closed in between (the worker's stop: the socket server, then
 * PGlite), that threw "Cannot read properties of undefined (reading
 * '_IsTransactionBlock')" as an unhandled rejection. The worker answers a
 * closed database as having none open (CLOSED_DATABASE_GUARD_SOURCE in
 * server/src/db/embedded-worker.ts); here that code runs on a real PGlite and
 * pglite-socket, in the order that threw, made certain: PGlite closes first.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSED_DATABASE_GUARD_SOURCE, WORKER_SOURCE } from '../../server/src/db/embedded-worker.js';

// The worker's own text, as the worker evaluates it.
const answerWhenClosed = new Function(`${CLOSED_DATABASE_GUARD_SOURCE}; return answerWhenClosed;`)() as (db: PGlite) => void;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('the embedded database, stopped while clients hang up', () => {
  it('an unguarded PGlite, once closed, throws when asked about a transaction (what pglite-socket asks)', async () => {
    const db = await PGlite.create();
    await db.close();
    expect(() => db.isInTransaction()).toThrow(/_IsTransactionBlock/);
  }, 120_000);

  it('the worker asks its PGlite through the guard', () => {
    expect(WORKER_SOURCE).toContain(CLOSED_DATABASE_GUARD_SOURCE);
    expect(WORKER_SOURCE).toMatch(/PGlite\.create\([^\n]*\);\n\s*answerWhenClosed\(db\);/);
  });

  it('detaches connections after PGlite closed without an error: one in a transaction, idle ones', async () => {
    process.on('unhandledRejection', onUnhandled);
    const db = await PGlite.create();
    answerWhenClosed(db);
    const asked: boolean[] = [];
    const guarded = db.isInTransaction.bind(db);
    db.isInTransaction = () => {
      const open = guarded();
      asked.push(open);
      return open;
    };
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: url });
        client.on('error', () => {});
        await client.connect();
        return client;
      }),
    );
    await clients[3]!.query('begin');
    await clients[3]!.query('select 1');
    expect(db.isInTransaction()).toBe(true);
    asked.length = 0;

    await db.close();
    await Promise.all(clients.map((client) => client.end().catch(() => {})));
    // Each hung-up connection is detached, asking the closed PGlite, and hears "no transaction".
    await expect.poll(() => asked.length, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(clients.length);
    expect(asked.every((open) => open === false)).toBe(true);
    await server.stop();
    // One more turn of the event loop: a rejection would have been reported by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled.map(String)).toEqual([]);
  }, 120_000);
});

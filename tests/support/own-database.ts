/**
 * A database of a test file's own, beside the run's shared one, for tests
 * that need a region alone (an empty database, or one whose demo region they
 * remove): a new in-memory embedded database, or a new database on the
 * run's PostgreSQL server (dropped first: a killed run may have left it).
 * Empty: `openDatabase` migrates it.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { startEmbedded } from '../../server/src/db/embedded.js';
import { databaseUrl } from './db.js';

export interface OwnDatabase {
  url: string;
  /** plain SQL on it, for expected values */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** ends the embedded database (a PostgreSQL database is kept for the next run to drop) */
  stop(): Promise<void>;
}

/** Plain SQL on the database at `url`, one connection for the statement. */
export async function sqlAt<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** `name`: the PostgreSQL database's name, one per test file. */
export async function ownDatabase(name: string): Promise<OwnDatabase> {
  let url: string;
  let stop = async () => {};
  if (inject('databaseMode') === 'embedded') {
    const embedded = await startEmbedded({ dataDir: null });
    url = embedded.url;
    stop = () => embedded.stop();
  } else {
    const server = new URL(databaseUrl());
    server.pathname = '/postgres';
    await sqlAt(server.toString(), `drop database if exists ${name} with (force)`);
    await sqlAt(server.toString(), `create database ${name}`);
    server.pathname = `/${name}`;
    url = server.toString();
  }
  return { url, sql: (text, params = []) => sqlAt(url, text, params), stop };
}

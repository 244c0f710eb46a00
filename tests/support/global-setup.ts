/**
 * Once per test run: a database with the schema migrated and the demo
 * region loaded, shared by every test file through `inject('databaseUrl')`.
 *
 * - DATABASE_URL unset: the embedded PGlite + PostGIS, in memory, served on
 *   loopback by pglite-socket (the same code path as `pnpm start`).
 * - DATABASE_URL set: a fresh database `lingyan_test` is created on that
 *   server (the database named in the URL is only used to connect), so a run
 *   never touches existing data.
 */
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { startEmbedded, type EmbeddedDatabase } from '../../server/src/db/embedded.js';
import { loadDemoRegion } from './demo-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseMode: 'embedded' | 'postgres';
  }
}

const TEST_DATABASE = 'lingyan_test';

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEST_DATABASE} with (force)`);
    await admin.query(`create database ${TEST_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedDatabase | null = null;
  let url: string;
  if (process.env.DATABASE_URL) {
    url = await freshDatabase(process.env.DATABASE_URL);
  } else {
    // Served to every hub the tests start: several at once (two replicas, a private hub next to a public one),
    // each with its pool and its change listener. pglite-socket refuses connections past maxConnections by closing them.
    embedded = await startEmbedded({ dataDir: null, maxConnections: 64 });
    url = embedded.url;
  }
  try {
    await loadDemoRegion(url);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  project.provide('databaseUrl', url);
  project.provide('databaseMode', embedded ? 'embedded' : 'postgres');
  return async () => {
    await embedded?.stop();
  };
}

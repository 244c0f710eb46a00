/**
 * The raw-SQL peer: a minimal HTTP handler per case, one pooled `pg` query,
 * JSON out (or the tile's bytes): what the hub's answer costs without GraphQL,
 * the ORM or the hub's own code.
 */
import http from 'node:http';
import pg from 'pg';
import type { Case } from './cases.js';

export interface RawServer {
  url(index: number): string;
  close(): Promise<void>;
}

export function rawServer(databaseUrl: string, cases: readonly Case[]): Promise<RawServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer(async (req, res) => {
    const c = cases[Number(req.url?.slice(1))];
    if (!c?.sql) return void res.writeHead(404).end();
    try {
      const { rows } = await pool.query(c.sql.text, c.sql.values);
      if (c.sql.binary) {
        const tile = (rows[0] as { tile: Buffer | null } | undefined)?.tile ?? Buffer.alloc(0);
        res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile' }).end(tile);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows }));
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: (i) => `http://127.0.0.1:${port}/${i}`,
        close: async () => {
          server.close();
          await pool.end();
        },
      });
    }),
  );
}

/**
 * Liveness and readiness. /healthz says the process is up (and which
 * database it was started on); /readyz says whether it can serve now: it
 * asks the database, with a short deadline, so a load balancer takes a
 * replica out while its database is away and back when it returns.
 */
import type express from 'express';
import type { Database } from '../db/database.js';
import { RETRY_AFTER_SECONDS } from '../graphql/outage-status.js';

const READY_DEADLINE_MS = 1500;

async function databaseAnswers(db: Database): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the database did not answer within ${READY_DEADLINE_MS} ms`), READY_DEADLINE_MS);
  });
  const ask = db.orm.em
    .getConnection()
    .execute('select 1')
    .then(() => null)
    .catch(() => 'the database is not reachable');
  try {
    return await Promise.race([ask, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: express.Express, db: Database): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', database: db.mode, postgis: db.postgisVersion });
  });
  app.get('/readyz', async (_req, res) => {
    const problem = await databaseAnswers(db);
    res.setHeader('Cache-Control', 'no-store');
    if (problem) res.status(503).setHeader('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'unavailable', reason: problem });
    else res.json({ status: 'ready', database: db.mode });
  });
}

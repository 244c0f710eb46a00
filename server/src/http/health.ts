/**
 * Liveness and readiness. /healthz says the process is up (and which
 * database it was started on); /readyz says whether it can serve now: it
 * asks the database, with a short deadline, so a load balancer takes a
 * replica out while its database is away and back when it returns.
 *
 * /readyz asks the database at most once per READY_REFRESH_MS: calls in
 * between answer what the last check found (calls during a check wait for
 * it), so a storm of probes costs no statements; and it has a rate limit of
 * its own (by address), apart from the API's.
 *
 * With streaming replicas (DATABASE_REPLICA_URLS) the check asks the primary,
 * and the answer lists each replica's state and replication lag (seconds and
 * bytes) as the router's monitor last saw them (db/replicas.ts): a replica
 * down does not make the hub unready, since reads go on elsewhere.
 */
import type express from 'express';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { onPrimary } from '../db/replicas.js';
import type { RequestBudget } from './guards.js';
import { RETRY_AFTER_SECONDS } from '../graphql/outage-status.js';

const READY_DEADLINE_MS = 1500;
/** The longest a readiness answer may be old, ms. */
export const READY_REFRESH_MS = 1000;

async function databaseAnswers(db: Database): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the database did not answer within ${READY_DEADLINE_MS} ms`), READY_DEADLINE_MS);
  });
  const ask = onPrimary(() => db.orm.em.getConnection().execute('select 1'))
    .then(() => null)
    .catch(() => 'the database is not reachable');
  try {
    return await Promise.race([ask, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database's answer, asked at most once per READY_REFRESH_MS. */
function readiness(db: Database): () => Promise<string | null> {
  let problem: string | null = null;
  let checkedAt = -Infinity;
  let checking: Promise<string | null> | null = null;
  return () => {
    if (Date.now() - checkedAt < READY_REFRESH_MS) return Promise.resolve(problem);
    checking ??= databaseAnswers(db).then((p) => {
      problem = p;
      checkedAt = Date.now();
      checking = null;
      return p;
    });
    return checking;
  };
}

export function healthRoutes(app: express.Express, db: Database, budget: RequestBudget | null = null, registry: Registry | null = null): void {
  if (registry) replicaMetrics(registry, db);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', database: db.mode, postgis: db.postgisVersion });
  });
  const ready = readiness(db);
  app.get('/readyz', async (req, res) => {
    if (budget && !(await budget.admit(req, res))) return;
    const problem = await ready();
    res.setHeader('Cache-Control', 'no-store');
    const replicas = db.replicas?.() ?? [];
    const detail = replicas.length > 0 ? { replicas } : {};
    if (problem) res.status(503).setHeader('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'unavailable', reason: problem, ...detail });
    else res.json({ status: 'ready', database: db.mode, ...detail });
  });
}

/** Each streaming replica's lag and state for /metrics, read from the router's monitor when scraped (no statement). */
export function replicaMetrics(registry: Registry, db: Database): void {
  if ((db.replicas?.() ?? []).length === 0) return;
  const states = ['streaming', 'catching-up', 'down'] as const;
  new Gauge({
    name: 'lingyan_db_replica_lag_bytes',
    help: 'WAL written on the primary and not yet replayed on the streaming replica, bytes (absent while it is down)',
    labelNames: ['replica'],
    registers: [registry],
    collect() {
      this.reset();
      for (const r of db.replicas()) if (r.lagBytes !== null) this.set({ replica: r.name }, r.lagBytes);
    },
  });
  new Gauge({
    name: 'lingyan_db_replica_lag_seconds',
    help: 'Replication lag of the streaming replica, seconds (0 when it has replayed everything; absent while it is down)',
    labelNames: ['replica'],
    registers: [registry],
    collect() {
      this.reset();
      for (const r of db.replicas()) if (r.lagSeconds !== null) this.set({ replica: r.name }, r.lagSeconds);
    },
  });
  new Gauge({
    name: 'lingyan_db_replica_state',
    help: 'The streaming replica is in this state (1) or not (0): streaming takes reads, catching-up has not replayed the latest write, down is out of rotation',
    labelNames: ['replica', 'state'],
    registers: [registry],
    collect() {
      for (const r of db.replicas()) for (const state of states) this.set({ replica: r.name, state }, r.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'lingyan_db_replica_reads',
    help: 'Reads the streaming replica answered since the hub started',
    labelNames: ['replica'],
    registers: [registry],
    collect() {
      for (const r of db.replicas()) this.set({ replica: r.name }, r.reads);
    },
  });
}

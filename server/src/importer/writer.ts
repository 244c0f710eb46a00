/**
 * What the server adds to a kind of import: the domain rules on one record,
 * the checks that need the database (parents exist, geometry valid and in
 * place) for a batch, and the idempotent upsert of a batch.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuiltRow, KindSpec, Message, RowProblem } from '@lingyan/data';
import type { Principal } from '../auth/roles.js';
import type { Problem } from '../domain/planning.js';
import type { CrsOffsetProbe } from './crs-offset.js';

export interface WriteOptions {
  /** repair invalid polygons with ST_MakeValid instead of rejecting them */
  repair: boolean;
  /** name of the prefecture to create when counties arrive for one the database lacks */
  prefectureName: string | null;
  /** measures boundaries against the stored ones when no --crs was given (web-map coordinates) */
  probe?: CrsOffsetProbe | null;
  /** what to do when counties of another prefecture arrive in a database holding the demo region; default 'ask' (refuse, naming the flags) */
  demoRegion?: DemoRegionChoice;
  /** who imports, for the audit of a removal the import makes */
  actor?: Principal;
  /** what the user should know though nothing was refused; the report lists them */
  warnings?: Message[];
}

/** ask: refuse and say how to choose; replace: remove the demo region in the import's transaction; keep: hold both. */
export type DemoRegionChoice = 'ask' | 'replace' | 'keep';

/** A row that passed the pure checks, with its record. */
export type GoodRow<R> = BuiltRow<R> & { record: R };

export interface CheckOutcome {
  problems: RowProblem[];
  /** rows whose geometry was repaired, with what was wrong */
  repaired: RowProblem[];
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

export interface KindWriter<R> {
  spec: KindSpec<R>;
  /** the table, for the audit entry */
  entity: string;
  /** domain rules on the record alone (server/src/domain, shared with the API) */
  rules(record: R): Problem[];
  check(tx: EntityManager, rows: Array<GoodRow<R>>, options: WriteOptions): Promise<CheckOutcome>;
  upsert(tx: EntityManager, rows: Array<GoodRow<R>>, given: ReadonlySet<string>, options: WriteOptions): Promise<UpsertCounts>;
  /** called once before the first batch of a run (resets per-run state) */
  start?(): void;
  /** work after the last batch (e.g. a created prefecture's boundary) */
  finish?(tx: EntityManager): Promise<void>;
}

/** A domain rule's problems as report lines of `row`; `rename` maps the rule's field names (the API's) to the record's. */
export function rowProblems(row: BuiltRow<unknown>, problems: Problem[], rename: Readonly<Record<string, string>> = {}): RowProblem[] {
  return problems.map((p) => ({ row: row.row, field: row.label(rename[p.field] ?? p.field), reason: p.reason }));
}

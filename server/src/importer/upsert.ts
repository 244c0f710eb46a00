/**
 * One statement per batch: rows travel as one JSON parameter, are expanded
 * by json_to_recordset, inserted, and on a key conflict update only the
 * columns the file has, and only when a value differs. Re-importing a file
 * therefore changes no row (and bumps no version), which is what makes an
 * import idempotent.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpsertCounts } from './writer.js';

export interface Column {
  /** column name, also the key in each JSON row */
  name: string;
  /** type in json_to_recordset */
  type: 'text' | 'int' | 'numeric' | 'boolean' | 'json';
  /** SQL for the value from `r.<name>`; default `r.<name>` */
  expr?: string;
  /** the record field that fills it; always updated when absent (keys, parents, geometry) */
  field?: string;
}

export interface UpsertPlan {
  table: string;
  conflict: string[];
  columns: Column[];
  /** extra assignments on update, e.g. a version bump */
  onUpdate?: string;
}

export async function upsertRows(tx: EntityManager, plan: UpsertPlan, rows: object[], given: ReadonlySet<string>): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const { table, conflict, columns } = plan;
  const updated = columns.filter((c) => !conflict.includes(c.name) && (c.field === undefined || given.has(c.field))).map((c) => c.name);
  const set = [...updated.map((c) => `${c} = excluded.${c}`), ...(plan.onUpdate ? [plan.onUpdate] : [])].join(', ');
  const sql = `
    insert into ${table} (${columns.map((c) => c.name).join(', ')})
    select ${columns.map((c) => c.expr ?? `r.${c.name}`).join(', ')}
      from json_to_recordset(?::json) as r(${columns.map((c) => `${c.name} ${c.type}`).join(', ')})
    on conflict (${conflict.join(', ')}) do update set ${set}
      where (${updated.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${updated.map((c) => `excluded.${c}`).join(', ')})
    returning (xmax = 0) as inserted`;
  const result = await tx.execute<Array<{ inserted: boolean }>>(sql, [JSON.stringify(rows)]);
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted };
}

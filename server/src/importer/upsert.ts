/**
 * One statement per batch: rows travel as one JSON parameter, are expanded
 * by json_to_recordset, inserted, and on a key conflict update only the
 * columns the file has, and only when a value differs. Re-importing a file
 * therefore changes no row (and bumps no version), which is what makes an
 * import idempotent.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpsertCounts } from './writer.js';

export interface Column<R = object> {
  /** column name, also the key in each JSON row */
  name: string;
  /** the value from the record; default the record's field of the column's name in camelCase (village_code: villageCode) */
  value?: (record: R) => unknown;
  /** type in json_to_recordset */
  type: 'text' | 'int' | 'numeric' | 'boolean' | 'json';
  /** SQL for the value from `r.<name>`; default `r.<name>` */
  expr?: string;
  /** the record field that fills it; always updated when absent (keys, parents, geometry) */
  field?: string;
}

export interface UpsertPlan<R = object> {
  table: string;
  conflict: string[];
  columns: Array<Column<R>>;
  /** extra assignments on update, e.g. a version bump */
  onUpdate?: string;
}

/** The columns an update may change: not the key, and only those the file has (or that always follow the row). */
function changing<R>(columns: Array<Column<R>>, key: string[], given: ReadonlySet<string>): string[] {
  return columns.filter((c) => !key.includes(c.name) && (c.field === undefined || given.has(c.field))).map((c) => c.name);
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The records as the JSON rows the statement expands, one key per column. */
function jsonRows<R>(columns: Array<Column<R>>, records: R[]): string {
  const getters = columns.map((c): [string, (r: R) => unknown] => {
    if (c.value) return [c.name, c.value];
    const field = camel(c.name);
    return [c.name, (r) => (r as Record<string, unknown>)[field]];
  });
  return JSON.stringify(
    records.map((r) => {
      const row: Record<string, unknown> = {};
      for (const [name, get] of getters) row[name] = get(r);
      return row;
    }),
  );
}

const recordset = <R>(columns: Array<Column<R>>) => columns.map((c) => `${c.name} ${c.type}`).join(', ');
const values = <R>(columns: Array<Column<R>>) => columns.map((c) => c.expr ?? `r.${c.name}`).join(', ');

export async function upsertRows<R>(tx: EntityManager, plan: UpsertPlan<R>, records: R[], given: ReadonlySet<string>): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const { table, conflict, columns } = plan;
  const updated = changing(columns, conflict, given);
  const set = [...updated.map((c) => `${c} = excluded.${c}`), ...(plan.onUpdate ? [plan.onUpdate] : [])].join(', ');
  const sql = `
    insert into ${table} (${columns.map((c) => c.name).join(', ')})
    select ${values(columns)}
      from json_to_recordset(?::json) as r(${recordset(columns)})
    on conflict (${conflict.join(', ')}) do update set ${set}
      where (${updated.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${updated.map((c) => `excluded.${c}`).join(', ')})
    returning (xmax = 0) as inserted`;
  const result = await tx.execute<Array<{ inserted: boolean }>>(sql, [jsonRows(columns, records)]);
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted };
}

export interface KeyedPlan<R> extends Omit<UpsertPlan<R>, 'conflict'> {
  /** the columns that name a row (its natural key), compared null-safely; the table numbers rows itself (serial id) */
  key: string[];
}

/** Each row's id (in the order given) and whether it was inserted or changed. */
export interface KeyedOutcome extends UpsertCounts {
  rows: Array<{ id: number; inserted: boolean; updated: boolean }>;
}

/**
 * upsertRows for the tables the hub numbers itself (alliances, pairings,
 * projects, units, assignments), whose natural key has no unique constraint
 * (the API keeps the rules): a row is matched by its key in the import's
 * transaction, updated only where a value differs, else inserted. The rows of
 * one call must have distinct keys (the importer refuses a key listed twice).
 */
export async function upsertByKey<R>(tx: EntityManager, plan: KeyedPlan<R>, records: R[], given: ReadonlySet<string>): Promise<KeyedOutcome> {
  if (records.length === 0) return { inserted: 0, updated: 0, rows: [] };
  const { table, key, columns } = plan;
  const updated = changing(columns, key, given);
  const same = (a: string, b: string) => key.map((k) => `${a}.${k} is not distinct from ${b}.${k}`).join(' and ');
  const set = [...updated.map((c) => `${c} = m.${c}`), ...(plan.onUpdate ? [plan.onUpdate] : [])].join(', ');
  const update = updated.length
    ? `update ${table} set ${set} from m where ${table}.id = m.found
         and (${updated.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${updated.map((c) => `m.${c}`).join(', ')}) returning ${table}.id`
    : `select null::int as id where false`;
  const sql = `
    with r as (select r.ord, ${columns.map((c) => `${c.expr ?? `r.${c.name}`} as ${c.name}`).join(', ')}
                 from json_to_recordset(?::json) as r(ord int, ${recordset(columns)})),
         m as (select r.*, (select t.id from ${table} t where ${same('t', 'r')} limit 1) as found from r),
         u as (${update}),
         i as (insert into ${table} (${columns.map((c) => c.name).join(', ')})
               select ${columns.map((c) => `m.${c.name}`).join(', ')} from m where m.found is null order by m.ord
               returning id, ${key.join(', ')})
    select m.ord, coalesce(m.found, i.id) as id, i.id is not null as inserted, u.id is not null as updated
      from m left join i on ${same('i', 'm')} left join u on u.id = m.found
     order by m.ord`;
  const index = new Map(records.map((r, i) => [r, i]));
  const ordered = [...columns, { name: 'ord', type: 'int' as const, value: (r: R) => index.get(r) }];
  const result = await tx.execute<Array<{ id: number; inserted: boolean; updated: boolean }>>(sql, [jsonRows(ordered, records)]);
  const out = result.map((r) => ({ id: Number(r.id), inserted: r.inserted, updated: r.updated }));
  return { inserted: out.filter((r) => r.inserted).length, updated: out.filter((r) => r.updated).length, rows: out };
}

/**
 * Removing a prefecture with everything under it (旗县, 苏木乡镇, 嘎查村 and
 * every row that hangs off them: figures, pairings, projects, inspections,
 * reported figures …), in the caller's transaction, so it is all-or-nothing
 * and audited there.
 *
 * What "under it" means is read from the database's own foreign keys rather
 * than listed here: a table added later that references a county or a
 * village is removed with them, without anyone remembering to add it. A row
 * is removed when one of its foreign keys points at a removed row (keys that
 * only set null on delete, like a village's alliance, do not count), children
 * before parents. Rows shared between regions that belong to no area (an
 * enterprise without a village, an assisting unit) go too when removed rows
 * were their only use; a row of another region still pointing at a removed
 * one makes the database refuse, and nothing is removed.
 *
 * The precomputed area figures are keyed by code, not by foreign key: every
 * code under a prefecture starts with its 4 digits (the tables' checks), so
 * they go by that prefix.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/roles.js';
import { deferAreaFigures, flushAreaFigures } from '../../spatial/aggregates.js';
import { audit } from '../audit/audit.service.js';

export interface RemovedRows {
  table: string;
  rows: number;
}

export interface PrefectureRemoval {
  code: string;
  name: string;
  /** rows removed per table, in the order they were removed (tables with none left out) */
  removed: RemovedRows[];
}

interface ForeignKey {
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
  /** pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default */
  onDelete: string;
}

/** The removal was refused before anything changed (no such prefecture, a malformed code). */
export class PrefectureRemovalError extends Error {
  override name = 'PrefectureRemovalError';
}

async function foreignKeys(tx: EntityManager): Promise<ForeignKey[]> {
  const rows = await tx.execute<Array<{ child: string; column: string; parent: string; parent_column: string; on_delete: string }>>(
    `select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent,
            p.attname as parent_column, c.confdeltype::text as on_delete
       from pg_constraint c
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       join pg_attribute p on p.attrelid = c.confrelid and p.attnum = c.confkey[1]
      where c.contype = 'f' and cardinality(c.conkey) = 1 and c.connamespace = 'public'::regnamespace
      order by 1, 2`,
  );
  return rows.map((r) => ({ child: r.child, column: r.column, parent: r.parent, parentColumn: r.parent_column, onDelete: r.on_delete }));
}

/** The tables whose rows can hang off a prefecture, and the SQL condition naming the rows that do. */
function plan(keys: readonly ForeignKey[], code: string): { order: string[]; where: Map<string, string>; shared: ForeignKey[] } {
  const owning = keys.filter((k) => k.onDelete !== 'n' && k.onDelete !== 'd' && k.child !== k.parent);
  const reached = new Set(['prefecture']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const k of owning) {
      if (reached.has(k.parent) && !reached.has(k.child)) {
        reached.add(k.child);
        grew = true;
      }
    }
  }
  const edges = owning.filter((k) => reached.has(k.parent) && reached.has(k.child));
  const where = new Map<string, string>([['prefecture', `code = '${code}'`]]);
  const condition = (table: string, path: string[]): string => {
    const known = where.get(table);
    if (known) return known;
    if (path.includes(table)) throw new Error(`foreign keys form a cycle through ${[...path, table].join(' → ')}; removePrefecture cannot order it`);
    const parts = edges.filter((k) => k.child === table).map((k) => `${k.column} in (select ${k.parentColumn} from ${k.parent} where ${condition(k.parent, [...path, table])})`);
    const sql = parts.map((p) => `(${p})`).join(' or ');
    where.set(table, sql);
    return sql;
  };
  for (const t of reached) condition(t, []);
  // Children before parents: a table goes once every table referencing it has gone.
  const order: string[] = [];
  const left = new Set(reached);
  while (left.size > 0) {
    const next = [...left].filter((t) => !edges.some((k) => k.parent === t && k.child !== t && left.has(k.child))).sort();
    if (next.length === 0) throw new Error(`foreign keys form a cycle among ${[...left].join(', ')}`);
    for (const t of next) {
      order.push(t);
      left.delete(t);
    }
  }
  // Keys from removed rows to other rows, which may be shared ones (an enterprise without a village, an assisting unit).
  const shared = keys.filter((k) => reached.has(k.child));
  return { order, where, shared };
}

/** Removes the prefecture `code` and everything under it, audited as `principal`; throws PrefectureRemovalError when there is no such prefecture. */
export async function removePrefecture(tx: EntityManager, code: string, principal: Principal): Promise<PrefectureRemoval> {
  if (!/^\d{12}$/.test(code)) throw new PrefectureRemovalError(`“${code}”不是盟市代码（应为 12 位数字，如 150100000000）`);
  const [prefecture] = await tx.execute<Array<{ name: string }>>(`select name from prefecture where code = ?`, [code]);
  if (!prefecture) throw new PrefectureRemovalError(`数据库中没有代码为 ${code} 的盟市`);
  const keys = await foreignKeys(tx);
  const { order, where, shared } = plan(keys, code);
  await deferAreaFigures(tx);

  // The rows removed rows point at, noted before those go: the ones belonging to no area (all their own keys
  // null) follow if nothing else uses them then. Areas and villages already went by their keys.
  const candidates = new Map<string, { pk: string; ids: unknown[] }>();
  for (const k of shared) {
    const ids = (await tx.execute<Array<{ id: unknown }>>(`select distinct ${k.column} as id from ${k.child} where ${k.column} is not null and (${where.get(k.child)})`)).map((r) => r.id);
    const c = candidates.get(k.parent) ?? { pk: k.parentColumn, ids: [] };
    c.ids.push(...ids);
    candidates.set(k.parent, c);
  }

  const removed: RemovedRows[] = [];
  const count = async (table: string, sql: string, params: unknown[] = []) => {
    const [r] = await tx.execute<Array<{ n: number }>>(`with d as (${sql} returning 1) select count(*)::int as n from d`, params);
    if (!r || r.n === 0) return;
    const earlier = removed.find((t) => t.table === table);
    if (earlier) earlier.rows += r.n;
    else removed.push({ table, rows: r.n });
  };
  for (const table of order) await count(table, `delete from ${table} where ${where.get(table)}`);

  for (const [table, c] of candidates) {
    if (c.ids.length === 0) continue;
    const own = keys.filter((k) => k.child === table).map((k) => `t.${k.column} is null`);
    const unused = keys.filter((k) => k.parent === table).map((k) => `not exists (select 1 from ${k.child} x where x.${k.column} = t.${c.pk})`);
    const ids = JSON.stringify([...new Set(c.ids.map(String))]);
    await count(table, `delete from ${table} t where t.${c.pk}::text in (select json_array_elements_text(?::json)) and ${[...own, ...unused].join(' and ') || 'true'}`, [ids]);
  }

  // Figures of the removed areas: recomputing them would find no villages; they go by code instead.
  const prefix = code.slice(0, 4);
  await tx.execute(`delete from area_year_figures_pending where left(code, 4) = ?`, [prefix]);
  await flushAreaFigures(tx);
  await count('area_year_figures', `delete from area_year_figures where left(code, 4) = ?`, [prefix]);

  audit(tx, principal, { action: 'removePrefecture', entity: 'Prefecture', entityId: code, countyCode: null, before: { name: prefecture.name, removed }, after: null });
  return { code, name: prefecture.name, removed };
}

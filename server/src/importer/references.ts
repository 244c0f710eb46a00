/**
 * What the new kinds' rows point at, looked up once per batch: villages by
 * code (with their township), and organisations or assisting units by id or
 * exact name (see Reference in @lingyan/data).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { referenceText, type Reference } from '@lingyan/data';

/** The villages among `codes` that are in the database, each with its township. */
export async function villagesByCode(tx: EntityManager, codes: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)].filter((c) => c !== '');
  if (wanted.length === 0) return new Map();
  const rows = await tx.execute<Array<{ code: string; township: string }>>(
    `select code, township_code as township from village where code in (select json_array_elements_text(?::json))`,
    [JSON.stringify(wanted)],
  );
  return new Map(rows.map((v) => [v.code, v.township]));
}

export const notImported = (code: string) => `village ${code} is not in the database; import the villages first`;

export type Found = { id: number; name: string; kind: string };
/** A reference resolved: the row, or why not. */
export type Resolved = { found: Found } | { problem: string };

const WHAT = { organisation: ['organisation', 'organisations'], assisting_unit: ['assisting unit', 'assisting units'] } as const;

/** Resolves references to rows of `table` by id or exact name; keyed by referenceText. */
export async function resolveReferences(tx: EntityManager, table: keyof typeof WHAT, refs: Iterable<Reference | null>): Promise<Map<string, Resolved>> {
  const list = [...refs].filter((r): r is Reference => r !== null);
  const ids = list.flatMap((r) => ('id' in r ? [r.id] : []));
  const names = list.flatMap((r) => ('name' in r ? [r.name] : []));
  const out = new Map<string, Resolved>();
  if (list.length === 0) return out;
  const rows = await tx.execute<Found[]>(
    `select id, name, kind from ${table} where id in (select json_array_elements_text(?::json)::int) or name in (select json_array_elements_text(?::json))`,
    [JSON.stringify(ids), JSON.stringify(names)],
  );
  const [one, many] = WHAT[table];
  for (const ref of list) {
    const hits = rows.filter((r) => ('id' in ref ? r.id === ref.id : r.name === ref.name));
    const text = referenceText(ref);
    if (hits.length === 1) out.set(text, { found: hits[0]! });
    else if (hits.length === 0) out.set(text, { problem: `${one} ${'id' in ref ? text : `"${text}"`} is not in the database` });
    else out.set(text, { problem: `${hits.length} ${many} are named "${text}"; give its id instead` });
  }
  return out;
}

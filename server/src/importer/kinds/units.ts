/**
 * Assisting units, upserted by name, and their assignments, upserted by unit,
 * village and start year: a unit named by id must exist, a new one needs its
 * kind; the village must be in the database; period and funds obey checkPeriod
 * and checkFunds (the rules assignUnit enforces). When the file has a funds
 * column, an assignment's funds become exactly the years listed.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { referenceText, units, type AssistingUnitImport, type RowProblem } from '@lingyan/data';
import { checkFunds, checkPeriod, type Problem } from '../../domain/planning.js';
import { notImported, resolveReferences, villagesByCode } from '../references.js';
import { upsertByKey } from '../upsert.js';
import type { GoodRow, KindWriter } from '../writer.js';

/** Units of this run by reference: the id check() found (null for a new one) and the kind a row gave, with its row. */
const seen = new Map<string, { id: number | null; kind: string | null; row: number }>();

/** checkFunds names funds[i].year; the report names the funds column and the year. */
function fundsProblems(u: AssistingUnitImport): Problem[] {
  const a = u.assignment;
  if (!a) return [];
  return [...checkPeriod('startYear', a.startYear, 'endYear', a.endYear), ...checkFunds(a.funds, a.startYear, a.endYear)].map((p) => {
    const i = /^funds\[(\d+)\]\.?(\w*)/.exec(p.field);
    return i ? { field: i[2] === 'committed' ? 'committed' : 'funds', reason: `${a.funds[Number(i[1])]!.year}: ${p.reason}` } : p;
  });
}

export const unitsWriter: KindWriter<AssistingUnitImport> = {
  spec: units,
  entity: 'AssistingUnit',
  start: () => seen.clear(),
  rules: fundsProblems,
  async check(tx, rows) {
    const problems: RowProblem[] = [];
    const known = await villagesByCode(tx, rows.flatMap((r) => (r.record.assignment ? [r.record.assignment.villageCode] : [])));
    const resolved = await resolveReferences(tx, 'assisting_unit', rows.map((r) => r.record.unit));
    for (const r of rows) {
      const u = r.record;
      const text = referenceText(u.unit);
      const found = resolved.get(text)!;
      const before = seen.get(text);
      if ('problem' in found && ('id' in u.unit || !found.problem.endsWith('is not in the database'))) {
        problems.push({ row: r.row, field: r.label('unit'), reason: found.problem });
      } else if ('problem' in found && u.kind === null && !before?.kind) {
        problems.push({ row: r.row, field: r.label('kind'), reason: `is empty: unit "${text}" is not in the database yet, so its kind is needed (GOVERNMENT, ENTERPRISE or INSTITUTION)` });
      } else if (before?.kind && u.kind && before.kind !== u.kind) {
        problems.push({ row: r.row, field: r.label('kind'), reason: `${u.kind} disagrees with row ${before.row}, which gives unit "${text}" the kind ${before.kind}` });
      } else {
        seen.set(text, { id: 'found' in found ? found.found.id : null, kind: u.kind ?? before?.kind ?? null, row: before?.row ?? r.row });
      }
      if (u.assignment && !known.has(u.assignment.villageCode)) problems.push({ row: r.row, field: r.label('villageCode'), reason: notImported(u.assignment.villageCode) });
    }
    return { problems, repaired: [] };
  },
  async upsert(tx, rows, given) {
    const unitOutcome = await upsertUnits(tx, rows, given);
    const assigned = rows.filter((r) => r.record.assignment !== null);
    const outcome = await upsertByKey(
      tx,
      {
        table: 'assignment',
        key: ['unit_id', 'village_code', 'start_year'],
        columns: [
          { name: 'unit_id', type: 'int' },
          { name: 'village_code', type: 'text' },
          { name: 'start_year', type: 'int' },
          { name: 'end_year', type: 'int', field: 'endYear' },
        ],
        onUpdate: 'version = assignment.version + 1',
      },
      assigned.map(({ record: u }) => ({ ...u.assignment!, unitId: unitOutcome.ids.get(referenceText(u.unit)) })),
      given,
    );
    let fundsChanged: number[] = [];
    if (given.has('funds')) {
      const changed = await setFunds(tx, assigned.map((r, i) => ({ id: outcome.rows[i]!.id, funds: r.record.assignment!.funds })), given.has('committed'));
      fundsChanged = outcome.rows.filter((o) => !o.inserted && !o.updated && changed.has(o.id)).map((o) => o.id);
      if (fundsChanged.length) await tx.execute(`update assignment set version = version + 1 where id in (select json_array_elements_text(?::json)::int)`, [JSON.stringify(fundsChanged)]);
    }
    const alone = rows.filter((r) => r.record.assignment === null).map((r) => unitOutcome.changes.get(referenceText(r.record.unit)));
    return {
      inserted: outcome.inserted + alone.filter((c) => c === 'inserted').length,
      updated: outcome.updated + fundsChanged.length + alone.filter((c) => c === 'updated').length,
    };
  },
};

/** Inserts new units and updates changed kinds (once per unit of the batch); every unit's id and what happened to it. */
async function upsertUnits(tx: EntityManager, rows: Array<GoodRow<AssistingUnitImport>>, given: ReadonlySet<string>) {
  const byName = new Map<string, string>();
  for (const { record: u } of rows) {
    const kind = u.kind ?? seen.get(referenceText(u.unit))?.kind;
    if ('name' in u.unit && kind) byName.set(u.unit.name, kind);
  }
  const names = [...byName];
  const outcome = await upsertByKey(
    tx,
    { table: 'assisting_unit', key: ['name'], columns: [{ name: 'name', type: 'text' }, { name: 'kind', type: 'text', field: 'kind' }] },
    names.map(([name, kind]) => ({ name, kind })),
    given,
  );
  const ids = new Map<string, number>();
  const changes = new Map<string, 'inserted' | 'updated' | 'unchanged'>();
  for (const [text, s] of seen) if (s.id !== null) ids.set(text, s.id);
  names.forEach(([name], i) => {
    const o = outcome.rows[i]!;
    ids.set(name, o.id);
    changes.set(name, o.inserted ? 'inserted' : o.updated ? 'updated' : 'unchanged');
  });
  return { ids, changes };
}

/**
 * Makes each assignment's funds exactly the years given; returns the assignments whose funds changed.
 * With `committed` (the file has the column), each year's commitment becomes the file's (none where it gives none);
 * without, stored commitments stay.
 */
async function setFunds(tx: EntityManager, list: Array<{ id: number; funds: Array<{ year: number; amount: number; committed?: number }> }>, committed: boolean): Promise<Set<number>> {
  const rows = JSON.stringify(list.flatMap((a) => a.funds.map((f) => ({ id: a.id, year: f.year, amount: f.amount, committed: f.committed ?? null }))));
  const compared = committed ? ['amount', 'committed'] : ['amount'];
  const ids = JSON.stringify(list.map((a) => a.id));
  const gone = await tx.execute<Array<{ id: number }>>(
    `delete from assignment_fund f where f.assignment_id in (select json_array_elements_text(?::json)::int)
        and not exists (select 1 from json_to_recordset(?::json) as r(id int, year int) where r.id = f.assignment_id and r.year = f.year)
      returning f.assignment_id as id`,
    [ids, rows],
  );
  const set = await tx.execute<Array<{ id: number }>>(
    `insert into assignment_fund (assignment_id, year, amount, committed)
     select r.id, r.year, r.amount, r.committed from json_to_recordset(?::json) as r(id int, year int, amount numeric, committed numeric)
     on conflict (assignment_id, year) do update set ${compared.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${compared.map((c) => `assignment_fund.${c}`).join(', ')}) is distinct from (${compared.map((c) => `excluded.${c}`).join(', ')})
     returning assignment_id as id`,
    [rows],
  );
  return new Set([...gone, ...set].map((r) => Number(r.id)));
}

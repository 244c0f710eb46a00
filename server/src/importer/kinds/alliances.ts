/**
 * Alliances (联合党委), upserted by their centre village: the centre and the
 * members must be villages in the database and obey checkAlliance (the rule
 * createAlliance/updateAlliance enforce: the centre a member, at least 2
 * members, all in the centre's township or one bordering it, none in another
 * alliance), the platform company must be a PLATFORM_COMPANY. The member list
 * replaces the stored one: villages left out leave the alliance.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { alliances, referenceText, type AllianceImport, type RowProblem } from '@lingyan/data';
import { checkAlliance, checkOrganisationKind, checkYear } from '../../domain/planning.js';
import { adjacentTownships } from '../../spatial/topology.js';
import { notImported, resolveReferences, villagesByCode } from '../references.js';
import { upsertByKey } from '../upsert.js';
import { rowProblems, type KindWriter } from '../writer.js';

/** The API's field names for the alliance rule, as the record calls them. */
const RENAME = { centreCode: 'centreVillageCode', memberCodes: 'memberVillageCodes', platformCompanyId: 'platformCompany' };

/** This run's member villages, by the row that listed them: a village in two rows of one file is in two alliances. */
const claimed = new Map<string, { row: number; centre: string }>();
/** Platform companies resolved by check(), for upsert(). */
const platformIds = new Map<string, number>();

export const alliancesWriter: KindWriter<AllianceImport> = {
  spec: alliances,
  entity: 'Alliance',
  start: () => {
    claimed.clear();
    platformIds.clear();
  },
  rules: (a) => checkYear('foundedYear', a.foundedYear),
  async check(tx, rows) {
    const problems: RowProblem[] = [];
    const codes = rows.flatMap((r) => [r.record.centreVillageCode, ...r.record.memberVillageCodes]);
    const townshipOf = await villagesByCode(tx, codes);
    const memberOf = await currentAlliances(tx, codes);
    const platforms = await resolveReferences(tx, 'organisation', rows.map((r) => r.record.platformCompany));
    const adjacent = new Map<string, Set<string>>();
    for (const r of rows) {
      const a = r.record;
      const found: RowProblem[] = [];
      if (!townshipOf.has(a.centreVillageCode)) found.push({ row: r.row, field: r.label('centreVillageCode'), reason: notImported(a.centreVillageCode) });
      for (const code of a.memberVillageCodes) {
        if (code !== a.centreVillageCode && !townshipOf.has(code)) found.push({ row: r.row, field: r.label('memberVillageCodes'), reason: notImported(code) });
        const other = claimed.get(code);
        if (other && other.centre !== a.centreVillageCode) found.push({ row: r.row, field: r.label('memberVillageCodes'), reason: `village ${code} is already a member of the alliance in row ${other.row}` });
      }
      if (a.platformCompany) {
        const p = platforms.get(referenceText(a.platformCompany))!;
        if ('problem' in p) found.push({ row: r.row, field: r.label('platformCompany'), reason: p.problem });
        else {
          found.push(...rowProblems(r, checkOrganisationKind('platformCompanyId', p.found, 'PLATFORM_COMPANY'), RENAME));
          platformIds.set(referenceText(a.platformCompany), p.found.id);
        }
      }
      if (found.length === 0) {
        const home = townshipOf.get(a.centreVillageCode)!;
        if (!adjacent.has(home)) adjacent.set(home, await adjacentTownships(tx, home));
        const otherAllianceOf = new Map<string, number>();
        for (const code of a.memberVillageCodes) {
          const m = memberOf.get(code);
          if (m && m.centre !== a.centreVillageCode) otherAllianceOf.set(code, m.id);
        }
        const facts = { centreCode: a.centreVillageCode, memberCodes: a.memberVillageCodes, townshipOf, adjacentToCentre: adjacent.get(home)!, otherAllianceOf };
        found.push(...rowProblems(r, checkAlliance(facts), RENAME));
      }
      for (const code of a.memberVillageCodes) if (!claimed.has(code)) claimed.set(code, { row: r.row, centre: a.centreVillageCode });
      problems.push(...found);
    }
    return { problems, repaired: [] };
  },
  async upsert(tx, rows, given) {
    const outcome = await upsertByKey(
      tx,
      {
        table: 'alliance',
        key: ['centre_code'],
        columns: [
          { name: 'centre_code', type: 'text', value: (a) => a.centreVillageCode },
          { name: 'name', type: 'text' },
          { name: 'platform_company_id', type: 'int', field: 'platformCompany', value: (a) => (a.platformCompany ? platformIds.get(referenceText(a.platformCompany)) : null) },
          { name: 'founded_year', type: 'int' },
        ],
        onUpdate: 'version = alliance.version + 1',
      },
      rows.map((r) => r.record),
      given,
    );
    // Membership lives on the village rows; a change there is a change of the alliance.
    const members = rows.map((r, i) => ({ id: outcome.rows[i]!.id, members: r.record.memberVillageCodes }));
    const moved = await setMembers(tx, members);
    const touched = outcome.rows.filter((o) => !o.inserted && !o.updated && moved.has(o.id)).map((o) => o.id);
    if (touched.length) await tx.execute(`update alliance set version = version + 1 where id in (select json_array_elements_text(?::json)::int)`, [JSON.stringify(touched)]);
    return { inserted: outcome.inserted, updated: outcome.updated + touched.length };
  },
};

/** The alliance (id and centre) each of `codes` belongs to now. */
async function currentAlliances(tx: EntityManager, codes: string[]): Promise<Map<string, { id: number; centre: string }>> {
  const rows = await tx.execute<Array<{ code: string; id: number; centre: string }>>(
    `select v.code, a.id, a.centre_code as centre from village v join alliance a on a.id = v.alliance_id where v.code in (select json_array_elements_text(?::json))`,
    [JSON.stringify([...new Set(codes)])],
  );
  return new Map(rows.map((r) => [r.code, { id: r.id, centre: r.centre }]));
}

/** Makes each alliance's members exactly the listed villages; returns the alliances whose membership changed. */
async function setMembers(tx: EntityManager, alliancesMembers: Array<{ id: number; members: string[] }>): Promise<Set<number>> {
  const json = JSON.stringify(alliancesMembers);
  const wanted = `with r as (select * from json_to_recordset(?::json) as r(id int, members json)),
                  w as (select r.id, json_array_elements_text(r.members) as code from r)`;
  // Two statements: a village moving between two alliances of the batch leaves one before joining the other.
  const left = await tx.execute<Array<{ id: number }>>(
    `${wanted} update village v set alliance_id = null from r
      where v.alliance_id = r.id and not exists (select 1 from w where w.id = r.id and w.code = v.code) returning r.id`,
    [json],
  );
  const joined = await tx.execute<Array<{ id: number }>>(
    `${wanted} update village v set alliance_id = w.id from w where v.code = w.code and v.alliance_id is distinct from w.id returning w.id`,
    [json],
  );
  return new Set([...left, ...joined].map((r) => Number(r.id)));
}

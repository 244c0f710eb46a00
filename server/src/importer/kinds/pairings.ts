/**
 * Pairings, upserted by helper, helped village and start year: both villages
 * must be in the database, a helper enterprise must exist, and the pairing
 * must obey checkPairing (the rule createPairing enforces: a strong helper
 * village by its figures in the start year, or an enterprise for
 * ENTERPRISE_VILLAGE; no self-pairing; one open pairing per pair), judged with
 * the prefecture's thresholds as the API judges it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { pairings, referenceText, type PairingImport, type RowProblem } from '@lingyan/data';
import { Prefecture, Village } from '../../domain/entities.js';
import { checkPairing, checkPeriod, type HelperFacts } from '../../domain/planning.js';
import { verdictOf } from '../../domain/planning/pairing-analysis.service.js';
import type { Thresholds } from '../../domain/rules.js';
import { notImported, resolveReferences, villagesByCode } from '../references.js';
import { upsertByKey } from '../upsert.js';
import { rowProblems, type GoodRow, type KindWriter } from '../writer.js';

const RENAME = { helperOrganisationId: 'helperOrganisation' };

/** Open pairings of this run by helper and helped village: a second one in the file is a duplicate. */
const openPairs = new Set<string>();
/** Helper enterprises resolved by check(), for upsert(). */
const organisationIds = new Map<string, number>();

const helperText = (p: PairingImport) => p.helperVillageCode ?? referenceText(p.helperOrganisation!);

export const pairingsWriter: KindWriter<PairingImport> = {
  spec: pairings,
  entity: 'Pairing',
  start: () => {
    openPairs.clear();
    organisationIds.clear();
  },
  rules: (p) => checkPeriod('startYear', p.startYear, 'endYear', p.endYear),
  async check(tx, rows) {
    const problems: RowProblem[] = [];
    const known = await villagesByCode(tx, rows.flatMap((r) => [r.record.helpedVillageCode, r.record.helperVillageCode ?? '']));
    const organisations = await resolveReferences(tx, 'organisation', rows.map((r) => r.record.helperOrganisation));
    const villages = new Map((await tx.find(Village, { code: { $in: [...known.keys()] } })).map((v) => [v.code, v]));
    const thresholds = new Map<string, Thresholds>();
    for (const r of rows) {
      const p = r.record;
      const found: RowProblem[] = [];
      for (const field of ['helperVillageCode', 'helpedVillageCode'] as const) {
        const code = p[field];
        if (code !== null && !known.has(code)) found.push({ row: r.row, field: r.label(field), reason: notImported(code) });
      }
      let helper: HelperFacts | null = null;
      if (p.helperOrganisation) {
        const o = organisations.get(referenceText(p.helperOrganisation))!;
        if ('problem' in o) found.push({ row: r.row, field: r.label('helperOrganisation'), reason: o.problem });
        else {
          helper = { kind: 'organisation', id: o.found.id, organisationKind: o.found.kind };
          organisationIds.set(referenceText(p.helperOrganisation), o.found.id);
        }
      } else if (found.length === 0) {
        const t = await thresholdsOf(tx, p.helpedVillageCode, thresholds);
        helper = { kind: 'village', code: p.helperVillageCode!, year: p.startYear, verdict: await verdictOf(tx, villages.get(p.helperVillageCode!)!, p.startYear, t) };
      }
      if (found.length === 0 && helper) {
        const pair = `${helperText(p)} → ${p.helpedVillageCode}`;
        const duplicate = p.endYear === null && (openPairs.has(pair) || (await otherOpenPairing(tx, r, helper)));
        found.push(...rowProblems(r, checkPairing(p.kind, helper, p.helpedVillageCode, duplicate), RENAME));
        if (p.endYear === null && found.length === 0) openPairs.add(pair);
      }
      problems.push(...found);
    }
    return { problems, repaired: [] };
  },
  async upsert(tx, rows, given) {
    return upsertByKey(
      tx,
      {
        table: 'pairing',
        key: ['helper_village_code', 'helper_organisation_id', 'helped_village_code', 'start_year'],
        columns: [
          { name: 'helper_village_code', type: 'text' },
          { name: 'helper_organisation_id', type: 'int', value: (p) => (p.helperOrganisation ? organisationIds.get(referenceText(p.helperOrganisation)) : null) },
          { name: 'helped_village_code', type: 'text' },
          { name: 'start_year', type: 'int' },
          { name: 'kind', type: 'text', field: 'kind' },
          { name: 'end_year', type: 'int', field: 'endYear' },
        ],
        onUpdate: 'version = pairing.version + 1',
      },
      rows.map((r) => r.record),
      given,
    );
  },
};

/** The thresholds of the prefecture a village's code names, as the API judges strength. */
async function thresholdsOf(tx: EntityManager, villageCode: string, cache: Map<string, Thresholds>): Promise<Thresholds> {
  const code = villageCode.slice(0, 4).padEnd(12, '0');
  if (!cache.has(code)) cache.set(code, (await tx.findOneOrFail(Prefecture, { code })).getThresholds());
  return cache.get(code)!;
}

/** Whether the database holds another open pairing of the same helper and village (not this row's own pairing). */
async function otherOpenPairing(tx: EntityManager, r: GoodRow<PairingImport>, helper: HelperFacts): Promise<boolean> {
  const [row] = await tx.execute<Array<{ n: number }>>(
    `select count(*)::int as n from pairing where end_year is null and helped_village_code = ? and start_year <> ?
        and ${helper.kind === 'village' ? 'helper_village_code' : 'helper_organisation_id'} = ?`,
    [r.record.helpedVillageCode, r.record.startYear, helper.kind === 'village' ? helper.code : helper.id],
  );
  return row!.n > 0;
}


/**
 * Causes of poverty (致贫原因), a WIDE sheet: the village must exist, and the
 * village-year's counts (the file's causes, with the stored ones of causes
 * the file has no column for) obey causeCountsProblem, the rule the API's
 * setVillagePovertyCauses enforces, against the poor households stored for
 * that year. A count of 0 removes the cause's row; only rows whose count
 * differs are written, so re-importing a file changes nothing.
 */
import { POVERTY_CAUSES, causes, type CausesImport, type RowProblem } from '@lingyan/data';
import type { EntityManager } from '@mikro-orm/postgresql';
import { causeCountsProblem, causeTotal, poorBelowCausesProblem, type CauseCounts, type PovertyCause } from '../../domain/causes/poverty-cause.js';
import { recordedCauseTotals } from '../../spatial/poverty-causes.js';
import { notImported } from '../references.js';
import type { GoodRow, KindWriter } from '../writer.js';

const key = (code: string, year: number) => `${code}/${year}`;
type Keys = Array<{ village_code: string; year: number }>;

interface Stored {
  name: string;
  /** null when the village has no figures that year */
  poorHouseholds: number | null;
}

/** Each village-year's village name and poor households (villages not in the database are missing). */
async function villageYears(tx: EntityManager, keys: Keys): Promise<Map<string, Stored>> {
  const rows = await tx.execute<Array<{ code: string; year: number; name: string; poor: number | null }>>(
    `select v.code, k.year, v.name, vy.poor_households as poor
       from jsonb_to_recordset(?::jsonb) as k(village_code text, year int)
       join village v on v.code = k.village_code
       left join village_year vy on vy.village_code = k.village_code and vy.year = k.year`,
    [JSON.stringify(keys)],
  );
  return new Map(rows.map((r) => [key(r.code, Number(r.year)), { name: r.name, poorHouseholds: r.poor === null ? null : Number(r.poor) }]));
}

/** The stored counts of each village-year. */
async function storedCounts(tx: EntityManager, keys: Keys): Promise<Map<string, CauseCounts>> {
  const rows = await tx.execute<Array<{ village_code: string; year: number; cause: PovertyCause; households: number }>>(
    `select c.village_code, c.year, c.cause, c.households from village_poverty_cause c
       join jsonb_to_recordset(?::jsonb) as k(village_code text, year int) on k.village_code = c.village_code and k.year = c.year`,
    [JSON.stringify(keys)],
  );
  const out = new Map<string, CauseCounts>();
  for (const r of rows) {
    const k = key(r.village_code, Number(r.year));
    out.set(k, { ...out.get(k), [r.cause]: Number(r.households) });
  }
  return out;
}

const keysOf = (rows: Array<GoodRow<CausesImport>>): Keys => rows.map((r) => ({ village_code: r.record.villageCode, year: r.record.year }));

/** How a report names the cause columns of a row, for a problem of their total. */
function causeColumns(r: GoodRow<CausesImport>): string {
  const given = POVERTY_CAUSES.filter((c) => r.record.counts[c] !== undefined).map((c) => r.label(c));
  return given.length > 1 ? `${given[0]}…${given[given.length - 1]}` : (given[0] ?? 'causes');
}

export const causesWriter: KindWriter<CausesImport> = {
  spec: causes,
  entity: 'VillagePovertyCause',
  rules: () => [],
  async check(tx, rows) {
    const keys = keysOf(rows);
    const [known, stored] = await Promise.all([villageYears(tx, keys), storedCounts(tx, keys)]);
    const problems: RowProblem[] = [];
    for (const r of rows) {
      const { villageCode, year, counts } = r.record;
      const v = known.get(key(villageCode, year));
      if (!v) {
        problems.push({ row: r.row, field: r.label('villageCode'), reason: notImported(villageCode) });
        continue;
      }
      const merged = { ...stored.get(key(villageCode, year)), ...counts };
      const problem = causeCountsProblem({ villageCode, villageName: v.name, year, poorHouseholds: v.poorHouseholds }, merged);
      // The total may hold stored causes the sheet has no column for: say how many, or the sheet's own sum would not explain it.
      const kept = causeTotal(merged) - causeTotal(counts);
      if (problem) problems.push({ row: r.row, field: causeColumns(r), reason: kept > 0 ? `${problem}（其中本表未列的原因已录入 ${kept} 户）` : problem });
    }
    return { problems, repaired: [] };
  },
  async upsert(tx, rows) {
    if (rows.length === 0) return { inserted: 0, updated: 0 };
    const before = await storedCounts(tx, keysOf(rows));
    const cells = rows.flatMap((r) =>
      Object.entries(r.record.counts).map(([cause, households]) => ({ village_code: r.record.villageCode, year: r.record.year, cause, households })),
    );
    const json = JSON.stringify(cells);
    const removed = await tx.execute<Keys>(
      `delete from village_poverty_cause c using jsonb_to_recordset(?::jsonb) as r(village_code text, year int, cause text, households int)
        where c.village_code = r.village_code and c.year = r.year and c.cause = r.cause and r.households = 0
        returning c.village_code, c.year`,
      [json],
    );
    const written = await tx.execute<Keys>(
      `insert into village_poverty_cause (village_code, year, cause, households)
       select r.village_code, r.year, r.cause, r.households from jsonb_to_recordset(?::jsonb) as r(village_code text, year int, cause text, households int)
        where r.households > 0
       on conflict (village_code, year, cause) do update set households = excluded.households
        where village_poverty_cause.households <> excluded.households
       returning village_code, year`,
      [json],
    );
    // A village-year counts once: inserted when it had no rows, updated when a row of it changed.
    const changed = new Set([...removed, ...written].map((r) => key(r.village_code, Number(r.year))));
    let inserted = 0;
    let updated = 0;
    for (const k of changed) {
      if (before.has(k)) updated++;
      else inserted++;
    }
    return { inserted, updated };
  },
};

/**
 * For the figures kind: rows whose poor households fall below the households
 * already recorded by cause that year (the rule seen from the figures, as the
 * API's upsertVillageYear checks it).
 */
export async function figuresBelowCauses(tx: EntityManager, rows: ReadonlyArray<GoodRow<{ villageCode: string; year: number; poorHouseholds: number }>>): Promise<RowProblem[]> {
  const recorded = await recordedCauseTotals(tx, rows.map((r) => ({ villageCode: r.record.villageCode, year: r.record.year })));
  const over = rows.filter((r) => (recorded.get(key(r.record.villageCode, r.record.year)) ?? 0) > r.record.poorHouseholds);
  if (over.length === 0) return [];
  const names = await villageYears(tx, over.map((r) => ({ village_code: r.record.villageCode, year: r.record.year })));
  return over.map((r) => {
    const { villageCode, year, poorHouseholds } = r.record;
    const villageName = names.get(key(villageCode, year))?.name ?? villageCode;
    return { row: r.row, field: r.label('poorHouseholds'), reason: poorBelowCausesProblem({ villageCode, villageName, year, poorHouseholds }, recorded.get(key(villageCode, year))!)! };
  });
}

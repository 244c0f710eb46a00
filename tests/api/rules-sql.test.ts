/**
 * The database's version of the rules (spatial/rules-sql.ts, used to filter
 * and count) must agree with the one implementation in domain/rules.ts on
 * every village-year of the demo region, for default and changed thresholds.
 */
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, classifyStrength, povertyIncidence, povertyStatus, type Thresholds } from '../../server/src/domain/rules.js';
import { incidenceSql, statusSql, strengthSql } from '../../server/src/spatial/rules-sql.js';
import { query, raw, sql } from '../../server/src/spatial/sql.js';
import { testOrm } from '../support/db.js';

let orm: MikroORM;
beforeAll(async () => {
  orm = await testOrm();
});
afterAll(async () => {
  await orm?.close();
});

interface Row {
  code: string;
  year: number;
  is_poor_village: boolean;
  exited_year: number | null;
  collective_income: string;
  soft_lax: boolean;
  branch_rating: 'ADVANCED' | 'MIDDLE' | 'LAGGING';
  poor_population: number;
  rural_population: number;
  status: string;
  strength: string;
  incidence: number | null;
}

async function rows(t: Thresholds): Promise<Row[]> {
  const year = raw('vy.year');
  return query<Row>(
    orm.em.fork() as EntityManager,
    sql`select v.code, vy.year, v.is_poor_village, v.exited_year, vy.collective_income, vy.soft_lax, vy.branch_rating, vy.poor_population, vy.rural_population,
               ${statusSql('v', year)} as status, ${strengthSql('v', 'vy', year, t)} as strength, ${incidenceSql('vy')} as incidence
          from village v join village_year vy on vy.village_code = v.code`,
  );
}

describe('rules in SQL', () => {
  it.each([
    ['default thresholds', DEFAULT_THRESHOLDS],
    ['stricter thresholds', { ...DEFAULT_THRESHOLDS, weakIncomeBelow: 8, targetIncome: 20 }],
  ])('agree with domain/rules.ts on every village-year (%s)', async (_label, t) => {
    const all = await rows(t);
    expect(all.length).toBeGreaterThan(8000);
    const seen = new Set<string>();
    for (const r of all) {
      const status = povertyStatus({ isPoorVillage: r.is_poor_village, exitedYear: r.exited_year }, r.year);
      const verdict = classifyStrength({ collectiveIncome: Number(r.collective_income), softLax: r.soft_lax, branchRating: r.branch_rating, status }, t)!;
      expect(r.status, `${r.code}/${r.year}`).toBe(status);
      expect(r.strength, `${r.code}/${r.year}`).toBe(verdict.strength);
      const incidence = povertyIncidence(r.poor_population, r.rural_population);
      if (incidence === null) expect(r.incidence).toBeNull();
      else expect(r.incidence).toBeCloseTo(incidence, 9);
      seen.add(`${status}/${verdict.strength}`);
    }
    // the data exercises every combination that can occur
    expect([...seen].sort()).toEqual(expect.arrayContaining(['EXITED/STRONG', 'NEVER_POOR/MIDDLE', 'NEVER_POOR/STRONG', 'NEVER_POOR/WEAK', 'POOR/WEAK']));
  });
});

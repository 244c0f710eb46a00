/**
 * Causes of poverty (致贫原因) of the demo region: every village-year with
 * poor households has them counted by main cause, adding up exactly to its
 * poor households. The mix tells the region's story:
 * - illness and disability (因病 / 因残) everywhere, and a growing share of
 *   the poor who are left as poverty falls (the hardest cases exit last);
 * - the dry pastoral banners' gachas: disaster (因灾: drought, white
 *   disaster) and lack of water (缺水), remote pastures (交通条件落后);
 * - farming villages: lack of land and skills (缺土地 / 缺技术);
 * - lack of drive (自身发展动力不足) rising as poverty falls: those still poor
 *   late are more often those the speech says need 扶志;
 * - lack of skills and funds falling as industries and credit arrive.
 * Each village keeps its own leaning from year to year (drawn once), so a
 * village's mix changes slowly. Deterministic: its own stream.
 */
import type { CountyRecord, PovertyCause, PovertyCauseRecord, VillageRecord, VillageYearRecord } from '../records.js';
import { POVERTY_CAUSES } from '../records.js';
import type { Rng } from './rng.js';

/** The region's average mix, in the registration form's order (national 2015 proportions, roughly). */
const BASE: Record<PovertyCause, number> = {
  ILLNESS: 0.3,
  DISABILITY: 0.1,
  SCHOOLING: 0.07,
  DISASTER: 0.04,
  LACK_OF_LAND: 0.05,
  LACK_OF_WATER: 0.03,
  LACK_OF_SKILLS: 0.12,
  LACK_OF_LABOUR: 0.1,
  LACK_OF_FUNDS: 0.1,
  POOR_TRANSPORT: 0.03,
  LACK_OF_DRIVE: 0.06,
};

/** How a dry pastoral gacha leans, against the average. */
const PASTORAL: Partial<Record<PovertyCause, number>> = { DISASTER: 3.2, LACK_OF_WATER: 3.6, POOR_TRANSPORT: 2.2, LACK_OF_LAND: 0.3, SCHOOLING: 1.2 };
/** How a farming village leans. */
const FARMING: Partial<Record<PovertyCause, number>> = { LACK_OF_LAND: 1.7, LACK_OF_SKILLS: 1.2, LACK_OF_WATER: 0.7 };

/** The weights of a village-year; `left` is the share of the village's first-year poor households still poor (1 → 0). */
function weights(leaning: Record<PovertyCause, number>, left: number): Record<PovertyCause, number> {
  const fallen = 1 - Math.min(1, left);
  const w = { ...leaning };
  w.ILLNESS *= 1 + 0.8 * fallen;
  w.DISABILITY *= 1 + 0.9 * fallen;
  w.LACK_OF_DRIVE *= 1 + 3 * fallen;
  w.LACK_OF_SKILLS *= 1 - 0.6 * fallen;
  w.LACK_OF_FUNDS *= 1 - 0.7 * fallen;
  return w;
}

/** Each of `total` households given a main cause drawn by the weights (small villages vary as real ones do). */
function draw(total: number, w: Record<PovertyCause, number>, rng: Rng): Record<PovertyCause, number> {
  const out = Object.fromEntries(POVERTY_CAUSES.map((c) => [c, 0])) as Record<PovertyCause, number>;
  const items = POVERTY_CAUSES.map((c) => [c, w[c]] as const);
  for (let i = 0; i < total; i++) out[rng.weighted(items)] += 1;
  return out;
}

export function generatePovertyCauses(counties: readonly CountyRecord[], villages: readonly VillageRecord[], villageYears: readonly VillageYearRecord[], rng: Rng): PovertyCauseRecord[] {
  const banner = new Set(counties.filter((c) => c.kind === 'BANNER').map((c) => c.code.slice(0, 6)));
  const leaning = new Map<string, Record<PovertyCause, number>>();
  for (const v of villages) {
    const kind = v.kind === 'GACHA' && banner.has(v.code.slice(0, 6)) ? PASTORAL : v.kind === 'VILLAGE' ? FARMING : {};
    leaning.set(v.code, Object.fromEntries(POVERTY_CAUSES.map((c) => [c, BASE[c] * (kind[c] ?? 1) * Math.exp(rng.normal(0, 0.35))])) as Record<PovertyCause, number>);
  }
  const first = new Map<string, number>();
  const records: PovertyCauseRecord[] = [];
  const years = [...villageYears].sort((a, b) => (a.villageCode < b.villageCode ? -1 : a.villageCode > b.villageCode ? 1 : a.year - b.year));
  for (const y of years) {
    if (y.poorHouseholds <= 0) continue;
    if (!first.has(y.villageCode)) first.set(y.villageCode, y.poorHouseholds);
    const lean = leaning.get(y.villageCode);
    if (!lean) throw new Error(`figures of ${y.villageCode} in ${y.year}: no such village`);
    const w = weights(lean, y.poorHouseholds / first.get(y.villageCode)!);
    const counts = draw(y.poorHouseholds, w, rng);
    for (const cause of POVERTY_CAUSES) {
      if (counts[cause] > 0) records.push({ villageCode: y.villageCode, year: y.year, cause, households: counts[cause] });
    }
  }
  return records;
}

/**
 * Alliances (联合党委): a strong central village with the villages around it,
 * in its own township or an adjacent one, each village in at most one
 * alliance; most run a platform company ("联合党委+平台公司+合作社+农户").
 */
import type { AllianceRecord } from '../records.js';
import type { Context, OrganisationRegistry } from './context.js';
import type { Rng } from './rng.js';

const TARGET_ALLIANCES = 25;
const CENTRE_SPACING_KM = 22;
const MEMBER_REACH_KM = 20;

export function generateAlliances(ctx: Context, orgs: OrganisationRegistry, rng: Rng): AllianceRecord[] {
  const r = rng.fork('alliances');
  const villages = ctx.places.villages;
  const townships = ctx.places.townships;
  const founded = villages.map(() => r.int(2018, 2021));
  const candidates = r
    .shuffle(villages.map((_, i) => i))
    .filter((i) => ctx.figure(i, founded[i] as number).collectiveIncome >= ctx.thresholds.targetIncome)
    .filter((i) => ctx.figure(i, founded[i] as number).branchRating !== 'LAGGING');

  const member = new Set<number>();
  const centres: number[] = [];
  const alliances: AllianceRecord[] = [];
  for (const c of candidates) {
    if (alliances.length >= TARGET_ALLIANCES) break;
    if (member.has(c) || centres.some((o) => ctx.distance(o, c) < CENTRE_SPACING_KM)) continue;
    const home = villages[c]!.township;
    // same or adjacent township, and (as is usual) within the same county
    const reachable = new Set([home, ...townships[home]!.neighbours.filter((t) => townships[t]!.county === townships[home]!.county)]);
    const nearby = villages
      .map((_, i) => i)
      .filter((i) => i !== c && !member.has(i) && reachable.has(villages[i]!.township))
      .filter((i) => ctx.distance(c, i) <= MEMBER_REACH_KM)
      .sort((a, b) => ctx.distance(c, a) - ctx.distance(c, b));
    const size = r.weighted([[3, 3], [4, 4], [5, 4], [6, 3], [7, 2], [8, 1]]);
    const chosen = nearby.slice(0, size - 1);
    if (chosen.length < 1) continue;
    const year = founded[c] as number;
    const members = [c, ...chosen].sort((a, b) => (villages[a]!.record.code < villages[b]!.record.code ? -1 : 1));
    for (const m of members) member.add(m);
    centres.push(c);

    let platformCompanyId: number | null = null;
    if (r.chance(0.65)) {
      const households = members.reduce((s, m) => s + ctx.figure(m, year).households, 0);
      const poor = members.reduce((s, m) => s + ctx.figure(m, year).poorHouseholds, 0);
      const memberHouseholds = Math.round(households * r.range(0.3, 0.8));
      platformCompanyId = orgs.add({
        name: `${villages[c]!.record.name}联村发展有限公司`,
        kind: 'PLATFORM_COMPANY',
        villageCode: villages[c]!.record.code,
        ledByBranch: false,
        foundedYear: year,
        memberHouseholds,
        poorMemberHouseholds: Math.min(memberHouseholds, Math.round(poor * r.range(0.5, 1))),
      });
    }
    alliances.push({
      id: alliances.length + 1,
      name: `${villages[c]!.record.name}联合党委`,
      centreVillageCode: villages[c]!.record.code,
      memberVillageCodes: members.map((m) => villages[m]!.record.code),
      platformCompanyId,
      foundedYear: year,
    });
  }
  return alliances;
}

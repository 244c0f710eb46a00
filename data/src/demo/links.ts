/**
 * Pairings: 强村带弱村 (a village strong by rule helps one weak by rule, both
 * judged in the start year), 中心村辐射周边村 (an alliance centre reaches the
 * villages around it, starting in a year the centre is strong by rule) and
 * 村企联建 (an enterprise helps a village). Every pairing obeys the rule the API
 * and the importer enforce (checkPairing: a village helper is strong in the
 * start year). Helpers are mostly within 30 km, a few farther; many weak
 * villages are left without a helper, so coverage gaps show on the map.
 * Each kind draws from its own stream, so changing one does not reshuffle the
 * others.
 */
import type { AllianceRecord, PairingRecord } from '../records.js';
import type { Context } from './context.js';
import type { OrganisationIndex } from './organisations.js';
import type { Rng } from './rng.js';

const STRONG_HELPS_WEAK = 70;
const CENTRE_RADIATES = 30;
const ENTERPRISE_VILLAGE = 20;
const NEAR_KM = 30;
const FAR_KM = 65;
const MAX_HELPED_PER_HELPER = 3;

export function generatePairings(
  ctx: Context,
  orgs: OrganisationIndex,
  alliances: AllianceRecord[],
  rng: Rng,
): PairingRecord[] {
  const r = rng.fork('pairings');
  const pairings: PairingRecord[] = [];
  const index = new Map(ctx.places.villages.map((v, i) => [v.record.code, i] as const));
  const used = new Set<string>();
  const load = new Map<string, number>();
  const ending = (start: number, s: Rng = r): number | null => (s.chance(0.22) && start <= 2023 ? s.int(start, 2024) : null);
  const add = (p: Omit<PairingRecord, 'id'>): PairingRecord => {
    const helper = p.helperVillageCode ?? `org:${p.helperOrganisationId}`;
    used.add(`${helper}>${p.helpedVillageCode}`);
    load.set(helper, (load.get(helper) ?? 0) + 1);
    const record = { ...p, id: pairings.length + 1 };
    pairings.push(record);
    return record;
  };
  const taken = (helper: string, helped: string): boolean => used.has(`${helper}>${helped}`);

  // 强村带弱村
  for (let attempt = 0; attempt < 5000 && pairings.length < STRONG_HELPS_WEAK; attempt++) {
    const year = r.int(2017, 2024);
    const helped = r.int(0, ctx.villageCount - 1);
    if (!ctx.weak(helped, year)) continue;
    const reach = r.chance(0.08) ? FAR_KM : NEAR_KM;
    const helpedCode = ctx.places.villages[helped]!.record.code;
    const helpers = ctx.places.villages
      .map((_, i) => i)
      .filter((i) => i !== helped && ctx.distance(i, helped) <= reach && (reach === NEAR_KM || ctx.distance(i, helped) > NEAR_KM))
      .filter((i) => ctx.strong(i, year))
      .filter((i) => {
        const code = ctx.places.villages[i]!.record.code;
        return !taken(code, helpedCode) && (load.get(code) ?? 0) < MAX_HELPED_PER_HELPER;
      })
      .sort((a, b) => ctx.distance(a, helped) - ctx.distance(b, helped));
    if (helpers.length === 0) continue;
    const helper = helpers[Math.min(helpers.length - 1, r.int(0, 2))] as number;
    const first = add({
      kind: 'STRONG_HELPS_WEAK',
      helperVillageCode: ctx.places.villages[helper]!.record.code,
      helperOrganisationId: null,
      helpedVillageCode: helpedCode,
      startYear: year,
      endYear: ending(year),
    });
    // now and then an ended pairing is taken up again by the same two villages
    const again = first.endYear === null ? null : first.endYear + 1;
    if (again !== null && again <= 2025 && r.chance(0.3) && ctx.weak(helped, again) && ctx.strong(helper, again)) {
      add({ ...first, startYear: again, endYear: null });
    }
  }

  // 中心村辐射周边村: from each alliance centre to some members and neighbours,
  // starting in a year the centre is strong (soon after the founding when it
  // is strong then, else later); a centre never strong by rule radiates nothing
  const rc = rng.fork('pairings:centre');
  const radiating = rc.shuffle(alliances);
  const strongYears = (centre: number, founded: number): number[] => {
    const years: number[] = [];
    for (let y = founded; y <= 2025; y++) if (ctx.strong(centre, y)) years.push(y);
    return years;
  };
  for (let round = 0; round < 4 && pairings.filter((p) => p.kind === 'CENTRE_RADIATES').length < CENTRE_RADIATES; round++) {
    for (const alliance of radiating) {
      if (pairings.filter((p) => p.kind === 'CENTRE_RADIATES').length >= CENTRE_RADIATES) break;
      const centre = index.get(alliance.centreVillageCode) as number;
      const years = strongYears(centre, alliance.foundedYear);
      if (years.length === 0) continue;
      const options = ctx.places.villages
        .map((_, i) => i)
        .filter((i) => i !== centre && ctx.distance(centre, i) <= 15)
        .filter((i) => !taken(alliance.centreVillageCode, ctx.places.villages[i]!.record.code));
      if (options.length === 0) continue;
      const helped = rc.pick(options);
      const soon = years.filter((y) => y <= alliance.foundedYear + 3);
      const year = rc.pick(soon.length > 0 ? soon : years);
      add({
        kind: 'CENTRE_RADIATES',
        helperVillageCode: alliance.centreVillageCode,
        helperOrganisationId: null,
        helpedVillageCode: ctx.places.villages[helped]!.record.code,
        startYear: year,
        endYear: ending(year, rc),
      });
    }
  }

  // 村企联建: enterprises near their home village, or anywhere when based in the seat
  const re = rng.fork('pairings:enterprise');
  for (let attempt = 0; attempt < 2000 && pairings.filter((p) => p.kind === 'ENTERPRISE_VILLAGE').length < ENTERPRISE_VILLAGE; attempt++) {
    const enterprise = re.pick(orgs.enterprises);
    const helped = re.int(0, ctx.villageCount - 1);
    const helpedCode = ctx.places.villages[helped]!.record.code;
    if (enterprise.village !== null && ctx.distance(enterprise.village, helped) > NEAR_KM) continue;
    if (enterprise.village === helped || taken(`org:${enterprise.id}`, helpedCode)) continue;
    const year = re.int(2017, 2023);
    add({
      kind: 'ENTERPRISE_VILLAGE',
      helperVillageCode: null,
      helperOrganisationId: enterprise.id,
      helpedVillageCode: helpedCode,
      startYear: year,
      endYear: ending(year, re),
    });
  }
  return pairings;
}

/**
 * Industry projects (产业项目): vegetables, potatoes and fungi in the farming
 * south, livestock, dairy and tourism in the pastoral north, e-commerce and
 * photovoltaics here and there. Each lies near its village inside the
 * village's township; investment is split into five sources that add up
 * exactly (worked out in whole 0.01 万元).
 */
import type { AllianceRecord, IndustryProjectRecord, IndustryType } from '../records.js';
import type { Context } from './context.js';
import type { OrganisationIndex } from './organisations.js';
import { tradesFor } from './organisations.js';
import { POINT_DECIMALS, toLonLat, type Xy } from './projection.js';
import { strictlyInside } from './places.js';
import type { Rng } from './rng.js';

const TARGET_PROJECTS = 150;

const PROJECT_LABEL: Record<IndustryType, string[]> = {
  VEGETABLES: ['设施蔬菜大棚', '冷棚蔬菜基地', '错季蔬菜种植基地'],
  POTATOES: ['马铃薯种薯繁育基地', '马铃薯储窖', '马铃薯标准化种植基地'],
  EDIBLE_FUNGI: ['食用菌种植大棚', '香菇菌棒生产车间'],
  RURAL_TOURISM: ['牧家游接待点', '乡村旅游民宿', '草原文化旅游营地'],
  E_COMMERCE: ['电商服务站', '农畜产品网货中心'],
  LIVESTOCK: ['肉牛育肥场', '肉羊标准化养殖园区', '饲草料储备库', '良种繁育场'],
  DAIRY: ['奶食品加工作坊', '奶牛托养中心'],
  PROCESSING: ['杂粮加工厂', '农畜产品加工车间', '冷链仓储中心'],
  PHOTOVOLTAIC: ['村级光伏扶贫电站', '光伏大棚'],
};

/** Splits `totalCents` by weights into integers that add up exactly. */
export function splitCents(totalCents: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w) => Math.floor((totalCents * w) / sum));
  let rest = totalCents - parts.reduce((s, p) => s + p, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length) {
    if ((weights[i] as number) > 0) {
      parts[i] = (parts[i] as number) + 1;
      rest--;
    }
  }
  return parts;
}

export function generateProjects(
  ctx: Context,
  orgs: OrganisationIndex,
  alliances: AllianceRecord[],
  rng: Rng,
): IndustryProjectRecord[] {
  const r = rng.fork('projects');
  const villages = ctx.places.villages;
  const allianceOf = new Map<string, AllianceRecord>();
  for (const a of alliances) for (const code of a.memberVillageCodes) allianceOf.set(code, a);
  const weights = villages.map((v, i): readonly [number, number] => [
    i,
    (v.record.isPoorVillage ? 3 : 1) + (allianceOf.has(v.record.code) ? 2 : 0) + (orgs.cooperatives.has(i) ? 1 : 0),
  ]);

  const projects: IndustryProjectRecord[] = [];
  // A project is known by its village and name (the importer's key): a second one of the same name is phase 2 (二期).
  const names = new Set<string>();
  const uniqueName = (base: string): string => {
    let name = base;
    for (let phase = 2; names.has(name); phase++) name = `${base}（${PHASES[phase] ?? phase}期）`;
    names.add(name);
    return name;
  };
  while (projects.length < TARGET_PROJECTS) {
    const i = r.weighted(weights);
    const v = villages[i]!;
    const coops = orgs.cooperatives.get(i) ?? [];
    const alliance = allianceOf.get(v.record.code);
    const type = coops.length > 0 && r.chance(0.6) ? r.pick(coops).trade.type : r.pick(tradesFor(ctx, i)).type;
    const matching = orgs.enterprises.filter((e) => e.type === type);
    const operatorId = r.weighted<number | null>([
      [coops.length > 0 ? r.pick(coops).id : null, coops.length > 0 ? 55 : 0],
      [alliance?.platformCompanyId ?? null, alliance?.platformCompanyId ? 25 : 0],
      [matching.length > 0 ? r.pick(matching).id : null, matching.length > 0 ? 15 : 0],
      [null, 10],
    ]);
    const byEnterprise = operatorId !== null && orgs.enterprises.some((e) => e.id === operatorId);
    const startYear = r.int(2016, 2024);
    const endYear = r.chance(0.12) && startYear <= 2021 ? r.int(startYear + 2, 2025) : null;

    const totalCents = Math.round(Math.exp(r.normal(Math.log(180), 0.8)) * 100);
    const split = splitCents(totalCents, [
      r.range(0.3, 0.6), // fiscal (财政专项扶贫资金)
      r.range(0.05, 0.25), // assisting units (帮扶资金)
      r.chance(0.6) ? r.range(0.02, 0.15) : 0, // village collective
      byEnterprise ? r.range(0.2, 0.5) : r.chance(0.3) ? r.range(0.02, 0.1) : 0, // enterprise
      r.chance(0.4) ? r.range(0.01, 0.1) : 0, // other (credit, donations)
    ]);
    const households = ctx.figure(i, startYear).households;
    const beneficiaryHouseholds = r.int(Math.min(10, households), households);
    const beneficiaryPoorHouseholds = Math.min(beneficiaryHouseholds, r.int(0, ctx.maxPoorHouseholds(i)));

    projects.push({
      id: projects.length + 1,
      name: uniqueName(`${v.record.name}${r.pick(PROJECT_LABEL[type])}`),
      type,
      villageCode: v.record.code,
      operatorId,
      location: { type: 'Point', coordinates: nearVillage(ctx, i, r) },
      startYear,
      endYear,
      investmentTotal: totalCents / 100,
      investmentFiscal: (split[0] as number) / 100,
      investmentAssisting: (split[1] as number) / 100,
      investmentCollective: (split[2] as number) / 100,
      investmentEnterprise: (split[3] as number) / 100,
      investmentOther: (split[4] as number) / 100,
      beneficiaryHouseholds,
      beneficiaryPoorHouseholds,
    });
  }
  return projects;
}

const PHASES: Record<number, string> = { 2: '二', 3: '三', 4: '四', 5: '五' };

/** A point 0.3–2.5 km from the village, strictly inside its township. */
function nearVillage(ctx: Context, village: number, r: Rng): number[] {
  const v = ctx.places.villages[village]!;
  const township = ctx.places.townships[v.township]!.record.boundary;
  for (let attempt = 0; attempt < 50; attempt++) {
    const angle = r.range(0, 2 * Math.PI);
    const dist = r.range(0.3, 2.5);
    const xy: Xy = [v.xy[0] + dist * Math.cos(angle), v.xy[1] + dist * Math.sin(angle)];
    const point = toLonLat(xy, POINT_DECIMALS);
    if (strictlyInside(point, township)) return point;
  }
  return v.record.location.coordinates.slice();
}

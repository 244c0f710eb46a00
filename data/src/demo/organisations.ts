/**
 * Cooperatives (some led by the village party branch, 党支部领办) and
 * enterprises. Platform companies are made with the alliances they serve.
 */
import type { IndustryType } from '../records.js';
import type { Context, OrganisationRegistry } from './context.js';
import type { Rng } from './rng.js';

/** What a cooperative or enterprise works in, with the project type it runs. */
export interface Trade {
  label: string;
  type: IndustryType;
}

const FARMING_TRADES: Trade[] = [
  { label: '蔬菜种植', type: 'VEGETABLES' },
  { label: '马铃薯种植', type: 'POTATOES' },
  { label: '食用菌', type: 'EDIBLE_FUNGI' },
  { label: '肉羊养殖', type: 'LIVESTOCK' },
  { label: '杂粮加工', type: 'PROCESSING' },
  { label: '光伏', type: 'PHOTOVOLTAIC' },
];
const HERDING_TRADES: Trade[] = [
  { label: '肉牛养殖', type: 'LIVESTOCK' },
  { label: '肉羊养殖', type: 'LIVESTOCK' },
  { label: '奶食品', type: 'DAIRY' },
  { label: '牧家游', type: 'RURAL_TOURISM' },
  { label: '饲草料', type: 'LIVESTOCK' },
  { label: '电子商务', type: 'E_COMMERCE' },
];
const MODIFIERS = ['', '', '富民', '兴农', '振兴', '惠民', '丰收', '鑫源', '绿源', '牧兴'];

export const ENTERPRISES: ReadonlyArray<readonly [string, IndustryType]> = [
  ['查干高勒草原肉业有限公司', 'LIVESTOCK'],
  ['绿源薯业有限公司', 'POTATOES'],
  ['塞北鲜蔬供应链有限公司', 'VEGETABLES'],
  ['白云湖乳业有限公司', 'DAIRY'],
  ['金穗杂粮食品有限公司', 'PROCESSING'],
  ['草原之星旅游发展有限公司', 'RURAL_TOURISM'],
  ['牧歌电子商务有限公司', 'E_COMMERCE'],
  ['北疆阳光光伏能源有限公司', 'PHOTOVOLTAIC'],
  ['丰泽食用菌科技有限公司', 'EDIBLE_FUNGI'],
  ['高勒农牧业投资有限公司', 'LIVESTOCK'],
  ['祥和饲草有限公司', 'LIVESTOCK'],
  ['天润设施农业有限公司', 'VEGETABLES'],
  ['敖包山文化旅游有限公司', 'RURAL_TOURISM'],
  ['福瑞冷链物流有限公司', 'E_COMMERCE'],
  ['金草原奶食品有限公司', 'DAIRY'],
  ['华牧良种繁育有限公司', 'LIVESTOCK'],
  ['康源中药材种植有限公司', 'PROCESSING'],
  ['聚丰马铃薯种业有限公司', 'POTATOES'],
  ['蒙味坊食品有限公司', 'PROCESSING'],
  ['鸿雁电商产业园有限公司', 'E_COMMERCE'],
  ['青山菌业有限公司', 'EDIBLE_FUNGI'],
  ['银河新能源有限公司', 'PHOTOVOLTAIC'],
];

export interface OrganisationIndex {
  /** cooperatives by village index */
  cooperatives: Map<number, Array<{ id: number; trade: Trade }>>;
  /** enterprise ids with their industry and home village (null: based in the seat) */
  enterprises: Array<{ id: number; type: IndustryType; village: number | null }>;
}

export function tradesFor(ctx: Context, village: number): Trade[] {
  return ctx.places.villages[village]!.record.kind === 'VILLAGE' ? FARMING_TRADES : HERDING_TRADES;
}

export function generateOrganisations(ctx: Context, orgs: OrganisationRegistry, rng: Rng): OrganisationIndex {
  const r = rng.fork('organisations');
  const cooperatives: OrganisationIndex['cooperatives'] = new Map();
  ctx.places.villages.forEach((v, i) => {
    const count = r.weighted([[0, v.record.isPoorVillage ? 5 : 9], [1, 4], [2, 1]]);
    const trades = r.shuffle(tradesFor(ctx, i)).slice(0, count);
    const households = ctx.figure(i, 2016).households;
    const maxPoor = ctx.maxPoorHouseholds(i);
    for (const trade of trades) {
      const ledByBranch = r.chance(v.record.isPoorVillage ? 0.6 : 0.4);
      const memberHouseholds = r.int(6, Math.max(8, Math.min(households, 120)));
      const id = orgs.add({
        name: `${v.record.name}${r.pick(MODIFIERS)}${trade.label}专业合作社`,
        kind: 'COOPERATIVE',
        villageCode: v.record.code,
        ledByBranch,
        foundedYear: ledByBranch ? r.int(2016, 2023) : r.int(2009, 2022),
        memberHouseholds,
        poorMemberHouseholds: Math.min(memberHouseholds, maxPoor, r.int(0, Math.ceil(memberHouseholds * 0.6))),
      });
      const list = cooperatives.get(i) ?? [];
      list.push({ id, trade });
      cooperatives.set(i, list);
    }
  });

  // enterprises: most have a home village in a town, some are based in the seat (no village)
  const enterprises: OrganisationIndex['enterprises'] = ENTERPRISES.map(([name, type]) => {
    const home = r.chance(0.7) ? r.int(0, ctx.villageCount - 1) : null;
    const memberHouseholds = r.int(20, 600);
    const id = orgs.add({
      name,
      kind: 'ENTERPRISE',
      villageCode: home === null ? null : ctx.places.villages[home]!.record.code,
      ledByBranch: false,
      foundedYear: r.int(2003, 2019),
      memberHouseholds,
      poorMemberHouseholds: r.int(0, Math.round(memberHouseholds * 0.3)),
    });
    return { id, type, village: home };
  });
  return { cooperatives, enterprises };
}

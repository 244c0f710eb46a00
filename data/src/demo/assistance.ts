/**
 * Assisting units (定点帮扶单位), their assignments to villages with funds per
 * year, and the work teams (驻村工作队) they send to most poor villages.
 */
import type { AssignmentRecord, AssistingUnitKind, AssistingUnitRecord, WorkTeamRecord } from '../records.js';
import type { Context } from './context.js';
import { LAST_YEAR } from './poverty.js';
import type { Rng } from './rng.js';

const UNITS: ReadonlyArray<readonly [string, AssistingUnitKind]> = [
  ['盟委组织部', 'GOVERNMENT'], ['盟审计局', 'GOVERNMENT'], ['盟文化旅游发展委员会', 'GOVERNMENT'],
  ['盟财政局', 'GOVERNMENT'], ['盟农牧局', 'GOVERNMENT'], ['盟交通运输局', 'GOVERNMENT'],
  ['盟卫生健康委员会', 'GOVERNMENT'], ['盟教育局', 'GOVERNMENT'], ['盟水利局', 'GOVERNMENT'],
  ['盟自然资源局', 'GOVERNMENT'], ['盟发展和改革委员会', 'GOVERNMENT'], ['盟商务局', 'GOVERNMENT'],
  ['盟人力资源和社会保障局', 'GOVERNMENT'], ['盟住房和城乡建设局', 'GOVERNMENT'], ['盟统计局', 'GOVERNMENT'],
  ['盟林业和草原局', 'GOVERNMENT'], ['盟行政公署办公室', 'GOVERNMENT'], ['盟委宣传部', 'GOVERNMENT'],
  ['盟中心医院', 'INSTITUTION'], ['盟职业技术学院', 'INSTITUTION'], ['盟农牧业科学研究所', 'INSTITUTION'],
  ['盟广播电视台', 'INSTITUTION'], ['盟蒙医医院', 'INSTITUTION'], ['盟第一中学', 'INSTITUTION'],
  ['盟供电有限公司', 'ENTERPRISE'], ['盟农村商业银行', 'ENTERPRISE'], ['盟移动通信分公司', 'ENTERPRISE'],
  ['盟邮政分公司', 'ENTERPRISE'], ['盟城市投资发展集团有限公司', 'ENTERPRISE'], ['盟烟草专卖局（公司）', 'ENTERPRISE'],
];

export interface Assistance {
  assistingUnits: AssistingUnitRecord[];
  assignments: AssignmentRecord[];
  workTeams: WorkTeamRecord[];
}

/** Work team terms (start, end); the last runs on. */
const TERMS: ReadonlyArray<readonly [number, number | null]> = [
  [2016, 2018], [2018, 2021], [2021, 2023], [2024, null],
];

export function generateAssistance(ctx: Context, prefectureShortName: string, rng: Rng): Assistance {
  const r = rng.fork('assistance');
  const assistingUnits: AssistingUnitRecord[] = UNITS.map(([name, kind], i) => ({
    id: i + 1,
    name: prefectureShortName + name,
    kind,
  }));
  const government = assistingUnits.filter((u) => u.kind === 'GOVERNMENT');
  const assignments: AssignmentRecord[] = [];
  const workTeams: WorkTeamRecord[] = [];
  const assign = (unitId: number, village: number, startYear: number, endYear: number | null): void => {
    const last = endYear ?? LAST_YEAR;
    const base = r.range(5, 40);
    const funds = [];
    for (let year = startYear; year <= last; year++) {
      funds.push({ year, amount: Math.round(base * r.range(0.6, 1.6) * 100) / 100 });
    }
    assignments.push({ id: assignments.length + 1, unitId, villageCode: ctx.places.villages[village]!.record.code, startYear, endYear, funds });
  };

  // poor villages: a unit assigned from 2016, most with a work team each term
  const poor = ctx.places.villages.map((_, i) => i).filter((i) => ctx.places.villages[i]!.record.isPoorVillage);
  for (const i of poor) {
    const unit = r.chance(0.8) ? r.pick(government) : r.pick(assistingUnits);
    const stays = r.chance(0.55);
    assign(unit.id, i, r.weighted([[2016, 6], [2017, 3]]), stays ? null : r.pick([2020, 2021]));
    if (!r.chance(0.88)) continue;
    const terms = stays ? TERMS : TERMS.slice(0, 2);
    for (const [start, end] of terms) {
      workTeams.push({
        id: workTeams.length + 1,
        villageCode: ctx.places.villages[i]!.record.code,
        dispatchingUnitId: r.chance(0.9) ? unit.id : r.pick(assistingUnits).id,
        members: r.weighted([[2, 3], [3, 5], [4, 2], [5, 1]]),
        startYear: start,
        endYear: end,
      });
    }
  }
  // since 2021 (rural revitalisation) units also take on weak villages that were never poor
  const weak = r
    .shuffle(ctx.places.villages.map((_, i) => i))
    .filter((i) => !ctx.places.villages[i]!.record.isPoorVillage && ctx.weak(i, 2021))
    .slice(0, 30);
  for (const i of weak) assign(r.pick(assistingUnits).id, i, r.int(2021, 2023), null);
  // every unit has at least one assignment
  assistingUnits.forEach((u, k) => {
    if (!assignments.some((a) => a.unitId === u.id)) assign(u.id, poor[k % poor.length] as number, 2019, 2022);
  });
  return { assistingUnits, assignments, workTeams };
}

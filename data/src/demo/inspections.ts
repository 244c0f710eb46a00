/**
 * Inspections and rectification (督查整改) of the demo region, 2016–2025:
 * each year every county is visited several times by the league's
 * inspecting units, at county, township or village level, the villages
 * drawn mostly from soft-and-lax branches (软弱涣散) and weak villages. Each
 * visit finds one to four problems with a deadline one to three months on;
 * most are rectified on time, some late, and in the last year some are still
 * open or overdue as of 2025-12-31.
 *
 * The story: one county (LAGGING_COUNTY_CODE), middling in its poverty
 * figures, lags on rectification: many findings rectified late, and open
 * ones left past their deadline since 2024. Deterministic: its own stream.
 */
import type { CountyRecord, FindingCategory, FindingRecord, InspectionRecord, Thresholds, TownshipRecord, VillageRecord, VillageYearRecord } from '../records.js';
import { LAST_YEAR, YEARS } from './poverty.js';
import type { Rng } from './rng.js';
import { isWeak } from './rules.js';

/** The county that lags on rectification: 达兰郭勒旗, in the middle of the league by 2016 poverty incidence (5th of 11) and 2025 collective income. */
export const LAGGING_COUNTY_CODE = '159908000000';

/** The day the demo data is "as of": nothing is rectified after it. */
export const DEMO_AS_OF = `${LAST_YEAR}-12-31`;

const UNITS = ['盟委督查室', '盟扶贫办', '盟委组织部', '盟纪委监委', '盟财政局', '盟政府督查室'];

const PROBLEMS: Record<FindingCategory, string[]> = {
  PARTY_BUILDING: ['“三会一课”记录不全', '党员发展程序不规范', '支部班子战斗力不强', '组织生活会流于形式', '党员结对帮扶台账不实'],
  FUNDS: ['扶贫资金拨付滞后', '资金使用公示不及时', '项目资金报账手续不全', '到户补贴发放不规范'],
  PROJECTS: ['产业项目台账缺失', '项目建成后闲置', '收益分配方案未落实', '项目验收资料不全'],
  ASSISTANCE: ['驻村工作队考勤不实', '第一书记驻村时间不足', '帮扶措施与致贫原因不符', '帮扶日志记录不全'],
  POLICY: ['政策宣传不到位', '教育资助政策落实不全', '医疗保障政策知晓率低', '危房改造进度滞后'],
  CONDUCT: ['填表报数过多增加基层负担', '走访群众不深入', '问题整改敷衍应付', '工作作风不实'],
};

const EVIDENCE: Record<FindingCategory, string[]> = {
  PARTY_BUILDING: ['支部会议记录及整改报告', '组织生活会记录', '党员台账复查意见'],
  FUNDS: ['资金拨付凭证及公示照片', '报账材料及复查意见'],
  PROJECTS: ['项目台账及整改前后照片', '收益分配记录及验收意见'],
  ASSISTANCE: ['驻村考勤记录及帮扶日志', '帮扶计划调整说明'],
  POLICY: ['入户宣传记录及照片', '政策落实台账'],
  CONDUCT: ['整改情况说明及佐证材料', '复查验收意见'],
};

type Level = 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

const DAY = 86_400_000;

export function generateInspections(
  counties: readonly CountyRecord[],
  townships: readonly TownshipRecord[],
  villages: readonly VillageRecord[],
  villageYears: readonly VillageYearRecord[],
  thresholds: Pick<Thresholds, 'weakIncomeBelow'>,
  rng: Rng,
): { inspections: InspectionRecord[]; findings: FindingRecord[] } {
  const figures = new Map(villageYears.map((f) => [`${f.villageCode}/${f.year}`, f]));
  const townshipsOf = (county: string) => townships.filter((t) => t.countyCode === county);
  const villagesOf = (county: string) => villages.filter((v) => v.code.slice(0, 6) === county.slice(0, 6));
  const inspections: InspectionRecord[] = [];
  const findings: FindingRecord[] = [];

  for (const year of YEARS) {
    for (const county of counties) {
      const lagging = county.code === LAGGING_COUNTY_CODE;
      // The last year ends with a year-end round (年终督查) in November, whose deadlines fall in the new year.
      const visits = rng.int(3, 5) + (year === LAST_YEAR ? 1 : 0);
      for (let k = 0; k < visits; k++) {
        const yearEndRound = year === LAST_YEAR && k === visits - 1;
        const start = yearEndRound ? Date.UTC(year, 10, 1) : Date.UTC(year, 0, 10);
        const end = yearEndRound ? Date.UTC(year, 10, 28) : Date.UTC(year, 11, 10);
        const visitTime = start + rng.int(0, Math.floor((end - start) / DAY)) * DAY;
        const level = rng.weighted<Level>([['VILLAGE', 5], ['TOWNSHIP', 3], ['COUNTY', 2]]);
        let townshipCode: string | null = null;
        let villageCode: string | null = null;
        let place = county.name;
        let softLax = false;
        if (level === 'VILLAGE') {
          const candidates = villagesOf(county.code).map((v) => {
            const f = figures.get(`${v.code}/${year}`);
            const weight = !f ? 1 : f.softLax ? 8 : isWeak(v, f, thresholds) ? 3 : 1;
            return [v, weight] as const;
          });
          const village = rng.weighted(candidates);
          villageCode = village.code;
          townshipCode = village.townshipCode;
          place = village.name;
          softLax = figures.get(`${village.code}/${year}`)?.softLax ?? false;
        } else if (level === 'TOWNSHIP') {
          const township = rng.pick(townshipsOf(county.code));
          townshipCode = township.code;
          place = township.name;
        }
        const inspection: InspectionRecord = {
          id: inspections.length + 1,
          inspectedOn: isoDay(visitTime),
          inspectingUnit: rng.pick(UNITS),
          countyCode: county.code,
          townshipCode,
          villageCode,
          note: null,
        };
        inspections.push(inspection);
        const count = rng.int(1, 4);
        // A finding is known by its visit and description (the import's key): a problem found twice is one finding.
        const described = new Set<string>();
        for (let n = 0; n < count; n++) {
          const category = rng.weighted<FindingCategory>([
            ['PARTY_BUILDING', level === 'VILLAGE' ? (softLax ? 6 : 3) : 1],
            ['FUNDS', 2],
            ['PROJECTS', 2],
            ['ASSISTANCE', level === 'VILLAGE' ? 2 : 1],
            ['POLICY', 2],
            ['CONDUCT', 1],
          ]);
          const deadlineTime = visitTime + rng.int(30, 92) * DAY;
          const outcome = rectification(rng, lagging, year);
          let rectifiedTime: number | null =
            outcome === 'ON_TIME' ? visitTime + rng.int(7, Math.round((deadlineTime - visitTime) / DAY)) * DAY : outcome === 'LATE' ? deadlineTime + rng.int(1, lagging ? 120 : 45) * DAY : null;
          if (rectifiedTime !== null && isoDay(rectifiedTime) > DEMO_AS_OF) rectifiedTime = null;
          const description = `${place}${level !== 'VILLAGE' && (category === 'PARTY_BUILDING' || category === 'ASSISTANCE') ? '部分嘎查村' : ''}${rng.pick(PROBLEMS[category])}`;
          if (described.has(description)) continue;
          described.add(description);
          findings.push({
            id: findings.length + 1,
            inspectionId: inspection.id,
            category,
            description,
            responsibleUnit: responsible(level, place, category, rng),
            deadline: isoDay(deadlineTime),
            rectifiedOn: rectifiedTime === null ? null : isoDay(rectifiedTime),
            evidence: rectifiedTime === null ? null : rng.pick(EVIDENCE[category]),
          });
        }
      }
    }
  }
  return { inspections, findings };
}

/** How a finding's rectification went: the lagging county is late often and leaves findings open since 2024. */
function rectification(rng: Rng, lagging: boolean, year: number): 'ON_TIME' | 'LATE' | 'OPEN' {
  const recent = year >= LAST_YEAR - (lagging ? 1 : 0);
  if (lagging) return rng.weighted([['ON_TIME', 35], ['LATE', 40], ['OPEN', recent ? 25 : 0]]);
  return rng.weighted([['ON_TIME', 84], ['LATE', 10], ['OPEN', recent ? 6 : 0]]);
}

function responsible(level: Level, place: string, category: FindingCategory, rng: Rng): string {
  if (level === 'VILLAGE') return category === 'PARTY_BUILDING' ? `${place}党支部` : rng.pick([`${place}村民委员会`, `${place}党支部`, `${place}驻村工作队`]);
  if (level === 'TOWNSHIP') return category === 'PARTY_BUILDING' ? `${place}党委` : `${place}人民政府`;
  return category === 'PARTY_BUILDING' ? `${place}委组织部` : category === 'FUNDS' ? `${place}财政局` : `${place}扶贫办`;
}

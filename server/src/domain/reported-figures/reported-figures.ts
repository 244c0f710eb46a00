/**
 * A county's or township's figures as its bureau reports them (报送), one
 * area-year: the rule shared by the importer (county-figures,
 * township-figures) and the API (upsertReportedFigures).
 *
 * The hub computes poverty incidence from the populations everywhere, so a
 * reported row must end with both populations. Bureaus' 旗县 tables often
 * give 贫困发生率 with only one of them: the other is derived from it
 * (农村人口 = 贫困人口 ÷ 发生率, rounded; 贫困人口 = 农村人口 × 发生率,
 * rounded). With both populations and an incidence, the incidence must agree
 * with them to its last stated decimal, or the row is refused: one of the
 * three figures is wrong and the hub cannot tell which. Incidence alone is
 * refused: no count can be made of it.
 */
import { checkYear, type Problem } from '../planning.js';

export type ReportedLevel = 'county' | 'township';

/** The figures as given: any of them may be missing. */
export interface ReportedFiguresInput {
  year: number;
  households?: number | null;
  ruralPopulation?: number | null;
  poorHouseholds?: number | null;
  poorPopulation?: number | null;
  /** 贫困发生率 as reported, % */
  povertyIncidence?: number | null;
  /** 村集体经济收入合计, 万元 */
  collectiveIncomeTotal?: number | null;
  partyMembers?: number | null;
}

/** The figures as stored: both populations known. */
export interface ReportedFigures {
  year: number;
  households: number | null;
  ruralPopulation: number;
  poorHouseholds: number | null;
  poorPopulation: number;
  povertyIncidence: number | null;
  collectiveIncomeTotal: number | null;
  partyMembers: number | null;
}

const given = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** How far an incidence stated with `decimals` decimals may be from the exact one (half its last place, and a little for float). */
const tolerance = (incidence: number): number => {
  const decimals = Math.min((String(incidence).split('.')[1] ?? '').length, 4);
  return 0.5 * 10 ** -decimals + 1e-9;
};

function count(field: string, label: string, v: number | null | undefined): Problem[] {
  return !given(v) || (Number.isInteger(v) && v >= 0) ? [] : [{ field, reason: `${label}须是 0 或正整数，收到 ${v}` }];
}

/** Both populations: as given, or one derived from the incidence; or why they cannot be known. */
function populations(poor: number | null, rural: number | null, rate: number | null): { poor: number; rural: number } | Problem {
  if (poor !== null && rural !== null) {
    if (rate === null || rural === 0 || Math.abs((poor * 100) / rural - rate) <= tolerance(rate)) return { poor, rural };
    return { field: 'povertyIncidence', reason: `贫困发生率 ${rate}% 与 贫困人口 ${poor} ÷ 农村人口 ${rural} = ${((poor * 100) / rural).toFixed(2)}% 不符` };
  }
  if (poor === null && rural === null) {
    return { field: 'poorPopulation', reason: rate !== null ? '只有贫困发生率无法得出人数：请同时给出贫困人口或农村人口' : '须给出贫困人口和农村人口（或其中之一与贫困发生率）' };
  }
  if (poor !== null) {
    if (rate === null) return { field: 'ruralPopulation', reason: '缺少农村人口：请给出农村人口，或给出贫困发生率以推算' };
    if (rate === 0) return { field: 'ruralPopulation', reason: '贫困发生率为 0 时无法由贫困人口推算农村人口：请给出农村人口' };
    return { poor, rural: Math.round((poor * 100) / rate) };
  }
  if (rate === null) return { field: 'poorPopulation', reason: '缺少贫困人口：请给出贫困人口，或给出贫困发生率以推算' };
  return { poor: Math.round((rural! * rate) / 100), rural: rural! };
}

/** The row completed (populations derived from the incidence where needed), or the problems that keep it out. */
export function completeReportedFigures(f: ReportedFiguresInput): { figures: ReportedFigures | null; problems: Problem[] } {
  const problems: Problem[] = [
    ...checkYear('year', f.year),
    ...count('households', '户数', f.households),
    ...count('ruralPopulation', '农村人口', f.ruralPopulation),
    ...count('poorHouseholds', '贫困户数', f.poorHouseholds),
    ...count('poorPopulation', '贫困人口', f.poorPopulation),
    ...count('partyMembers', '党员数', f.partyMembers),
  ];
  if (given(f.collectiveIncomeTotal) && !(Number.isFinite(f.collectiveIncomeTotal) && f.collectiveIncomeTotal >= 0)) {
    problems.push({ field: 'collectiveIncomeTotal', reason: `村集体经济收入须是 0 或更多（万元），收到 ${f.collectiveIncomeTotal}` });
  }
  const rate = f.povertyIncidence;
  if (given(rate) && !(Number.isFinite(rate) && rate >= 0 && rate <= 100)) problems.push({ field: 'povertyIncidence', reason: `贫困发生率须在 0 到 100（%）之间，收到 ${rate}` });
  if (problems.length > 0) return { figures: null, problems };

  const both = populations(f.poorPopulation ?? null, f.ruralPopulation ?? null, rate ?? null);
  if ('field' in both) return { figures: null, problems: [both] };
  const { poor, rural } = both;
  if (poor > rural) problems.push({ field: 'poorPopulation', reason: `贫困人口 ${poor} 不能多于农村人口 ${rural}` });
  if (given(f.poorHouseholds) && given(f.households) && f.poorHouseholds > f.households) {
    problems.push({ field: 'poorHouseholds', reason: `贫困户数 ${f.poorHouseholds} 不能多于户数 ${f.households}` });
  }
  if (given(f.poorHouseholds) && f.poorHouseholds > poor) problems.push({ field: 'poorHouseholds', reason: `贫困户数 ${f.poorHouseholds} 不能多于贫困人口 ${poor}（每户至少一人）` });
  if (problems.length > 0) return { figures: null, problems };
  return {
    figures: {
      year: f.year,
      households: f.households ?? null,
      ruralPopulation: rural,
      poorHouseholds: f.poorHouseholds ?? null,
      poorPopulation: poor,
      povertyIncidence: rate ?? null,
      collectiveIncomeTotal: f.collectiveIncomeTotal ?? null,
      partyMembers: f.partyMembers ?? null,
    },
    problems: [],
  };
}

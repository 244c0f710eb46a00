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
import { formatMessage, message, type Message, type MessageCode, type MessageParams } from '@lingyan/data';
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

/** A problem of the rule: its Chinese reason (what the API says) and its coded message (the importer's report, in either language). */
export interface ReportedProblem extends Problem {
  message: Message | null;
}

function problem(field: string, code: MessageCode, params?: MessageParams): ReportedProblem {
  const m = message(code, params);
  return { field, reason: formatMessage(m, 'zh'), message: m };
}

/** How far an incidence stated with `decimals` decimals may be from the exact one (half its last place, and a little for float). */
const tolerance = (incidence: number): number => {
  const decimals = Math.min((String(incidence).split('.')[1] ?? '').length, 4);
  return 0.5 * 10 ** -decimals + 1e-9;
};

function count(field: string, v: number | null | undefined): ReportedProblem[] {
  return !given(v) || (Number.isInteger(v) && v >= 0) ? [] : [problem(field, 'reported.notCount', { value: v })];
}

/** Both populations: as given, or one derived from the incidence; or why they cannot be known. */
function populations(poor: number | null, rural: number | null, rate: number | null): { poor: number; rural: number } | ReportedProblem {
  if (poor !== null && rural !== null) {
    if (rate === null || rural === 0 || Math.abs((poor * 100) / rural - rate) <= tolerance(rate)) return { poor, rural };
    return problem('povertyIncidence', 'reported.incidenceMismatch', { rate, poor, rural, exact: ((poor * 100) / rural).toFixed(2) });
  }
  if (poor === null && rural === null) return problem('poorPopulation', rate !== null ? 'reported.incidenceOnly' : 'reported.noPopulation');
  if (poor !== null) {
    if (rate === null) return problem('ruralPopulation', 'reported.ruralMissing');
    if (rate === 0) return problem('ruralPopulation', 'reported.zeroIncidence');
    return { poor, rural: Math.round((poor * 100) / rate) };
  }
  if (rate === null) return problem('poorPopulation', 'reported.poorMissing');
  return { poor: Math.round((rural! * rate) / 100), rural: rural! };
}

/** The row completed (populations derived from the incidence where needed), or the problems that keep it out. */
export function completeReportedFigures(f: ReportedFiguresInput): { figures: ReportedFigures | null; problems: ReportedProblem[] } {
  const problems: ReportedProblem[] = [
    ...checkYear('year', f.year).map((p) => ({ ...p, message: null })),
    ...count('households', f.households),
    ...count('ruralPopulation', f.ruralPopulation),
    ...count('poorHouseholds', f.poorHouseholds),
    ...count('poorPopulation', f.poorPopulation),
    ...count('partyMembers', f.partyMembers),
  ];
  if (given(f.collectiveIncomeTotal) && !(Number.isFinite(f.collectiveIncomeTotal) && f.collectiveIncomeTotal >= 0)) {
    problems.push(problem('collectiveIncomeTotal', 'reported.incomeNegative', { value: f.collectiveIncomeTotal }));
  }
  const rate = f.povertyIncidence;
  if (given(rate) && !(Number.isFinite(rate) && rate >= 0 && rate <= 100)) problems.push(problem('povertyIncidence', 'reported.incidenceRange', { value: rate }));
  if (problems.length > 0) return { figures: null, problems };

  const both = populations(f.poorPopulation ?? null, f.ruralPopulation ?? null, rate ?? null);
  if ('field' in both) return { figures: null, problems: [both] };
  const { poor, rural } = both;
  if (poor > rural) problems.push(problem('poorPopulation', 'reported.poorAboveRural', { poor, rural }));
  if (given(f.poorHouseholds) && given(f.households) && f.poorHouseholds > f.households) {
    problems.push(problem('poorHouseholds', 'reported.poorHouseholdsAboveHouseholds', { poorHouseholds: f.poorHouseholds, households: f.households }));
  }
  if (given(f.poorHouseholds) && f.poorHouseholds > poor) problems.push(problem('poorHouseholds', 'reported.poorHouseholdsAbovePoor', { poorHouseholds: f.poorHouseholds, poor }));
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

/**
 * Project progress (项目进度) and the funds assisting units committed
 * (承诺资金), on their own stream (rng.fork('progress')) so that no other
 * record changes.
 *
 * A project runs from its start year to its end (or 2025): planned a year or
 * built at once, built for one or two years (some lag three), then operating
 * (投产) and, a few years on, effective (见效). Its investment is planned over
 * the first years, source by source, to the cent; most funds arrive as
 * planned, some projects' lag. Operating projects employ people, pay dividends
 * to their poor beneficiaries and take share capital put in for them
 * (股金注入合作社) in their first operating year.
 *
 * The story the warnings and the assessment follow: projects without poor
 * beneficiaries (they come from the projects' own stream) and NO_DIVIDEND_COUNT
 * projects with poor beneficiaries that pay nothing once operating; and
 * SHORTFALL_UNIT_COUNT assisting units that, in their recent years, committed
 * more than they delivered. Commitments are recorded from COMMITTED_FROM on.
 */
import type { AssignmentRecord, AssistingUnitRecord, IndustryProjectRecord, ProjectStage, ProjectYearRecord } from '../records.js';
import { LAST_YEAR } from './poverty.js';
import { splitCents } from './projects.js';
import type { Rng } from './rng.js';

/** Operating projects with poor beneficiaries that pay no dividend. */
export const NO_DIVIDEND_COUNT = 4;
/** Assisting units that deliver less than they committed, in SHORTFALL_YEARS. */
export const SHORTFALL_UNIT_COUNT = 3;
export const SHORTFALL_YEARS: readonly number[] = [2023, 2024, 2025];
/** The first year with commitments on record (the years before were not recorded). */
export const COMMITTED_FROM = 2018;

const SOURCES = ['Fiscal', 'Assisting', 'Collective', 'Enterprise', 'Other'] as const;

export interface Progress {
  projectYears: ProjectYearRecord[];
  /** the assignments with committed funds added (amounts unchanged) */
  assignments: AssignmentRecord[];
  /** ids of the projects that pay no dividend once operating although they have poor beneficiaries */
  noDividendProjectIds: number[];
  /** ids of the units delivering below their commitment in SHORTFALL_YEARS */
  shortfallUnitIds: number[];
}

/** The stage of each year of a project, from its first year: a non-decreasing sequence. */
function stagesOf(years: number, r: Rng): ProjectStage[] {
  const planned = r.chance(0.55) ? 1 : 0;
  const building = r.weighted([[1, 5], [2, 4], [3, 1]]);
  const operating = r.int(1, 3);
  const out: ProjectStage[] = [];
  for (let k = 0; k < years; k++) {
    out.push(k < planned ? 'PLANNED' : k < planned + building ? 'BUILDING' : k < planned + building + operating ? 'OPERATING' : 'EFFECTIVE');
  }
  return out;
}

const toCents = (x: number) => Math.round(x * 100);

function projectYears(p: IndustryProjectRecord, noDividend: boolean, r: Rng): ProjectYearRecord[] {
  const last = Math.min(p.endYear ?? LAST_YEAR, LAST_YEAR);
  const count = last - p.startYear + 1;
  if (count <= 0) return [];
  const stages = stagesOf(count, r);
  // The investment is planned over the years before operating (at least one), heavier in the first.
  const fundedYears = Math.max(1, Math.min(count, stages.filter((s) => s === 'PLANNED' || s === 'BUILDING').length));
  const weights = Array.from({ length: fundedYears }, (_, k) => (k === 0 ? r.range(1, 2) : r.range(0.4, 1)));
  const planned = SOURCES.map((s) => splitCents(toCents(p[`investment${s}`]), weights));
  const lags = r.chance(0.2);
  const sharePerHousehold = r.range(0.3, 0.8);
  const dividendPerHousehold = r.range(0.03, 0.1);
  const firstOperating = stages.findIndex((s) => s === 'OPERATING' || s === 'EFFECTIVE');
  return stages.map((stage, k): ProjectYearRecord => {
    const operating = stage === 'OPERATING' || stage === 'EFFECTIVE';
    const row: ProjectYearRecord = {
      projectId: p.id,
      year: p.startYear + k,
      stage,
      plannedFiscal: 0, plannedAssisting: 0, plannedCollective: 0, plannedEnterprise: 0, plannedOther: 0,
      deliveredFiscal: 0, deliveredAssisting: 0, deliveredCollective: 0, deliveredEnterprise: 0, deliveredOther: 0,
      jobs: stage === 'PLANNED' ? 0 : stage === 'BUILDING' ? r.int(3, 15) : Math.max(1, Math.round(p.beneficiaryHouseholds * r.range(0.1, 0.3))),
      dividendHouseholds: 0,
      dividendsPoor: 0,
      shareCapitalPoor: 0,
    };
    SOURCES.forEach((s, i) => {
      const cents = k < fundedYears ? (planned[i]![k] as number) : 0;
      // A lagging project gets part of its planned funds; a source it does not plan stays at 0.
      const delivered = lags && cents > 0 && r.chance(0.7) ? Math.floor(cents * r.range(0.4, 0.9)) : cents;
      row[`planned${s}`] = cents / 100;
      row[`delivered${s}`] = delivered / 100;
    });
    const poor = p.beneficiaryPoorHouseholds;
    if (operating && poor > 0 && !noDividend) {
      row.dividendHouseholds = stage === 'EFFECTIVE' ? poor : Math.max(1, Math.round(poor * r.range(0.7, 1)));
      row.dividendsPoor = toCents(row.dividendHouseholds * dividendPerHousehold * (stage === 'EFFECTIVE' ? 1.3 : 1)) / 100;
    }
    if (k === firstOperating && poor > 0) row.shareCapitalPoor = toCents(poor * sharePerHousehold) / 100;
    return row;
  });
}

/** A commitment for each fund row from COMMITTED_FROM: about what was delivered, above it for the shortfall units' recent years. */
function withCommitments(assignments: AssignmentRecord[], shortfall: ReadonlySet<number>, r: Rng): AssignmentRecord[] {
  return assignments.map((a) => ({
    ...a,
    funds: a.funds.map((f) => {
      if (f.year < COMMITTED_FROM) return f;
      const factor = shortfall.has(a.unitId) && SHORTFALL_YEARS.includes(f.year) ? r.range(1.3, 1.8) : r.range(0.85, 1);
      return { ...f, committed: toCents(f.amount * factor) / 100 };
    }),
  }));
}

export function generateProgress(projects: IndustryProjectRecord[], units: AssistingUnitRecord[], assignments: AssignmentRecord[], rng: Rng): Progress {
  const r = rng.fork('progress');
  // Projects that will operate by 2025 and have poor beneficiaries: some of them pay nothing.
  const candidates = projects.filter((p) => p.beneficiaryPoorHouseholds > 0 && p.startYear <= 2020 && (p.endYear === null || p.endYear >= 2024));
  const noDividendProjectIds = r.shuffle(candidates).slice(0, NO_DIVIDEND_COUNT).map((p) => p.id).sort((a, b) => a - b);
  const silent = new Set(noDividendProjectIds);
  const rows = projects.flatMap((p) => projectYears(p, silent.has(p.id), r));
  // Units assigned in the shortfall years, so the shortfall shows.
  const active = units.filter((u) => assignments.some((a) => a.unitId === u.id && a.funds.some((f) => SHORTFALL_YEARS.includes(f.year))));
  const shortfallUnitIds = r.shuffle(active).slice(0, SHORTFALL_UNIT_COUNT).map((u) => u.id).sort((a, b) => a - b);
  return { projectYears: rows, assignments: withCommitments(assignments, new Set(shortfallUnitIds), r), noDividendProjectIds, shortfallUnitIds };
}

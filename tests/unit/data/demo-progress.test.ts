/** The demo's project progress and committed funds: they obey the progress rules and tell the story the warnings and the assessment read. */
import { describe, expect, it } from 'vitest';
import { COMMITTED_FROM, NO_DIVIDEND_COUNT, SHORTFALL_UNIT_COUNT, SHORTFALL_YEARS } from '../../../data/src/demo/progress.js';
import { checkProjectYear, checkStageOrder, progressTotals } from '../../../server/src/domain/project/progress-rules.js';
import { demo } from './demo-dataset.js';

const projects = new Map(demo.industryProjects.map((p) => [p.id, p]));
const yearsOf = (id: number) => demo.projectYears.filter((y) => y.projectId === id);

describe('demo project progress (项目进度)', () => {
  it('has a row per project and year from its start to its end or 2025, every row within the rules', () => {
    for (const p of demo.industryProjects) {
      const years = yearsOf(p.id).map((y) => y.year);
      const last = Math.min(p.endYear ?? 2025, 2025);
      expect(years, String(p.id)).toEqual(Array.from({ length: last - p.startYear + 1 }, (_, k) => p.startYear + k));
    }
    for (const y of demo.projectYears) expect(checkProjectYear(projects.get(y.projectId)!, y), `${y.projectId}/${y.year}`).toEqual([]);
    for (const p of demo.industryProjects) expect(checkStageOrder(p, yearsOf(p.id)), String(p.id)).toEqual([]);
  });

  it('plans each project\'s investment to the cent over its years, source by source; most funds arrive, some lag', () => {
    let lagging = 0;
    for (const p of demo.industryProjects) {
      const rows = yearsOf(p.id);
      const cents = (f: (y: (typeof rows)[number]) => number) => rows.reduce((s, y) => s + Math.round(f(y) * 100), 0);
      expect(cents((y) => progressTotals(y).planned), String(p.id)).toBe(Math.round(p.investmentTotal * 100));
      expect(cents((y) => y.plannedFiscal), String(p.id)).toBe(Math.round(p.investmentFiscal * 100));
      const delivered = cents((y) => progressTotals(y).delivered);
      expect(delivered, String(p.id)).toBeLessThanOrEqual(Math.round(p.investmentTotal * 100));
      if (delivered < Math.round(p.investmentTotal * 100)) lagging++;
    }
    expect(lagging).toBeGreaterThan(10);
    expect(lagging).toBeLessThan(demo.industryProjects.length / 2);
  });

  it('has stages advancing over time, jobs, dividends and share capital once operating', () => {
    const in2025 = demo.projectYears.filter((y) => y.year === 2025);
    for (const stage of ['BUILDING', 'OPERATING', 'EFFECTIVE']) expect(in2025.some((y) => y.stage === stage), stage).toBe(true);
    expect(demo.projectYears.some((y) => y.stage === 'PLANNED')).toBe(true);
    const running = (year: number) => {
      const rows = demo.projectYears.filter((y) => y.year === year);
      return rows.filter((y) => y.stage === 'OPERATING' || y.stage === 'EFFECTIVE').length / rows.length;
    };
    expect(running(2025)).toBeGreaterThan(running(2019));
    const operating = demo.projectYears.filter((y) => y.stage === 'OPERATING' || y.stage === 'EFFECTIVE');
    expect(operating.every((y) => y.jobs > 0)).toBe(true);
    expect(operating.filter((y) => y.dividendsPoor > 0).length).toBeGreaterThan(operating.length / 2);
    expect(demo.projectYears.filter((y) => y.shareCapitalPoor > 0).length).toBeGreaterThan(50);
  });

  it('has projects without poor beneficiaries, and exactly NO_DIVIDEND_COUNT operating ones with poor beneficiaries that pay nothing', () => {
    expect(demo.industryProjects.filter((p) => p.beneficiaryPoorHouseholds === 0).length).toBeGreaterThan(0);
    const silent = demo.industryProjects.filter((p) => {
      const paying = yearsOf(p.id).filter((y) => y.stage === 'OPERATING' || y.stage === 'EFFECTIVE');
      return p.beneficiaryPoorHouseholds > 0 && paying.length > 0 && paying.every((y) => y.dividendsPoor === 0);
    });
    expect(silent.length).toBe(NO_DIVIDEND_COUNT);
  });
});

describe('demo committed funds (承诺资金)', () => {
  it('records commitments from COMMITTED_FROM on, and SHORTFALL_UNIT_COUNT units deliver below them in SHORTFALL_YEARS only', () => {
    const funds = demo.assignments.flatMap((a) => a.funds.map((f) => ({ ...f, unitId: a.unitId })));
    expect(funds.filter((f) => f.year < COMMITTED_FROM).every((f) => f.committed === undefined)).toBe(true);
    expect(funds.filter((f) => f.year >= COMMITTED_FROM).every((f) => f.committed !== undefined && f.committed >= 0)).toBe(true);
    const short = funds.filter((f) => f.committed !== undefined && f.committed > f.amount);
    expect(new Set(short.map((f) => f.unitId)).size).toBe(SHORTFALL_UNIT_COUNT);
    expect(short.every((f) => SHORTFALL_YEARS.includes(f.year))).toBe(true);
  });
});

/**
 * A county's or township's reported figures (报送): the area must exist; the
 * figures obey completeReportedFigures, the same rule the API's
 * upsertReportedFigures enforces (applied in check, so that its problems keep
 * their message codes) (populations derived from the incidence
 * where one is missing). A row replaces what was reported for its area-year
 * (every figure is written, blank ones as blank), and an update bumps the
 * row's version, so a planner holding the old version is told.
 */
import { message, rowProblem, type KindSpec, type ReportedFiguresRecord, type RowProblem } from '@lingyan/data';
import { completeReportedFigures, type ReportedFiguresInput, type ReportedLevel } from '../../domain/reported-figures/reported-figures.js';
import { upsertRows } from '../upsert.js';
import type { KindWriter } from '../writer.js';

/** The record as the domain rule reads it (the file's collectiveIncome is the area's total). */
const input = (r: ReportedFiguresRecord): ReportedFiguresInput => ({ ...r, collectiveIncomeTotal: r.collectiveIncome });
const RENAME = { collectiveIncomeTotal: 'collectiveIncome' } as const;

export function reportedFiguresWriter(spec: KindSpec<ReportedFiguresRecord>, level: ReportedLevel): KindWriter<ReportedFiguresRecord> {
  const table = level === 'county' ? 'county' : 'township';
  return {
    spec,
    entity: 'ReportedFigures',
    // The rule is applied in check, where its problems keep their message codes (a report in English too).
    rules: () => [],
    async check(tx, rows) {
      const problems: RowProblem[] = [];
      for (const r of rows) {
        for (const p of completeReportedFigures(input(r.record)).problems) {
          problems.push(rowProblem(r.row, r.label(RENAME[p.field as keyof typeof RENAME] ?? p.field), p.message ?? p.reason));
        }
      }
      const wanted = [...new Set(rows.map((r) => r.record.code))];
      const known = new Set(
        (await tx.execute<Array<{ code: string }>>(`select code from ${table} where code in (select json_array_elements_text(?::json))`, [JSON.stringify(wanted)])).map((r) => r.code),
      );
      const missing = level === 'county' ? 'reported.countyMissing' : 'reported.townshipMissing';
      problems.push(...rows.filter((r) => !known.has(r.record.code)).map((r) => rowProblem(r.row, r.label('code'), message(missing, { code: r.record.code }))));
      return { problems, repaired: [] };
    },
    upsert: (tx, rows) =>
      upsertRows(
        tx,
        {
          table: 'reported_area_figures',
          conflict: ['level', 'code', 'year'],
          columns: [
            { name: 'level', type: 'text', value: () => level },
            { name: 'code', type: 'text' },
            { name: 'year', type: 'int' },
            { name: 'county_code', type: 'text', value: (f) => `${f.code.slice(0, 6)}000000` },
            { name: 'township_code', type: 'text', value: (f) => (level === 'township' ? f.code : null) },
            { name: 'households', type: 'int' },
            { name: 'rural_population', type: 'int' },
            { name: 'poor_households', type: 'int' },
            { name: 'poor_population', type: 'int' },
            { name: 'poverty_incidence', type: 'numeric' },
            { name: 'collective_income_total', type: 'numeric' },
            { name: 'party_members', type: 'int' },
          ],
          onUpdate: 'version = reported_area_figures.version + 1',
        },
        // Stored as completed: both populations, whichever the row gave with the incidence.
        rows.map((r) => ({ code: r.record.code, ...completeReportedFigures(input(r.record)).figures! })),
        new Set(),
      ),
  };
}

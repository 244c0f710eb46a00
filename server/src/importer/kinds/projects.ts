/**
 * Industry projects, upserted by village and name: the village must be in
 * the database, the operator an organisation in it, the point inside the
 * village's township, and the fields obey checkProject (the rules
 * createIndustryProject enforces: years, the investment sources adding up to
 * the total to the cent, poor beneficiaries within the beneficiaries).
 */
import { projects, referenceText, type ProjectImport, type RowProblem } from '@lingyan/data';
import { checkProject, checkProjectLocation } from '../../domain/planning.js';
import { townshipsCover } from '../../spatial/topology.js';
import { notImported, resolveReferences, villagesByCode } from '../references.js';
import { geometrySql } from '../geometry-checks.js';
import { upsertByKey } from '../upsert.js';
import { rowProblems, type KindWriter } from '../writer.js';

/** Operators resolved by check(), for upsert(). */
const operatorIds = new Map<string, number>();

export const projectsWriter: KindWriter<ProjectImport> = {
  spec: projects,
  entity: 'IndustryProject',
  start: () => operatorIds.clear(),
  rules: (p) => checkProject(p),
  async check(tx, rows) {
    const problems: RowProblem[] = [];
    const townshipOf = await villagesByCode(tx, rows.map((r) => r.record.villageCode));
    const operators = await resolveReferences(tx, 'organisation', rows.map((r) => r.record.operator));
    const placed = rows.filter((r) => townshipOf.has(r.record.villageCode));
    const covered = await townshipsCover(tx, placed.map((r) => ({ township: townshipOf.get(r.record.villageCode)!, point: r.record.location })));
    placed.forEach((r, i) => problems.push(...rowProblems(r, checkProjectLocation(r.record.villageCode, townshipOf.get(r.record.villageCode)!, covered[i]!))));
    for (const r of rows) {
      const p = r.record;
      if (!townshipOf.has(p.villageCode)) problems.push({ row: r.row, field: r.label('villageCode'), reason: notImported(p.villageCode) });
      if (p.operator) {
        const o = operators.get(referenceText(p.operator))!;
        if ('problem' in o) problems.push({ row: r.row, field: r.label('operator'), reason: o.problem });
        else operatorIds.set(referenceText(p.operator), o.found.id);
      }
    }
    return { problems, repaired: [] };
  },
  upsert: (tx, rows, given) =>
    upsertByKey(
      tx,
      {
        table: 'industry_project',
        key: ['village_code', 'name'],
        columns: [
          { name: 'village_code', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'type', type: 'text' },
          { name: 'operator_id', type: 'int', field: 'operator', value: (p) => (p.operator ? operatorIds.get(referenceText(p.operator)) : null) },
          { name: 'location', type: 'json', expr: geometrySql('r.location') },
          { name: 'start_year', type: 'int' },
          { name: 'end_year', type: 'int', field: 'endYear' },
          { name: 'investment_total', type: 'numeric' },
          { name: 'investment_fiscal', type: 'numeric', field: 'investmentFiscal' },
          { name: 'investment_assisting', type: 'numeric', field: 'investmentAssisting' },
          { name: 'investment_collective', type: 'numeric', field: 'investmentCollective' },
          { name: 'investment_enterprise', type: 'numeric', field: 'investmentEnterprise' },
          { name: 'investment_other', type: 'numeric', field: 'investmentOther' },
          { name: 'beneficiary_households', type: 'int', field: 'beneficiaryHouseholds' },
          { name: 'beneficiary_poor_households', type: 'int', field: 'beneficiaryPoorHouseholds' },
        ],
        onUpdate: 'version = industry_project.version + 1',
      },
      rows.map((r) => r.record),
      given,
    ),
};

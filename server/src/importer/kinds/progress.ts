/**
 * Project progress (项目进度), upserted by project and year: the project must
 * be in the database (by id, or by village and name); each year obeys the
 * progress rules the API's upsertProjectYear enforces, and the stage never
 * goes back across the years already stored and those the file gives.
 * An update bumps the row's version.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { progress, projectReferenceText, type ProjectYearImport, type RowProblem } from '@lingyan/data';
import type { ProjectStage } from '../../domain/project/project-stage.js';
import { checkProjectYear, checkStageOrder, projectYearText, type ProjectFacts } from '../../domain/project/progress-rules.js';
import { upsertRows } from '../upsert.js';
import { rowProblems, type GoodRow, type KindWriter } from '../writer.js';

/** Projects resolved by check(), by reference text, for upsert(). */
const projectIds = new Map<string, number>();
/** The row of each project and year of this run, by project id. */
const seenYears = new Map<string, number>();

type ProjectRow = ProjectFacts & { villageCode: string };

async function projectsFor(tx: EntityManager, rows: Array<GoodRow<ProjectYearImport>>): Promise<Map<string, ProjectRow>> {
  const refs = rows.map((r) => r.record.project);
  const ids = refs.flatMap((p) => ('id' in p ? [p.id] : []));
  const named = refs.flatMap((p) => ('name' in p ? [{ village: p.villageCode, name: p.name }] : []));
  const found = await tx.execute<Array<ProjectRow>>(
    `select p.id, p.name, p.village_code as "villageCode", p.start_year as "startYear", p.end_year as "endYear", p.beneficiary_poor_households as "beneficiaryPoorHouseholds"
       from industry_project p
      where p.id in (select json_array_elements_text(?::json)::int)
         or (p.village_code, p.name) in (select r.village, r.name from json_to_recordset(?::json) as r(village text, name text))`,
    [JSON.stringify(ids), JSON.stringify(named)],
  );
  const out = new Map<string, ProjectRow>();
  for (const p of found) {
    out.set(projectReferenceText({ id: p.id }), p);
    out.set(projectReferenceText({ villageCode: p.villageCode, name: p.name }), p);
  }
  return out;
}

function notFound(r: GoodRow<ProjectYearImport>): RowProblem {
  const p = r.record.project;
  return 'id' in p
    ? { row: r.row, field: r.label('projectId'), reason: `项目编号 ${p.id} 不在数据库中` }
    : { row: r.row, field: r.label('projectName'), reason: `村 ${p.villageCode} 没有名为「${p.name}」的项目；请先导入项目` };
}

export const progressWriter: KindWriter<ProjectYearImport> = {
  spec: progress,
  entity: 'ProjectYear',
  start: () => {
    projectIds.clear();
    seenYears.clear();
  },
  // The rules need the project: check() applies them.
  rules: () => [],
  async check(tx, rows) {
    const problems: RowProblem[] = [];
    const projects = await projectsFor(tx, rows);
    const known: Array<{ row: GoodRow<ProjectYearImport>; project: ProjectRow }> = [];
    for (const r of rows) {
      const project = projects.get(projectReferenceText(r.record.project));
      if (!project) {
        problems.push(notFound(r));
        continue;
      }
      projectIds.set(projectReferenceText(r.record.project), project.id);
      // One project named by id in one row and by village and name in another is still one project.
      const same = `${project.id}/${r.record.year}`;
      const first = seenYears.get(same);
      if (first !== undefined) {
        problems.push({ row: r.row, field: r.label('year'), reason: `${projectYearText(project, r.record.year)}：与第 ${first} 行是同一项目的同一年` });
        continue;
      }
      seenYears.set(same, r.row);
      const own = rowProblems(r, checkProjectYear(project, r.record));
      problems.push(...own);
      if (own.length === 0) known.push({ row: r, project });
    }
    // The stage order, over the years stored and those of the file (a file's year replaces the stored one).
    const stored = await tx.execute<Array<{ projectId: number; year: number; stage: ProjectStage }>>(
      `select project_id as "projectId", year, stage from project_year where project_id in (select json_array_elements_text(?::json)::int)`,
      [JSON.stringify([...new Set(known.map((k) => k.project.id))])],
    );
    type Year = { year: number; stage: ProjectStage; row: GoodRow<ProjectYearImport> | null };
    const byProject = new Map<number, { project: ProjectRow; years: Map<number, Year> }>();
    for (const s of stored) {
      const entry = byProject.get(s.projectId) ?? { project: known.find((k) => k.project.id === s.projectId)!.project, years: new Map() };
      entry.years.set(s.year, { year: s.year, stage: s.stage, row: null });
      byProject.set(s.projectId, entry);
    }
    for (const { row, project } of known) {
      const entry = byProject.get(project.id) ?? { project, years: new Map() };
      entry.years.set(row.record.year, { year: row.record.year, stage: row.record.stage, row });
      byProject.set(project.id, entry);
    }
    for (const { project, years } of byProject.values()) {
      const list = [...years.values()];
      // The file's row is blamed, not a stored year; between two of the file's, the later.
      const blame = (earlier: Year, later: Year) => (earlier.row !== null && later.row === null ? earlier : later);
      for (const p of checkStageOrder(project, list, blame)) {
        const row = years.get(p.year)?.row;
        if (row) problems.push({ row: row.row, field: row.label('stage'), reason: p.reason });
      }
    }
    return { problems, repaired: [] };
  },
  upsert: (tx, rows, given) =>
    upsertRows(
      tx,
      {
        table: 'project_year',
        conflict: ['project_id', 'year'],
        columns: [
          { name: 'project_id', type: 'int', value: (y) => projectIds.get(projectReferenceText(y.project)) },
          { name: 'year', type: 'int' },
          { name: 'stage', type: 'text' },
          ...(['planned', 'delivered'] as const).flatMap((kind) =>
            (['fiscal', 'assisting', 'collective', 'enterprise', 'other'] as const).map((s) => {
              const field = `${kind}${s[0]!.toUpperCase()}${s.slice(1)}`;
              return { name: `${kind}_${s}`, type: 'numeric' as const, field };
            }),
          ),
          { name: 'jobs', type: 'int', field: 'jobs' },
          { name: 'dividend_households', type: 'int', field: 'dividendHouseholds' },
          { name: 'dividends_poor', type: 'numeric', field: 'dividendsPoor' },
          { name: 'share_capital_poor', type: 'numeric', field: 'shareCapitalPoor' },
        ],
        onUpdate: 'version = project_year.version + 1',
      },
      rows.map((r) => r.record),
      given,
    ),
};

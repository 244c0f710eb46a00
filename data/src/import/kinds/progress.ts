/**
 * Project progress (项目进度表): one row per project and year with the stage
 * (规划 / 在建 / 投产 / 见效, or the code), funds planned (计划) and delivered
 * (到位) by source, jobs, dividends to poor households and share capital put
 * in for them. The project is named by its id in the hub (项目编号) or by its
 * village and name, as the projects kind knows it. Whether the figures obey
 * the progress rules is for the server, which knows the project.
 */
import type { ProjectStage, ProjectYearRecord } from '../../records.js';
import { parseEnum, parseInteger, parseNumber, parseYear } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, plainText, reader } from './built.js';
import { message } from '../messages.js';
import type { KindSpec } from './kind.js';
import { VILLAGE_CODE, VILLAGE_NAME, YEAR } from './shared-columns.js';

/** A project by its id in the hub, or by its village and name. */
export type ProjectReference = { id: number } | { villageCode: string; name: string };

export type ProjectYearImport = Omit<ProjectYearRecord, 'projectId'> & { project: ProjectReference };

/** The reference as a report and a key show it: #12, or village/name. */
export const projectReferenceText = (p: ProjectReference): string => ('id' in p ? `#${p.id}` : `${p.villageCode}/${p.name}`);

const STAGES = ['PLANNED', 'BUILDING', 'OPERATING', 'EFFECTIVE'] as const;
const STAGE_NAMES: Record<string, ProjectStage> = {
  规划: 'PLANNED', 计划: 'PLANNED', 前期: 'PLANNED',
  在建: 'BUILDING', 建设中: 'BUILDING', 建设: 'BUILDING',
  投产: 'OPERATING', 已投产: 'OPERATING', 运营: 'OPERATING',
  见效: 'EFFECTIVE', 已见效: 'EFFECTIVE',
};

/** Amounts (万元) and counts, absent columns 0; the server judges them with the progress rules. */
const FIGURES = [
  'plannedFiscal', 'plannedAssisting', 'plannedCollective', 'plannedEnterprise', 'plannedOther',
  'deliveredFiscal', 'deliveredAssisting', 'deliveredCollective', 'deliveredEnterprise', 'deliveredOther',
  'jobs', 'dividendHouseholds', 'dividendsPoor', 'shareCapitalPoor',
] as const;

export const progress: KindSpec<ProjectYearImport> = {
  kind: 'progress',
  keyField: 'projectId',
  aliases: {
    villageCode: VILLAGE_CODE,
    villageName: VILLAGE_NAME,
    projectName: ['项目名称', 'projectName', 'project'],
    projectId: ['项目编号', '项目ID', 'projectId'],
    year: YEAR,
    stage: ['阶段', '项目阶段', '进度阶段', '项目进度', 'stage'],
    plannedFiscal: ['计划财政资金', '计划投资财政', 'plannedFiscal'],
    plannedAssisting: ['计划帮扶资金', '计划投资帮扶', 'plannedAssisting'],
    plannedCollective: ['计划村集体资金', '计划集体资金', 'plannedCollective'],
    plannedEnterprise: ['计划企业资金', 'plannedEnterprise'],
    plannedOther: ['计划其他资金', 'plannedOther'],
    deliveredFiscal: ['到位财政资金', 'deliveredFiscal'],
    deliveredAssisting: ['到位帮扶资金', 'deliveredAssisting'],
    deliveredCollective: ['到位村集体资金', '到位集体资金', 'deliveredCollective'],
    deliveredEnterprise: ['到位企业资金', 'deliveredEnterprise'],
    deliveredOther: ['到位其他资金', 'deliveredOther'],
    jobs: ['带动就业', '带动就业人数', 'jobs'],
    dividendHouseholds: ['分红户数', '分红贫困户数', 'dividendHouseholds'],
    dividendsPoor: ['分红金额', '贫困户分红', 'dividendsPoor'],
    shareCapitalPoor: ['股金注入', '股金注入金额', 'shareCapitalPoor'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const id = r.optional('projectId', parseInteger, null as number | null);
    let project: ProjectReference | null = null;
    if (id !== null) project = { id };
    else if (r.has('villageCode') || r.has('projectName')) {
      const villageCode = r.required('villageCode', (v) => parseDivisionCode(v, 'village'));
      const name = r.required('projectName', plainText);
      if (villageCode && name) project = { villageCode, name };
    } else if (!r.problems.length) {
      r.problem('projectId', message('progress.noProject'));
    }
    const year = r.required('year', parseYear);
    const figures = Object.fromEntries(FIGURES.map((f) => [f, r.optional(f, parseNumber, 0)])) as Record<(typeof FIGURES)[number], number>;
    const record: ProjectYearImport = {
      project: project ?? { id: 0 },
      year: year ?? 0,
      stage: r.required('stage', (v) => parseEnum(v, STAGES, STAGE_NAMES)) ?? 'PLANNED',
      ...figures,
    };
    return built(r, record, project && year !== undefined ? `${projectReferenceText(project)}/${year}` : null);
  },
};

/**
 * A project's stage in a year (项目进度阶段): 规划 → 在建 → 投产 → 见效. The
 * order matters: a project never goes back a stage from one year to the next.
 */
export const ProjectStage = { PLANNED: 'PLANNED', BUILDING: 'BUILDING', OPERATING: 'OPERATING', EFFECTIVE: 'EFFECTIVE' } as const;
export type ProjectStage = (typeof ProjectStage)[keyof typeof ProjectStage];

/** The stages in their order. */
export const PROJECT_STAGES: readonly ProjectStage[] = ['PLANNED', 'BUILDING', 'OPERATING', 'EFFECTIVE'];

/** How bureaus write each stage. */
export const STAGE_NAMES_ZH: Readonly<Record<ProjectStage, string>> = { PLANNED: '规划', BUILDING: '在建', OPERATING: '投产', EFFECTIVE: '见效' };

export const stageRank = (s: ProjectStage): number => PROJECT_STAGES.indexOf(s);

/** Stages in which a project earns and may pay dividends. */
export const pays = (s: ProjectStage): boolean => stageRank(s) >= stageRank('OPERATING');

/**
 * A project's progress over the years (项目进度) as its panel shows it: one
 * line per recorded year with the atlas year marked, the share of planned
 * funds delivered, and the funds of one year by source. Pure, for tests.
 */
import type { AtlasProjectProgressQuery, ProjectStage } from '../../graphql/documents';

export type ProgressYear = AtlasProjectProgressQuery['industryProject']['progress'][number];

export const PROGRESS_SOURCES = ['fiscal', 'assisting', 'collective', 'enterprise', 'other'] as const;
export type ProgressSource = (typeof PROGRESS_SOURCES)[number];

export const STAGE_ORDER: readonly ProjectStage[] = ['PLANNED', 'BUILDING', 'OPERATING', 'EFFECTIVE'];

export interface ProgressLine extends ProgressYear {
  /** the atlas year */
  current: boolean;
  /** delivered / planned in percent, one decimal; null when nothing was planned */
  deliveredPercent: number | null;
  /** delivered below planned by more than a cent */
  lagging: boolean;
}

const cents = (x: number) => Math.round(x * 100);

/** Delivered as a percent of planned (one decimal), or null when nothing was planned. */
export function deliveredPercent(planned: number, delivered: number): number | null {
  if (cents(planned) <= 0) return null;
  return Math.round((1000 * cents(delivered)) / cents(planned)) / 10;
}

/** The years in order, the atlas year marked. */
export function progressLines(years: readonly ProgressYear[], atlasYear: number): ProgressLine[] {
  return [...years]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ ...y, current: y.year === atlasYear, deliveredPercent: deliveredPercent(y.plannedTotal, y.deliveredTotal), lagging: cents(y.deliveredTotal) < cents(y.plannedTotal) }));
}

/** The year whose funds are shown by source: the atlas year when recorded, else the latest before it, else the first. */
export function focusYear(years: readonly ProgressYear[], atlasYear: number): ProgressYear | null {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  return sorted.find((y) => y.year === atlasYear) ?? sorted.filter((y) => y.year < atlasYear).at(-1) ?? sorted[0] ?? null;
}

const capital = (s: ProgressSource) => `${s[0]!.toUpperCase()}${s.slice(1)}` as Capitalize<ProgressSource>;

/** One year's funds by source, planned and delivered, leaving out sources with neither. */
export function fundsBySource(y: ProgressYear): Array<{ source: ProgressSource; planned: number; delivered: number }> {
  return PROGRESS_SOURCES.map((source) => ({ source, planned: y[`planned${capital(source)}`], delivered: y[`delivered${capital(source)}`] })).filter(
    (f) => cents(f.planned) > 0 || cents(f.delivered) > 0,
  );
}

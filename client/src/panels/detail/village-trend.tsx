/** A village's two trends: poverty incidence against the exit line, collective income against the weak line. */
import type { AtlasDetailVillageQuery } from '../../graphql/documents';
import { formats, type DetailContext } from './parts';
import { TrendChart } from './TrendChart';

/** The prefecture's policy lines (every detail query asks for them). */
export type Thresholds = AtlasDetailVillageQuery['prefecture']['thresholds'];

interface VillageYearPoint {
  year: number;
  povertyIncidence?: number | null;
  collectiveIncome: number;
}

export function VillageTrends({ ctx, years, thresholds }: { ctx: DetailContext; years: readonly VillageYearPoint[]; thresholds: Thresholds }) {
  const m = ctx.messages;
  const f = formats(m);
  return (
    <>
      <TrendChart
        title={m.trendIncidence}
        points={years.map((y) => ({ year: y.year, value: y.povertyIncidence ?? null }))}
        year={ctx.year}
        line={{ value: thresholds.villageExitIncidence, label: m.exitLine(f.threshold(thresholds.villageExitIncidence)) }}
        format={(v) => f.percent(v)}
        messages={m}
        testId="detail-trend"
      />
      <TrendChart
        title={m.trendIncome}
        points={years.map((y) => ({ year: y.year, value: y.collectiveIncome }))}
        year={ctx.year}
        line={{ value: thresholds.weakIncomeBelow, label: m.weakLine(f.threshold(thresholds.weakIncomeBelow)) }}
        format={(v) => f.threshold(v)}
        messages={m}
        testId="detail-trend-income"
      />
    </>
  );
}

/** What counties and townships share: the year's aggregated figures and the incidence trend. */
import type { AtlasDetailCountyQuery } from '../../graphql/documents';
import { FigureList, LineBadge, formats, type DetailContext, type Figure } from './parts';
import { TrendChart } from './TrendChart';

type AreaFigures = NonNullable<AtlasDetailCountyQuery['county']['figures']>;
type TrendRow = AtlasDetailCountyQuery['county']['trend'][number];

interface AreaFiguresProps {
  ctx: DetailContext;
  figures: AreaFigures | null;
  trend: readonly TrendRow[];
  /** the exit line the incidence is compared with, % */
  exitLine: number;
}

export function AreaFiguresView({ ctx, figures, trend, exitLine }: AreaFiguresProps) {
  const m = ctx.messages;
  const f = formats(m);
  const line = f.threshold(exitLine);
  const list: Figure[] = figures
    ? [
        {
          key: 'povertyIncidence',
          label: m.povertyIncidence,
          value: figures.povertyIncidence == null ? m.none : f.percent(figures.povertyIncidence),
          raw: figures.povertyIncidence,
          note:
            figures.povertyIncidence == null ? null : figures.povertyIncidence < exitLine ? (
              <LineBadge ok text={m.belowLine(line)} />
            ) : (
              <LineBadge ok={false} text={m.aboveLine(line)} />
            ),
        },
        { key: 'poorPopulation', label: m.poorPopulation, value: f.persons(figures.poorPopulation), raw: figures.poorPopulation },
        { key: 'poorHouseholds', label: m.poorHouseholds, value: f.households(figures.poorHouseholds), raw: figures.poorHouseholds },
        { key: 'ruralPopulation', label: m.ruralPopulation, value: f.persons(figures.ruralPopulation), raw: figures.ruralPopulation },
        { key: 'villages', label: m.villageCount, value: f.count(figures.villages), raw: figures.villages },
        { key: 'weakVillages', label: m.weakVillages, value: f.count(figures.weakVillages), raw: figures.weakVillages },
        { key: 'strongVillages', label: m.strongVillages, value: f.count(figures.strongVillages), raw: figures.strongVillages },
        { key: 'softLaxCount', label: m.softLaxCount, value: f.count(figures.softLaxCount), raw: figures.softLaxCount },
        {
          key: 'collectiveIncomeMedian',
          label: m.collectiveIncomeMedian,
          value: figures.collectiveIncomeMedian == null ? m.none : f.money(figures.collectiveIncomeMedian),
          raw: figures.collectiveIncomeMedian,
        },
        {
          key: 'secretaryIsDirectorShare',
          label: m.secretaryIsDirectorShare,
          value: figures.secretaryIsDirectorShare == null ? m.none : f.percent(figures.secretaryIsDirectorShare),
          raw: figures.secretaryIsDirectorShare,
        },
      ]
    : [];
  return (
    <>
      <section className="detail-section" data-testid="detail-figures">
        <h3>{m.figuresOf(ctx.year)}</h3>
        {figures ? <FigureList figures={list} /> : <p className="detail-muted">{m.noFigures(ctx.year)}</p>}
      </section>
      <TrendChart
        title={m.trendIncidence}
        points={trend.map((t) => ({ year: t.year, value: t.povertyIncidence ?? null }))}
        year={ctx.year}
        line={{ value: exitLine, label: m.exitLine(line) }}
        format={(v) => f.percent(v)}
        messages={m}
        testId="detail-trend"
      />
    </>
  );
}

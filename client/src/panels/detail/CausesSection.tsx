/**
 * 致贫原因: the area's or village's poor households by main cause in the
 * atlas year, as horizontal bars (most households first), with the
 * households and share of each cause, and the whole chart in one sentence
 * for screen readers. Nothing when the year has no records.
 */
import { useQuery } from '@apollo/client/react';
import { ATLAS_POVERTY_CAUSES } from '../../graphql/documents';
import { causeBars, causeTotal, causesSummary } from '../../causes/causes';
import { causesMessagesFor } from '../../causes/messages';
import { Section, Status, type DetailContext } from './parts';
import '../../causes/causes.css';

export function CausesSection({ ctx, level, code }: { ctx: DetailContext; level: 'village' | 'township' | 'county'; code: string }) {
  const m = causesMessagesFor(ctx.messages.nameField);
  const result = useQuery(ATLAS_POVERTY_CAUSES, {
    variables: { code, year: ctx.year, village: level === 'village', township: level === 'township', county: level === 'county' },
  });
  if (result.error) return <Status ctx={ctx} loading={false} error={result.error} />;
  // Only the answer of this place and year (not the last year's while the next loads): the chart is labelled by its year.
  const place = result.data?.[level];
  const list = place?.code === code ? place.povertyCauses : null;
  const year = ctx.year;
  if (!list || list.length === 0) return null;
  const bars = causeBars(m, list);
  return (
    <Section title={m.chartTitle} testId="detail-causes">
      <figure className="causes-figure" data-year={year} data-top-cause={bars[0]?.cause}>
        <figcaption className="detail-muted">{causeTotal(m, year, list)}</figcaption>
        {/* The sentence is what a screen reader reads; the bars repeat it for the eye. */}
        <p className="visually-hidden" data-testid="causes-summary">
          {causesSummary(m, year, list)}
        </p>
        <ol className="causes-chart" aria-hidden="true" data-testid="causes-chart">
          {bars.map((bar) => (
            <li key={bar.cause} data-cause={bar.cause} data-households={bar.households}>
              <span className="cause-name">{bar.label}</span>
              <span className="cause-bar">
                <span className="cause-fill" style={{ width: `calc((100% - 8em) * ${bar.width / 100})` }} />
                <span className="cause-value">{bar.text}</span>
              </span>
            </li>
          ))}
        </ol>
      </figure>
    </Section>
  );
}

/**
 * 项目进度: a project's stage, funds planned and delivered, jobs, dividends
 * and share capital, year by year with the atlas year marked; the funds of
 * that year by source on demand; the sums over the years.
 */
import { useId, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_PROJECT_PROGRESS } from '../../graphql/documents';
import { formatNumber } from '../../map/messages';
import { Section, Status, answerFor, type DetailContext } from './parts';
import { focusYear, fundsBySource, progressLines } from './project-progress';
import { progressMessagesFor } from './progress-messages';
import './project-progress.css';

export function ProjectProgress({ ctx, id }: { ctx: DetailContext; id: number }) {
  const m = progressMessagesFor(ctx.messages.nameField);
  const [bySource, setBySource] = useState(false);
  const sourcesId = useId();
  const result = useQuery(ATLAS_PROJECT_PROGRESS, { variables: { id } });
  const data = answerFor(result, (d) => d.industryProject.id === id);
  if (result.error) return <Status ctx={ctx} loading={false} error={result.error} />;
  if (!data) return null;
  const p = data.industryProject;
  const money = (x: number) => formatNumber(m, x, 2);
  const int = (x: number) => formatNumber(m, x);
  const percent = (x: number | null) => (x === null ? null : `${formatNumber(m, x, 1)}%`);
  const lines = progressLines(p.progress, ctx.year);
  const current = lines.find((l) => l.current);
  const focus = focusYear(p.progress, ctx.year);
  const paying = current && (current.stage === 'OPERATING' || current.stage === 'EFFECTIVE');
  // The atlas year's line: only the parts with something to say.
  const nowParts = current
    ? [
        current.plannedTotal > 0 || current.deliveredTotal > 0 ? m.funds(money(current.plannedTotal), money(current.deliveredTotal), percent(current.deliveredPercent)) : null,
        current.jobs > 0 ? m.jobs(int(current.jobs)) : null,
        current.dividendsPoor > 0 ? m.dividends(int(current.dividendHouseholds), money(current.dividendsPoor)) : null,
        paying && current.dividendsPoor === 0 && p.beneficiaryPoorHouseholds > 0 ? m.noDividend : null,
        current.shareCapitalPoor > 0 ? m.shareCapital(money(current.shareCapitalPoor)) : null,
      ].filter((part): part is string => part !== null)
    : [];
  return (
    <Section title={m.section} testId="detail-progress">
      {lines.length === 0 ? (
        <p className="detail-muted">{m.none}</p>
      ) : (
        <>
          {current ? (
            <p className="progress-now" data-testid="progress-now" data-year={current.year} data-stage={current.stage}>
              <span className={`progress-stage stage-${current.stage.toLowerCase()}`}>{m.inYear(current.year, m.stages[current.stage])}</span>{' '}
              {nowParts.join(m.separator)}
            </p>
          ) : (
            <p className="detail-muted" data-testid="progress-now" data-year={ctx.year}>
              {m.notInYear(ctx.year)}
            </p>
          )}
          <table className="progress-table" data-testid="progress-table">
            <caption className="visually-hidden">{m.tableLabel}</caption>
            <thead>
              <tr>
                <th scope="col">{m.year}</th>
                <th scope="col">{m.stage}</th>
                <th scope="col">{m.planned}</th>
                <th scope="col">{m.delivered}</th>
                <th scope="col">{m.jobsHead}</th>
                <th scope="col">{m.dividendsHead}</th>
                <th scope="col">{m.shareCapitalHead}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.year} data-year={l.year} data-stage={l.stage} className={l.current ? 'is-current' : undefined} aria-current={l.current ? 'true' : undefined}>
                  <th scope="row">
                    {l.year}
                    {l.current ? <span className="visually-hidden">{m.currentYear}</span> : null}
                  </th>
                  <td>
                    <span className={`progress-stage stage-${l.stage.toLowerCase()}`}>{m.stages[l.stage]}</span>
                  </td>
                  <td>{money(l.plannedTotal)}</td>
                  <td className={l.lagging ? 'is-lagging' : undefined} title={l.lagging ? m.lagging : undefined}>
                    {money(l.deliveredTotal)}
                    {l.lagging ? <span className="visually-hidden">（{m.lagging}）</span> : null}
                  </td>
                  <td>{int(l.jobs)}</td>
                  <td>{money(l.dividendsPoor)}</td>
                  <td>{money(l.shareCapitalPoor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="detail-note" data-testid="progress-totals">
            {m.totals(p.progressSummary.years, money(p.progressSummary.planned), money(p.progressSummary.delivered), money(p.progressSummary.dividendsPoor), money(p.progressSummary.shareCapitalPoor))}
          </p>
          {focus ? (
            <>
              <button type="button" className="progress-sources-toggle" aria-expanded={bySource} aria-controls={sourcesId} onClick={() => setBySource((v) => !v)}>
                {bySource ? m.hideSources : m.showSources}
              </button>
              {bySource ? (
                <table id={sourcesId} className="progress-table progress-sources" data-testid="progress-sources" data-year={focus.year}>
                  <caption>{m.sourcesLabel(focus.year)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.source}</th>
                      <th scope="col">{m.planned}</th>
                      <th scope="col">{m.delivered}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fundsBySource(focus).map((f) => (
                      <tr key={f.source} data-source={f.source}>
                        <th scope="row">{m.sources[f.source]}</th>
                        <td>{money(f.planned)}</td>
                        <td>{money(f.delivered)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </Section>
  );
}

/**
 * A county: its figures and incidence trend, its weakest villages (weak by the
 * rule, lowest collective income first) with who helps each, and its
 * townships (drill down).
 */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_COUNTY } from '../../graphql/documents';
import { AreaFiguresView } from './area';
import { CausesSection } from './CausesSection';
import { FigureSourceSection } from './FigureSourceSection';
import { AssessmentSection } from './AssessmentSection';
import { FindingsSection } from './FindingsSection';
import { WarningsSection } from '../../warnings/WarningsSection';
import { HelperLinks } from './links';
import { DetailHeader, DetailPending, LinkButton, LinkItem, ListSection, Section, Status, answerFor, formats, nameOf, useShowOnMap, type DetailPartProps } from './parts';

/** How many of the weakest villages the panel lists. */
const WEAKEST = 5;

export function CountyDetail({ ctx, id: code }: DetailPartProps) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_COUNTY, { variables: { code, year: ctx.year, weakest: WEAKEST } });
  const data = answerFor(result, (d) => d.county.code === code);
  const geometries = useMemo(() => (data ? [data.county.boundary] : null), [data]);
  useShowOnMap(ctx, { kind: 'county', id: code }, geometries);
  const f = formats(m);

  if (!data) return <DetailPending ctx={ctx} kind="county" error={result.error} />;
  const { county, villages } = data;
  const subtitle = [
    m.countyKinds[county.kind],
    county.keyPoorCounty ? m.keyPoorCounty : null,
    county.exitedYear != null ? m.exitedIn(county.exitedYear) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <DetailHeader ctx={ctx} kind="county" title={nameOf(m, county)} subtitle={subtitle} />
      <Status ctx={ctx} loading={false} error={result.error} />
      <AreaFiguresView
        ctx={ctx}
        figures={county.figures ?? null}
        trend={county.trend}
        exitLine={data.prefecture.thresholds.countyExitIncidence}
      />
      <FigureSourceSection ctx={ctx} code={code} />
      <CausesSection ctx={ctx} level="county" code={code} />
      <AssessmentSection ctx={ctx} level="COUNTY" code={code} />
      <FindingsSection ctx={ctx} code={code} />
      <WarningsSection ctx={ctx} code={code} />
      <Section title={m.weakestVillages(villages.items.length, villages.totalCount)} testId="detail-weakest">
        {villages.items.length === 0 ? (
          <p className="detail-muted">{m.noWeakVillages}</p>
        ) : (
          <>
            <p className="detail-muted">{m.weakestNote}</p>
            <ol className="detail-list">
              {villages.items.map((v) => (
                <li key={v.code} data-testid="weakest-village">
                  <LinkButton ctx={ctx} to={{ kind: 'village', id: v.code }} testId="weakest-village-link">
                    {nameOf(m, v)}
                  </LinkButton>
                  <span className="detail-meta">
                    {nameOf(m, v.township)}
                    {v.figures && ` · ${f.money(v.figures.collectiveIncome)}`}
                    {v.figures && v.figures.weakReasons.length > 0 && ` · ${v.figures.weakReasons.map((r) => m.weakReasons[r] ?? r).join('、')}`}
                  </span>
                  <div className="detail-sub">
                    <span className="detail-sub-label">{m.helpedBy}：</span>
                    <HelperLinks ctx={ctx} pairings={v.pairingsReceived.filter((p) => p.activeIn)} />
                  </div>
                </li>
              ))}
            </ol>
          </>
        )}
      </Section>
      <ListSection ctx={ctx} title={m.townships} items={county.townships} testId="detail-townships" className="detail-list columns">
        {(t) => (
          <LinkItem
            key={t.code}
            ctx={ctx}
            to={{ kind: 'township', id: t.code }}
            label={nameOf(m, t)}
            meta={t.figures?.povertyIncidence != null && f.percent(t.figures.povertyIncidence)}
          />
        )}
      </ListSection>
    </>
  );
}

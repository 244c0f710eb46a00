/** A township: its figures and incidence trend, its county (drill up) and its villages (drill down). */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_TOWNSHIP } from '../../graphql/documents';
import { AreaFiguresView } from './area';
import { CausesSection } from './CausesSection';
import { AssessmentSection } from './AssessmentSection';
import { FindingsSection } from './FindingsSection';
import { WarningsSection } from '../../warnings/WarningsSection';
import { DetailHeader, DetailPending, LinkItem, ListSection, Status, answerFor, formats, nameOf, useShowOnMap, type DetailPartProps } from './parts';

export function TownshipDetail({ ctx, id: code }: DetailPartProps) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_TOWNSHIP, { variables: { code, year: ctx.year } });
  const data = answerFor(result, (d) => d.township.code === code);
  const geometries = useMemo(() => (data ? [data.township.boundary] : null), [data]);
  useShowOnMap(ctx, { kind: 'township', id: code }, geometries);
  const f = formats(m);

  if (!data) return <DetailPending ctx={ctx} kind="township" error={result.error} />;
  const { township } = data;
  return (
    <>
      <DetailHeader
        ctx={ctx}
        kind="township"
        title={nameOf(m, township)}
        subtitle={m.townshipKinds[township.kind]}
        trail={[{ kind: 'county', id: township.county.code, label: nameOf(m, township.county) }]}
      />
      <Status ctx={ctx} loading={false} error={result.error} />
      <AreaFiguresView
        ctx={ctx}
        figures={township.figures ?? null}
        trend={township.trend}
        exitLine={data.prefecture.thresholds.countyExitIncidence}
      />
      <CausesSection ctx={ctx} level="township" code={code} />
      <AssessmentSection ctx={ctx} level="TOWNSHIP" code={code} />
      <FindingsSection ctx={ctx} code={code} />
      <WarningsSection ctx={ctx} code={code} />
      <ListSection ctx={ctx} title={m.villagesOfTownship} items={township.villages} testId="detail-villages">
        {(v) => (
          <LinkItem
            key={v.code}
            ctx={ctx}
            to={{ kind: 'village', id: v.code }}
            label={nameOf(m, v)}
            meta={
              v.figures &&
              [m.statuses[v.figures.status], m.strengths[v.figures.strength], v.figures.povertyIncidence != null ? f.percent(v.figures.povertyIncidence) : null]
                .filter(Boolean)
                .join(' · ')
            }
          />
        )}
      </ListSection>
    </>
  );
}

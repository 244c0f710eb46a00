/**
 * An alliance (联合党委): centre and members (each with its strength in the
 * year), platform company, cooperatives, households reached; its trend is the
 * poverty incidence of its member villages together, summed from their years.
 * In a year before its founding the panel says so and mutes its members.
 */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_ALLIANCE, type AtlasDetailAllianceQuery } from '../../graphql/documents';
import { DetailHeader, DetailPending, LinkButton, LinkItem, ListSection, Section, Status, answerFor, formats, nameOf, useShowOnMap, type DetailPartProps } from './parts';
import { StateInYear, periodIn } from './period';
import { TrendChart, type TrendPoint } from './TrendChart';

export function AllianceDetail({ ctx, id }: DetailPartProps) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_ALLIANCE, { variables: { id: Number(id), year: ctx.year } });
  const data = answerFor(result, (d) => String(d.alliance.id) === id);
  const geometries = useMemo(() => (data ? [data.alliance.footprint ?? data.alliance.centre.location] : null), [data]);
  useShowOnMap(ctx, { kind: 'alliance', id }, geometries);
  const trend = useMemo(() => (data ? membersIncidence(data.alliance.members) : []), [data]);

  if (!data) return <DetailPending ctx={ctx} kind="alliance" error={result.error} />;
  const { alliance } = data;
  const f = formats(m);
  const exitLine = data.prefecture.thresholds.villageExitIncidence;
  // Before its founding the villages are listed as they joined, muted.
  const founded = periodIn(ctx.year, alliance.foundedYear, null);
  return (
    <>
      <DetailHeader
        ctx={ctx}
        kind="alliance"
        title={alliance.name}
        subtitle={
          <>
            {m.foundedIn(alliance.foundedYear)}
            {founded !== 'current' && (
              <>
                {' · '}
                <StateInYear ctx={ctx} kind="alliance" start={alliance.foundedYear} end={null} />
              </>
            )}
          </>
        }
      />
      <Status ctx={ctx} loading={false} error={result.error} />
      <p className="detail-lead" data-testid="alliance-reach">
        {m.householdsReached(f.int(alliance.householdsReached), f.int(alliance.poorHouseholdsReached))}
      </p>
      <TrendChart
        title={m.trendIncidence}
        points={trend}
        year={ctx.year}
        line={{ value: exitLine, label: m.exitLine(f.threshold(exitLine)) }}
        format={(v) => f.percent(v)}
        messages={m}
        testId="detail-trend"
      />
      <Section title={m.allianceCentre}>
        <LinkButton ctx={ctx} to={{ kind: 'village', id: alliance.centre.code }}>
          {nameOf(m, alliance.centre)}
        </LinkButton>
      </Section>
      <ListSection ctx={ctx} title={m.allianceMembers(alliance.members.length)} items={alliance.members} testId="detail-members" className="detail-list columns">
        {(v) => (
          <LinkItem
            key={v.code}
            ctx={ctx}
            to={{ kind: 'village', id: v.code }}
            label={nameOf(m, v)}
            meta={v.figures && m.strengths[v.figures.strength]}
            className={founded === 'current' ? undefined : 'inactive'}
          />
        )}
      </ListSection>
      <Section title={m.platformCompany}>
        <p>{alliance.platformCompany?.name ?? m.none}</p>
      </Section>
      <Section title={m.cooperatives}>
        {alliance.cooperatives.length === 0 ? <p className="detail-muted">{m.none}</p> : <p>{alliance.cooperatives.map((c) => c.name).join('、')}</p>}
      </Section>
    </>
  );
}

/** The members' poor population ÷ their rural population, year by year (the definition of incidence, over the group). */
function membersIncidence(members: AtlasDetailAllianceQuery['alliance']['members']): TrendPoint[] {
  const byYear = new Map<number, { poor: number; rural: number }>();
  for (const v of members) {
    for (const y of v.years) {
      const sum = byYear.get(y.year) ?? { poor: 0, rural: 0 };
      sum.poor += y.poorPopulation;
      sum.rural += y.ruralPopulation;
      byYear.set(y.year, sum);
    }
  }
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, { poor, rural }]) => ({ year, value: rural > 0 ? (poor / rural) * 100 : null }));
}

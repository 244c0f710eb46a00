/**
 * A village: its figures in the year and over the years, and its links: the
 * township and county above it, its party branch, alliance, who helps it and
 * whom it helps, its industry projects, assisting units and work teams.
 */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_VILLAGE, type AtlasDetailVillageQuery } from '../../graphql/documents';
import { focusBox } from './bounds';
import { HelperLinks } from './links';
import { DetailHeader, DetailPending, FigureList, LineBadge, LinkButton, LinkItem, ListSection, Section, Status, answerFor, formats, nameOf, useFocusOnce, type DetailContext, type Figure } from './parts';
import { VillageTrends } from './village-trend';

type Village = AtlasDetailVillageQuery['village'];

export function VillageDetail({ ctx, code }: { ctx: DetailContext; code: string }) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_VILLAGE, { variables: { code, year: ctx.year } });
  const data = answerFor(result, (d) => d.village.code === code);
  const bbox = useMemo(() => (data ? focusBox([data.village.location]) : null), [data]);
  useFocusOnce(`village:${code}`, bbox, ctx.onFocus);

  if (!data) return <DetailPending ctx={ctx} kind="village" error={result.error} />;
  const { village } = data;
  const { township } = village;
  const helping = village.pairingsReceived.filter((p) => p.activeIn);
  const helped = village.pairingsGiven.filter((p) => p.activeIn);
  const otherPairings = village.pairingsReceived.length + village.pairingsGiven.length - helping.length - helped.length;
  return (
    <>
      <DetailHeader
        ctx={ctx}
        kind="village"
        title={nameOf(m, village)}
        subtitle={[m.villageKinds[village.kind], village.figures ? m.statuses[village.figures.status] : null].filter(Boolean).join(' · ')}
        trail={[
          { kind: 'county', id: township.county.code, label: nameOf(m, township.county) },
          { kind: 'township', id: township.code, label: nameOf(m, township) },
        ]}
      />
      <Status ctx={ctx} loading={false} error={result.error} />
      <section className="detail-section" data-testid="detail-figures">
        <h3>{m.figuresOf(ctx.year)}</h3>
        {village.figures ? <FigureList figures={villageFigures(ctx, village.figures, data.prefecture.thresholds)} /> : <p className="detail-muted">{m.noFigures(ctx.year)}</p>}
      </section>
      <VillageTrends ctx={ctx} years={village.years} thresholds={data.prefecture.thresholds} />
      <Section title={m.helpedBy} testId="detail-helpers">
        <HelperLinks ctx={ctx} pairings={helping} />
        <PairingKinds ctx={ctx} pairings={helping} />
      </Section>
      {helped.length > 0 && (
        <Section title={m.helpsOthers} testId="detail-helped">
          <ul className="detail-list">
            {helped.map((p) => (
              <li key={p.id}>
                <LinkButton ctx={ctx} to={{ kind: 'village', id: p.helpedVillage.code }}>
                  {nameOf(m, p.helpedVillage)}
                </LinkButton>
                <PairingMeta ctx={ctx} pairing={p} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      {otherPairings > 0 && <p className="detail-muted">{m.otherYears(otherPairings)}</p>}
      <Section title={m.branch} testId="detail-branch">
        <p>
          {village.branch.name}
          {village.branch.focus && <span className="detail-meta">{m.branchFocus[village.branch.focus]}</span>}
          {village.branch.governance15 && <span className="detail-meta">{m.governance15}</span>}
        </p>
      </Section>
      <Section title={m.alliance} testId="detail-alliance">
        {village.alliance ? (
          <p>
            <LinkButton ctx={ctx} to={{ kind: 'alliance', id: String(village.alliance.id) }}>
              {village.alliance.name}
            </LinkButton>
            <span className="detail-meta">
              {m.allianceCentre}：{nameOf(m, village.alliance.centre)}
            </span>
          </p>
        ) : (
          <p className="detail-muted">{m.noAlliance}</p>
        )}
      </Section>
      <Links ctx={ctx} village={village} />
    </>
  );
}

function villageFigures(ctx: DetailContext, y: NonNullable<Village['figures']>, t: AtlasDetailVillageQuery['prefecture']['thresholds']): Figure[] {
  const m = ctx.messages;
  const f = formats(m);
  const exit = f.threshold(t.villageExitIncidence);
  return [
    {
      key: 'povertyIncidence',
      label: m.povertyIncidence,
      value: y.povertyIncidence == null ? m.none : f.percent(y.povertyIncidence),
      raw: y.povertyIncidence,
      note: y.povertyIncidence == null ? null : <LineBadge ok={y.povertyIncidence < t.villageExitIncidence} text={y.povertyIncidence < t.villageExitIncidence ? m.belowLine(exit) : m.aboveLine(exit)} />,
    },
    { key: 'poorPopulation', label: m.poorPopulation, value: f.persons(y.poorPopulation), raw: y.poorPopulation },
    { key: 'poorHouseholds', label: m.poorHouseholds, value: f.households(y.poorHouseholds), raw: y.poorHouseholds },
    { key: 'ruralPopulation', label: m.ruralPopulation, value: f.persons(y.ruralPopulation), raw: y.ruralPopulation },
    {
      key: 'collectiveIncome',
      label: m.collectiveIncome,
      value: f.money(y.collectiveIncome),
      raw: y.collectiveIncome,
      note: y.collectiveIncome < t.weakIncomeBelow ? <LineBadge ok={false} text={m.belowWeakLine(f.threshold(t.weakIncomeBelow))} /> : null,
    },
    {
      key: 'strength',
      label: m.strength,
      value: m.strengths[y.strength],
      raw: y.strength,
      note: y.weakReasons.length > 0 ? y.weakReasons.map((r) => m.weakReasons[r] ?? r).join('、') : null,
    },
    { key: 'branchRating', label: m.branchRating, value: m.branchRatings[y.branchRating], raw: y.branchRating },
    { key: 'partyMembers', label: m.partyMembers, value: f.persons(y.partyMembers), raw: y.partyMembers },
    { key: 'secretaryIsDirector', label: m.secretaryIsDirector, value: y.secretaryIsDirector ? m.yes : m.no, raw: y.secretaryIsDirector },
    { key: 'softLax', label: m.softLax, value: y.softLax ? m.yes : m.no, raw: y.softLax },
  ];
}

/** Kind and period of a pairing, a link to the pairing's own panel. */
function PairingMeta({ ctx, pairing }: { ctx: DetailContext; pairing: Village['pairingsGiven'][number] | Village['pairingsReceived'][number] }) {
  const m = ctx.messages;
  return (
    <span className="detail-meta">
      <LinkButton ctx={ctx} to={{ kind: 'pairing', id: String(pairing.id) }}>
        {m.pairingKinds[pairing.kind]}
      </LinkButton>{' '}
      {m.period(pairing.startYear, pairing.endYear)}
    </span>
  );
}

function PairingKinds({ ctx, pairings }: { ctx: DetailContext; pairings: Village['pairingsReceived'] }) {
  if (pairings.length === 0) return null;
  return (
    <ul className="detail-list compact">
      {pairings.map((p) => (
        <li key={p.id}>
          <PairingMeta ctx={ctx} pairing={p} />
        </li>
      ))}
    </ul>
  );
}

/** Projects, assisting units and work teams. */
function Links({ ctx, village }: { ctx: DetailContext; village: Village }) {
  const m = ctx.messages;
  const f = formats(m);
  return (
    <>
      <ListSection ctx={ctx} title={m.projects} items={village.industryProjects} testId="detail-projects">
        {(p) => (
          <LinkItem
            key={p.id}
            ctx={ctx}
            to={{ kind: 'project', id: String(p.id) }}
            label={p.name}
            meta={`${m.industryTypes[p.type]} · ${f.money(p.investmentTotal)}`}
            className={p.activeIn ? undefined : 'inactive'}
          />
        )}
      </ListSection>
      <ListSection ctx={ctx} title={m.assistingUnits} items={village.assignments} testId="detail-units">
        {(a) => (
          <li key={a.id}>
            {a.unit.name}
            <span className="detail-meta">
              {m.period(a.startYear, a.endYear)} · {m.funds(f.threshold(a.fundsTotal))}
            </span>
          </li>
        )}
      </ListSection>
      <ListSection ctx={ctx} title={m.workTeams} items={village.workTeams} testId="detail-work-teams">
        {(w) => (
          <li key={w.id}>
            {m.workTeam(w.dispatchingUnit.name, w.members)}
            <span className="detail-meta">{m.period(w.startYear, w.endYear)}</span>
          </li>
        )}
      </ListSection>
    </>
  );
}

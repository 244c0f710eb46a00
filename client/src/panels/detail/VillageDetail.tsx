/**
 * A village: its figures in the year and over the years, and its links: the
 * township and county above it, its party branch, alliance, who helps it and
 * whom it helps, its industry projects, assisting units and work teams. A link
 * that does not run in the panel's year (an alliance founded later, a project
 * not started yet, a pairing over) is listed muted, saying so (period.tsx);
 * who helps it and whom it helps are the year's pairings, the others listed apart.
 */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_VILLAGE, type AtlasDetailVillageQuery } from '../../graphql/documents';
import { AssessmentSection } from './AssessmentSection';
import { FindingsSection } from './FindingsSection';
import { WarningsSection } from '../../warnings/WarningsSection';
import { HelperLinks } from './links';
import { CausesSection } from './CausesSection';
import { DetailHeader, DetailPending, FigureList, LineBadge, LinkButton, ListSection, Section, Status, answerFor, formats, nameOf, useShowOnMap, type DetailContext, type DetailPartProps, type Figure } from './parts';
import { PeriodRow, PeriodTag, byPeriod, periodIn } from './period';
import { VillageTrends } from './village-trend';

type Village = AtlasDetailVillageQuery['village'];

export function VillageDetail({ ctx, id: code }: DetailPartProps) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_VILLAGE, { variables: { code, year: ctx.year } });
  const data = answerFor(result, (d) => d.village.code === code);
  const geometries = useMemo(() => (data ? [data.village.location] : null), [data]);
  useShowOnMap(ctx, { kind: 'village', id: code }, geometries);

  if (!data) return <DetailPending ctx={ctx} kind="village" error={result.error} />;
  const { village } = data;
  const { township } = village;
  const running = (p: { startYear: number; endYear?: number | null }) => periodIn(ctx.year, p.startYear, p.endYear ?? null) === 'current';
  const helping = village.pairingsReceived.filter(running);
  const helped = village.pairingsGiven.filter(running);
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
      <CausesSection ctx={ctx} level="village" code={code} />
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
      <OtherPairings ctx={ctx} village={village} />
      <AssessmentSection ctx={ctx} level="VILLAGE" code={code} />
      <FindingsSection ctx={ctx} code={code} />
      <WarningsSection ctx={ctx} code={code} />
      <Section title={m.branch} testId="detail-branch">
        <p>
          {village.branch.name}
          {village.branch.focus && <span className="detail-meta">{m.branchFocus[village.branch.focus]}</span>}
          {village.branch.governance15 && <span className="detail-meta">{m.governance15}</span>}
        </p>
      </Section>
      <Section title={m.alliance} testId="detail-alliance">
        {village.alliance ? (
          <AllianceLink ctx={ctx} alliance={village.alliance} />
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

/** The village's alliance: muted, saying when it was founded, in a year before that. */
function AllianceLink({ ctx, alliance }: { ctx: DetailContext; alliance: NonNullable<Village['alliance']> }) {
  const m = ctx.messages;
  const period = periodIn(ctx.year, alliance.foundedYear, null);
  return (
    <p className={period === 'current' ? undefined : 'inactive'} data-period={period}>
      <LinkButton ctx={ctx} to={{ kind: 'alliance', id: String(alliance.id) }}>
        {alliance.name}
      </LinkButton>
      <span className="detail-meta">
        {m.allianceCentre}：{nameOf(m, alliance.centre)}
      </span>
      <PeriodTag ctx={ctx} kind="alliance" start={alliance.foundedYear} end={null} />
    </p>
  );
}

type VillagePairing = Village['pairingsGiven'][number] | Village['pairingsReceived'][number];

/** Kind and period of a pairing, a link to the pairing's own panel. */
function PairingMeta({ ctx, pairing }: { ctx: DetailContext; pairing: VillagePairing }) {
  const m = ctx.messages;
  return (
    <span className="detail-meta">
      <LinkButton ctx={ctx} to={{ kind: 'pairing', id: String(pairing.id) }}>
        {m.pairingKinds[pairing.kind]}
      </LinkButton>
      <PeriodTag ctx={ctx} kind="pairing" start={pairing.startYear} end={pairing.endYear ?? null} />
    </span>
  );
}

/** The village's pairings that do not run in the year (not begun yet, or over), both ways, muted. */
function OtherPairings({ ctx, village }: { ctx: DetailContext; village: Village }) {
  const m = ctx.messages;
  const span = (p: VillagePairing) => ({ start: p.startYear, end: p.endYear ?? null });
  const other = [
    ...byPeriod(ctx.year, village.pairingsReceived, span).map(({ item, period }) => ({ period, pairing: item, other: item.helperVillage, organisation: item.helperOrganisation })),
    ...byPeriod(ctx.year, village.pairingsGiven, span).map(({ item, period }) => ({ period, pairing: item, other: item.helpedVillage, organisation: null })),
  ].filter((p) => p.period !== 'current');
  if (other.length === 0) return null;
  return (
    <Section title={m.otherYears(other.length)} testId="detail-other-pairings">
      <ul className="detail-list">
        {other.map(({ period, pairing, other: end, organisation }) => (
          <PeriodRow key={pairing.id} period={period}>
            {end ? (
              <LinkButton ctx={ctx} to={{ kind: 'village', id: end.code }}>
                {nameOf(m, end)}
              </LinkButton>
            ) : (
              <span>{m.helpedByEnterprise(organisation?.name ?? m.none)}</span>
            )}
            <PairingMeta ctx={ctx} pairing={pairing} />
          </PeriodRow>
        ))}
      </ul>
    </Section>
  );
}

function PairingKinds({ ctx, pairings }: { ctx: DetailContext; pairings: readonly Village['pairingsReceived'][number][] }) {
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

/** Projects, assisting units and work teams, each with its state in the year; those not running muted. */
function Links({ ctx, village }: { ctx: DetailContext; village: Village }) {
  const m = ctx.messages;
  const f = formats(m);
  const span = (link: { startYear: number; endYear?: number | null }) => ({ start: link.startYear, end: link.endYear ?? null });
  return (
    <>
      <ListSection ctx={ctx} title={m.projects} items={byPeriod(ctx.year, village.industryProjects, span)} testId="detail-projects">
        {({ item: p, period }) => (
          <PeriodRow key={p.id} period={period}>
            <LinkButton ctx={ctx} to={{ kind: 'project', id: String(p.id) }}>
              {p.name}
            </LinkButton>
            <span className="detail-meta">
              {m.industryTypes[p.type]} · {f.money(p.investmentTotal)}
            </span>
            <PeriodTag ctx={ctx} kind="project" start={p.startYear} end={p.endYear ?? null} />
          </PeriodRow>
        )}
      </ListSection>
      <ListSection ctx={ctx} title={m.assistingUnits} items={byPeriod(ctx.year, village.assignments, span)} testId="detail-units">
        {({ item: a, period }) => (
          <PeriodRow key={a.id} period={period}>
            {a.unit.name}
            <span className="detail-meta">{m.funds(f.threshold(a.fundsTotal))}</span>
            <PeriodTag ctx={ctx} kind="assignment" start={a.startYear} end={a.endYear ?? null} />
          </PeriodRow>
        )}
      </ListSection>
      <ListSection ctx={ctx} title={m.workTeams} items={byPeriod(ctx.year, village.workTeams, span)} testId="detail-work-teams">
        {({ item: w, period }) => (
          <PeriodRow key={w.id} period={period}>
            {m.workTeam(w.dispatchingUnit.name, w.members)}
            <PeriodTag ctx={ctx} kind="workTeam" start={w.startYear} end={w.endYear ?? null} />
          </PeriodRow>
        )}
      </ListSection>
    </>
  );
}

/**
 * A pairing: its two ends (the helper a village or an enterprise), kind,
 * period and distance; the helped village's trends show what the help is for.
 */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_PAIRING, type VillageStrength } from '../../graphql/documents';
import { DetailHeader, DetailPending, FigureList, LinkItem, Section, Status, answerFor, nameOf, useShowOnMap, type DetailContext, type DetailPartProps } from './parts';
import { StateInYear, periodIn } from './period';
import { VillageTrends } from './village-trend';

/** One end of the pairing: the village as a link, with its strength in the year. */
function VillageEnd({ ctx, village }: { ctx: DetailContext; village: { code: string; name: string; nameEn: string; figures: { strength: VillageStrength } | null } }) {
  return (
    <ul className="detail-list">
      <LinkItem ctx={ctx} to={{ kind: 'village', id: village.code }} label={nameOf(ctx.messages, village)} meta={village.figures && ctx.messages.strengths[village.figures.strength]} />
    </ul>
  );
}

export function PairingDetail({ ctx, id }: DetailPartProps) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_PAIRING, { variables: { id: Number(id), year: ctx.year } });
  const data = answerFor(result, (d) => String(d.pairing.id) === id);
  const geometries = useMemo(
    () => (data ? [data.pairing.line, data.pairing.helpedVillage.location, data.pairing.helperVillage?.location] : null),
    [data],
  );
  useShowOnMap(ctx, { kind: 'pairing', id }, geometries);

  if (!data) return <DetailPending ctx={ctx} kind="pairing" error={result.error} />;
  const { pairing } = data;
  const { helperVillage, helpedVillage } = pairing;
  const helperName = helperVillage ? nameOf(m, helperVillage) : m.helpedByEnterprise(pairing.helperOrganisation?.name ?? m.none);
  const title = `${helperName} → ${nameOf(m, helpedVillage)}`;
  const period = periodIn(ctx.year, pairing.startYear, pairing.endYear ?? null);
  return (
    <>
      <DetailHeader ctx={ctx} kind="pairing" title={title} subtitle={`${m.pairingKinds[pairing.kind]} · ${m.period(pairing.startYear, pairing.endYear)}`} />
      <Status ctx={ctx} loading={false} error={result.error} />
      <Section title={m.figuresOf(ctx.year)}>
        <FigureList
          figures={[
            { key: 'period', label: m.pairingState, value: <StateInYear ctx={ctx} kind="pairing" start={pairing.startYear} end={pairing.endYear ?? null} />, raw: period },
            ...(pairing.distanceMeters == null
              ? []
              : [{ key: 'distance', label: m.distance, value: m.kilometres((pairing.distanceMeters / 1000).toLocaleString(m.numberLocale, { maximumFractionDigits: 1 })), raw: pairing.distanceMeters }]),
          ]}
        />
      </Section>
      <Section title={m.helper} testId="detail-helper">
        {helperVillage ? <VillageEnd ctx={ctx} village={helperVillage} /> : <p>{helperName}</p>}
      </Section>
      <Section title={m.helped} testId="detail-helped">
        <VillageEnd ctx={ctx} village={helpedVillage} />
      </Section>
      <VillageTrends ctx={ctx} years={helpedVillage.years} thresholds={data.prefecture.thresholds} />
    </>
  );
}

/**
 * An inspection finding (督查问题): its status as of the atlas year's day
 * (未整改 / 已逾期 / 已整改), deadline, responsible unit, rectification and
 * evidence, and the visit that found it, with a link to the place inspected.
 */
import { useQuery } from '@apollo/client/react';
import { ATLAS_FINDING } from '../../graphql/documents';
import { asOfDay } from '../../inspection/findings';
import { findingMessagesFor } from '../../inspection/messages';
import { DetailHeader, DetailPending, FigureList, LinkButton, Section, Status, answerFor, type DetailPartProps } from './parts';

const PLACE_KIND = { COUNTY: 'county', TOWNSHIP: 'township', VILLAGE: 'village' } as const;

export function FindingDetail({ ctx, id }: DetailPartProps) {
  const fm = findingMessagesFor(ctx.messages.nameField);
  const asOf = asOfDay(ctx.year);
  const result = useQuery(ATLAS_FINDING, { variables: { id: Number(id), asOf } });
  const data = answerFor(result, (d) => String(d.finding.id) === id && d.finding.asOf === asOf);
  const finding = data?.finding;
  if (!finding) return <DetailPending ctx={ctx} kind="finding" error={result.error} />;
  const place = finding.inspection.place;
  const nameField = ctx.messages.nameField;
  return (
    <>
      <DetailHeader
        ctx={ctx}
        kind="finding"
        title={finding.description}
        subtitle={
          <>
            {fm.categories[finding.category]} ·{' '}
            <span className={`finding-status finding-${finding.status.toLowerCase()}`} data-testid="finding-status" data-status={finding.status}>
              {fm.statuses[finding.status]}
            </span>{' '}
            · {fm.asOf(finding.asOf)}
          </>
        }
      />
      <Status ctx={ctx} loading={false} error={result.error} />
      <Section title={fm.finding} testId="finding-facts">
        <FigureList
          figures={[
            { key: 'status', label: fm.status, value: fm.statuses[finding.status], raw: finding.status },
            { key: 'deadline', label: fm.deadline, value: finding.deadline, raw: finding.deadline },
            { key: 'responsibleUnit', label: fm.responsibleUnit, value: finding.responsibleUnit, raw: finding.responsibleUnit },
            ...(finding.rectifiedOn
              ? [{ key: 'rectifiedOn', label: fm.rectifiedOn, value: `${finding.rectifiedOn} · ${finding.rectifiedOnTime ? fm.onTime : fm.late}`, raw: finding.rectifiedOn }]
              : []),
          ]}
        />
      </Section>
      <Section title={fm.evidence} testId="finding-evidence">
        <p>{finding.evidence ?? fm.noEvidence}</p>
      </Section>
      <Section title={fm.inspection}>
        <FigureList
          figures={[
            { key: 'inspectedOn', label: fm.inspectedOn, value: finding.inspection.inspectedOn, raw: finding.inspection.inspectedOn },
            { key: 'inspectingUnit', label: fm.inspectingUnit, value: finding.inspection.inspectingUnit, raw: finding.inspection.inspectingUnit },
            {
              key: 'place',
              label: `${fm.place} · ${fm.placeKinds[place.kind]}`,
              value: (
                <LinkButton ctx={ctx} to={{ kind: PLACE_KIND[place.kind], id: place.code }} testId="finding-place">
                  {place[nameField]}
                </LinkButton>
              ),
              raw: place.code,
            },
          ]}
        />
      </Section>
    </>
  );
}

/**
 * 督查整改 of an area or a village in the year: its findings by status (as
 * of the year's day) and its overdue and open ones, each a link to its panel.
 */
import { useQuery } from '@apollo/client/react';
import { ATLAS_AREA_FINDINGS } from '../../graphql/documents';
import { findingMessagesFor } from '../../inspection/messages';
import { LinkItem, Section, Status, answerFor, type DetailContext } from './parts';

export function FindingsSection({ ctx, code }: { ctx: DetailContext; code: string }) {
  const fm = findingMessagesFor(ctx.messages.nameField);
  const result = useQuery(ATLAS_AREA_FINDINGS, { variables: { year: ctx.year, areaCode: code } });
  const data = answerFor(result, (d) => d.findingCounts.asOf.startsWith(String(ctx.year)));
  if (result.error) return <Status ctx={ctx} loading={false} error={result.error} />;
  if (!data) return null;
  const c = data.findingCounts;
  const listed = data.findings.items;
  return (
    <Section title={fm.section} testId="detail-findings">
      <p className="detail-lead" data-testid="findings-counts" data-open={c.open} data-overdue={c.overdue} data-rectified={c.rectified}>
        {c.total === 0 ? fm.noFindings(ctx.year) : fm.counts({ open: c.open, overdue: c.overdue, rectified: c.rectified, late: c.rectifiedLate })}
      </p>
      {listed.length > 0 && (
        <ul className="detail-list">
          {listed.map((f) => (
            <LinkItem
              key={f.id}
              ctx={ctx}
              to={{ kind: 'finding', id: String(f.id) }}
              label={f.description}
              meta={`${fm.statuses[f.status]} · ${fm.due(f.deadline)}`}
              className={`finding-${f.status.toLowerCase()}`}
            />
          ))}
        </ul>
      )}
      {data.findings.totalCount > listed.length && <p className="detail-muted">{fm.more(data.findings.totalCount - listed.length)}</p>}
    </Section>
  );
}

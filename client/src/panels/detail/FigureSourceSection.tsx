/**
 * Where a county's figures of the year come from (数据来源: 报送 / 由村汇总),
 * by the prefecture's setting, and where the bureau reported figures and the
 * villages have figures too, how far apart they are (报送与汇总差异): the
 * data-quality line leaders ask for.
 */
import { useQuery } from '@apollo/client/react';
import { ATLAS_FIGURE_SOURCES } from '../../graphql/documents';
import { figureSourceLines } from './figure-source';
import { figureSourceMessagesFor } from './figure-source-messages';
import { Section, answerFor, formats, type DetailContext } from './parts';

export function FigureSourceSection({ ctx, code }: { ctx: DetailContext; code: string }) {
  const m = figureSourceMessagesFor(ctx.messages.nameField);
  const f = formats(ctx.messages);
  const result = useQuery(ATLAS_FIGURE_SOURCES, { variables: { code, year: ctx.year } });
  const data = answerFor(result, (d) => d.county.code === code);
  const lines = data ? figureSourceLines(m, { int: f.int, points: f.threshold }, data.county) : [];
  if (lines.length === 0) return null;
  return (
    <Section title={m.section} testId="detail-figure-source">
      {lines.map((l) => (
        <p key={l.testId} className="detail-muted" data-testid={l.testId} data-value={l.value}>
          {l.text}
        </p>
      ))}
    </Section>
  );
}

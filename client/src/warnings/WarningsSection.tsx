/**
 * 预警 in a village's, township's or county's panel: the year's warnings of
 * the place (inside it, for an area), most severe first, each with the
 * rule's sentence and who is responsible; an area's entry about a village
 * leads to that village's panel.
 */
import { useQuery } from '@apollo/client/react';
import { ATLAS_AREA_WARNINGS } from '../graphql/documents';
import { formatNumber } from '../map/messages';
import { LinkItem, Section, Status, answerFor, type DetailContext } from '../panels/detail/parts';
import { warningMessagesFor } from './messages';
import { LEVELS, warningPlace, warningSelection, warningSentence } from './warnings';

export function WarningsSection({ ctx, code }: { ctx: DetailContext; code: string }) {
  const m = warningMessagesFor(ctx.messages.nameField);
  const result = useQuery(ATLAS_AREA_WARNINGS, { variables: { year: ctx.year, areaCode: code } });
  const data = answerFor(result, (d) => d.warnings.year === ctx.year)?.warnings;
  if (result.error) return <Status ctx={ctx} loading={false} error={result.error} />;
  if (!data) return null;
  const n = (v: number) => formatNumber(ctx.messages, v);
  const level = (l: string) => data.byLevel.find((x) => x.level === l)?.count ?? 0;
  return (
    <Section title={m.section} testId="detail-warnings">
      <p className="detail-lead" data-testid="warnings-counts" data-total={data.totalCount}>
        {data.totalCount === 0 ? m.sectionNone(ctx.year) : m.kpiLevels(...(LEVELS.map((l) => n(level(l))) as [string, string, string]))}
      </p>
      {data.items.length > 0 && (
        <ul className="detail-list">
          {data.items.map((w) => {
            const meta = `${m.levels[w.level]} · ${m.rules[w.rule]}${w.responsible.length > 0 ? ` · ${m.responsible}：${w.responsible.map((r) => r.name).join('、')}` : ''}`;
            return w.areaCode === code ? (
              <li key={w.id} className={`warning-item level-${w.level.toLowerCase()}`} data-rule={w.rule}>
                {warningSentence(w, ctx.messages.nameField)}
                <span className="detail-meta">{meta}</span>
              </li>
            ) : (
              <LinkItem key={w.id} ctx={ctx} to={warningSelection(w)} label={`${warningPlace(w, ctx.messages.nameField)}：${warningSentence(w, ctx.messages.nameField)}`} meta={meta} className={`warning-item level-${w.level.toLowerCase()}`} />
            );
          })}
        </ul>
      )}
      {data.totalCount > data.items.length && <p className="detail-muted">{m.sectionMore(n(data.totalCount - data.items.length))}</p>}
    </Section>
  );
}

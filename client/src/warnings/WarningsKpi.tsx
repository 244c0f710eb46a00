/** The KPI bar's warnings figure: the year's warnings by level (红 · 橙 · 黄); a click opens the warnings list. */
import { Fragment } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_WARNING_COUNTS } from '../graphql/documents';
import { formatNumber } from '../map/messages';
import { warningMessagesForLocale } from './messages';
import { setWarningsOpen, useWarningsOpen } from './open-state';

const LEVELS = ['RED', 'ORANGE', 'YELLOW'] as const;

export function WarningsKpi({ year, numberLocale }: { year: number; numberLocale: string }) {
  const m = warningMessagesForLocale(numberLocale);
  const open = useWarningsOpen();
  const { data } = useQuery(ATLAS_WARNING_COUNTS, { variables: { year } });
  const counts = data?.warnings.year === year ? data.warnings : null;
  if (!counts) return null;
  const n = (v: number) => formatNumber({ numberLocale }, v);
  const level = (l: string) => counts.byLevel.find((x) => x.level === l)?.count ?? 0;
  return (
    <div className="kpi kpi-warnings" data-testid="kpi-warnings" data-total={counts.totalCount} data-red={level('RED')}>
      <dt>{m.kpiLabel}</dt>
      <dd>
        {/* Three bare figures in the label's order (红/橙/黄), each over its level's colour: words would not fit a phone's strip. */}
        <button type="button" className="kpi-warnings-open" aria-expanded={open} onClick={() => setWarningsOpen(!open)}>
          {LEVELS.map((l, i) => (
            <Fragment key={l}>
              {i > 0 ? '/' : ''}
              <span className={`kpi-level-${l.toLowerCase()}`}>{n(level(l))}</span>
            </Fragment>
          ))}
          {/* The words a screen reader says after the figures (its name holds the visible text, as WCAG 2.5.3 asks). */}
          <span className="visually-hidden">{` ${m.kpiLevels(n(level('RED')), n(level('ORANGE')), n(level('YELLOW')))}; ${m.openList}`}</span>
        </button>
      </dd>
    </div>
  );
}

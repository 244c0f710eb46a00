/** The KPI bar's warnings figure: the year's warnings by level (红 · 橙 · 黄); a click opens the warnings list. */
import { useQuery } from '@apollo/client/react';
import { ATLAS_WARNING_COUNTS } from '../graphql/documents';
import { formatNumber } from '../map/messages';
import { warningMessagesForLocale } from './messages';
import { setWarningsOpen, useWarningsOpen } from './open-state';

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
      <dt>{m.title}</dt>
      <dd>
        <button type="button" className="kpi-warnings-open" aria-expanded={open} aria-label={`${m.openList}: ${m.kpiLevels(n(level('RED')), n(level('ORANGE')), n(level('YELLOW')))}`} onClick={() => setWarningsOpen(!open)}>
          {m.kpiLevels(n(level('RED')), n(level('ORANGE')), n(level('YELLOW')))}
        </button>
      </dd>
    </div>
  );
}

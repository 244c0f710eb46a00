/** The KPI bar's findings figure: the year's open and overdue inspection findings across the region (as of the year's day). */
import { useQuery } from '@apollo/client/react';
import { ATLAS_FINDING_COUNTS } from '../graphql/documents';
import { formatNumber } from '../map/messages';
import { findingMessagesForLocale } from './messages';

export function FindingsKpi({ year, numberLocale }: { year: number; numberLocale: string }) {
  const m = findingMessagesForLocale(numberLocale);
  const { data } = useQuery(ATLAS_FINDING_COUNTS, { variables: { year } });
  const counts = data?.findingCounts.asOf.startsWith(String(year)) ? data.findingCounts : null;
  if (!counts) return null;
  const n = (v: number) => formatNumber({ numberLocale }, v);
  return (
    <div className="kpi kpi-findings" data-testid="kpi-findings" data-open={counts.open} data-overdue={counts.overdue}>
      <dt>{m.kpi}</dt>
      <dd>
        {n(counts.open)} / <span className={counts.overdue > 0 ? 'kpi-overdue' : undefined}>{n(counts.overdue)}</span>
      </dd>
    </div>
  );
}

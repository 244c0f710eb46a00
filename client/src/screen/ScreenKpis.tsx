/**
 * The year's key figures for the prefecture, large: the same figures in the
 * same words as the atlas's KPI bar (`kpiValues`), set to be read from
 * across a room.
 */
import type { AtlasSummary } from '../graphql/documents';
import { kpiValues, type KpiMessages } from '../panels/KpiBar';

interface ScreenKpisProps {
  year: number;
  /** undefined while loading; null when the year has no figures */
  summary: AtlasSummary | null | undefined;
  loading: boolean;
  messages: KpiMessages;
}

export function ScreenKpis({ year, summary, loading, messages }: ScreenKpisProps) {
  return (
    <section className="screen-kpis" data-testid="screen-kpis" aria-label={messages.kpiTitle(year)} aria-busy={loading}>
      {summary === null ? (
        <p className="screen-kpis-none">{messages.kpiNone(year)}</p>
      ) : (
        <dl>
          {kpiValues(summary, messages).map(([key, text]) => (
            <div key={key} className="screen-kpi" data-testid={`screen-kpi-${key}`}>
              <dt>{messages.kpi[key]}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

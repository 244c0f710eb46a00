/**
 * The hover card: county name, the mapped metric when it is not incidence,
 * incidence, poor and rural population, exit status.
 */
import { formatMetricValue } from './metric-format';
import { formatNumber, type MapMessages } from './messages';
import type { AtlasView } from './layers/types';
import type { HoveredArea } from './MapView';
import { FindingTooltip } from '../inspection/FindingTooltip';

/** Incidence is always shown, whatever the map's metric: percent with one decimal, as everywhere. */
const INCIDENCE_FORMAT = { unit: '%', decimals: 1 } as const;

interface TooltipProps {
  hovered: HoveredArea | null;
  view: AtlasView | null;
  /** the county exit line (incidence, %) */
  threshold: number;
  messages: MapMessages;
}

export function Tooltip({ hovered, view, threshold, messages }: TooltipProps) {
  if (hovered?.source === 'findings' && view) return <FindingTooltip hovered={hovered} view={view} />;
  if (!hovered || !view || hovered.source !== 'counties') return null;
  const county = view.atlas.counties.find((c) => c.code === hovered.code);
  if (!county) return null;
  const figures = view.figures.get(county.code) ?? null;
  const incidence = figures?.povertyIncidence ?? null;
  const persons = (n: number) => messages.tooltipPersons(formatNumber(messages, n));
  const status =
    incidence == null
      ? null
      : incidence < threshold
        ? { text: messages.tooltipBelowThreshold, className: 'ok' }
        : { text: messages.tooltipAboveThreshold, className: 'warn' };

  // Open towards the middle of the window so the card never leaves it.
  const flip = [
    hovered.x > window.innerWidth - 260 ? 'flip-x' : '',
    hovered.y > window.innerHeight - 200 ? 'flip-y' : '',
  ].join(' ');

  return (
    <div className={`tooltip card ${flip}`} role="status" data-testid="tooltip" style={{ left: hovered.x, top: hovered.y }}>
      <div className="tooltip-name">{county[messages.nameField]}</div>
      <dl>
        {view.metric !== 'POVERTY_INCIDENCE' && (
          <>
            <dt>{messages.metricNames[view.metric]}</dt>
            <dd data-testid="tooltip-metric">
              {view.classification.valueOf.has(county.code)
                ? formatMetricValue(messages, view.classification.valueOf.get(county.code)!, view.classification)
                : messages.tooltipNoData}
            </dd>
          </>
        )}
        <dt>{messages.tooltipIncidence}</dt>
        <dd data-testid="tooltip-incidence">
          {incidence == null ? messages.tooltipNoData : formatMetricValue(messages, incidence, INCIDENCE_FORMAT)}
        </dd>
        {figures && (
          <>
            <dt>{messages.tooltipPoorPopulation}</dt>
            <dd>{persons(figures.poorPopulation)}</dd>
            <dt>{messages.tooltipRuralPopulation}</dt>
            <dd>{persons(figures.ruralPopulation)}</dd>
          </>
        )}
      </dl>
      {status && <div className={`tooltip-status ${status.className}`}>{status.text}</div>}
    </div>
  );
}

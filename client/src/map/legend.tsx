/**
 * The choropleth's legend: one swatch per class in the very colours of the
 * county layer's `step` expression (both come from one `Classification`, built
 * from the server's classes), the class bounds under the bar, and the metric's
 * policy line marked on it (for incidence, the county exit line of 3 %).
 */
import type { AtlasView } from './layers/types';
import { formatNumber, type MapMessages } from './messages';
import { NO_DATA_COLOR, positionOnScale, tickDecimals, type Classification } from './classes';

interface LegendProps {
  /** the classes, year, method, metric and unit on the map */
  view: Pick<AtlasView, 'classification' | 'year' | 'method' | 'metric' | 'unit'>;
  /** the metric's policy line (for incidence: the county exit line, %); null when it has none */
  threshold: number | null;
  messages: MapMessages;
}

export function Legend({ view, threshold, messages }: LegendProps) {
  const { classification, year, method, metric, unit } = view;
  const { classes } = classification;
  const ticks = classes.length > 0 ? [classes[0]!.from, ...classes.map((c) => c.to)] : [];
  const decimals = tickDecimals(ticks);
  const fmt = (v: number) => formatNumber(messages, v, decimals);
  const unitText = messages.unitNames[unit] ?? unit;
  const marker = threshold == null ? null : positionOnScale(classification, threshold);
  const thresholdText = threshold == null ? '' : formatNumber(messages, threshold, threshold % 1 === 0 ? 0 : 1);
  const align = !marker ? 'middle' : marker.position < 0.2 ? 'start' : marker.position > 0.8 ? 'end' : 'middle';
  // The exit-line wording belongs to incidence; another metric's line is a plain policy line.
  const isIncidence = metric === 'POVERTY_INCIDENCE';

  return (
    <section className="legend card" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" className="legend-title">
        {messages.legendTitle(metric, unitText)}
      </h2>
      <p className="legend-subtitle">{messages.legendSubtitle(year, classes.length, method)}</p>
      <div className="legend-scale">
        {marker && threshold != null && (
          <div
            className={`legend-threshold legend-threshold-${align}`}
            data-testid="legend-threshold"
            data-value={threshold}
            data-clamped={marker.clamped ?? undefined}
            style={{ left: `${marker.position * 100}%` }}
          >
            <span className="legend-threshold-label">
              {/* Off the scale (every county above, or below, the line): say which way. */}
              {marker.clamped === 'below' && '← '}
              {isIncidence ? messages.legendThreshold(thresholdText) : messages.legendPolicyLine(thresholdText, unitText)}
              {marker.clamped === 'above' && ' →'}
            </span>
            <span className="legend-threshold-line" aria-hidden="true" />
          </div>
        )}
        <ol className="legend-bar">
          {classes.map((c) => {
            const label = messages.legendClass(fmt(c.from), fmt(c.to), c.count);
            return (
              <li
                key={c.color}
                className="legend-class"
                data-testid="legend-class"
                data-color={c.color}
                style={{ backgroundColor: c.color }}
                title={label}
                aria-label={label}
              />
            );
          })}
        </ol>
        <ol className="legend-ticks" aria-hidden="true">
          {ticks.map((t, i) => (
            <li key={i} style={{ left: `${(i / classes.length) * 100}%` }}>
              {fmt(t)}
            </li>
          ))}
        </ol>
      </div>
      {classification.missing > 0 && (
        <p className="legend-nodata">
          <span className="legend-swatch" style={{ backgroundColor: NO_DATA_COLOR }} />
          {messages.legendNoData}
        </p>
      )}
      {marker && isIncidence && (
        <p className="legend-note">
          {marker.clamped === 'above'
            ? messages.legendAllBelow(thresholdText)
            : marker.clamped === 'below'
              ? messages.legendAllAbove(thresholdText)
              : messages.legendThresholdNote(thresholdText)}
        </p>
      )}
    </section>
  );
}

/**
 * The choropleth's legend, describing what is drawn (cartography rule 5):
 * the level on screen (counties, or townships once they take over), the
 * metric and its unit, the year, the method and whether the breaks hold for
 * every year, one swatch per class in the very colours of the fill (both
 * come from one `Classification`), each class's bounds and areas, why fewer
 * classes were made than asked for, "no data" as its own swatch, the
 * metric's policy line marked on the scale, and the selection's mark. The
 * overlays' symbols are keyed under their toggles in the layer panel.
 *
 * Foldable on a phone or tablet (`collapsible`): folded, it keeps its title,
 * the classes with their bounds, the policy line's mark, "no data" and the
 * selection's key; unfolded it adds the description, the policy line's name,
 * the notes and each class written out with its areas (what a desktop's
 * hover titles say).
 */
import { useEffect, useId, useState } from 'react';
import { boundDecimals, classLabel } from './class-labels';
import { NO_DATA_COLOR, positionOnScale, type Classification } from './classes';
import { formatNumber, type MapMessages } from './messages';
import { unitLabel } from './metric-format';
import { SELECTION_MARK_COLOR, SELECTION_MARK_HALO } from './selection-mark';

interface LegendProps {
  /** the classes on screen: the counties', or the townships' where they are drawn */
  classification: Classification;
  messages: MapMessages;
  /** a feature is selected: its mark on the map gets a key too */
  selected?: boolean;
  /** a phone or tablet layout: the legend starts folded, its title a button that unfolds it */
  collapsible?: boolean;
}

export function Legend({ classification, messages, selected = false, collapsible = false }: LegendProps) {
  const detailsId = useId();
  const [unfolded, setUnfolded] = useState(!collapsible);
  useEffect(() => setUnfolded(!collapsible), [collapsible]);
  const full = !collapsible || unfolded;
  const { classes, year, method, metric, unit, level, scope, threshold, note, requested, openEnded } = classification;
  const ticks = classes.length > 0 ? [classes[0]!.from, ...classes.map((c) => c.to)] : [];
  const decimals = boundDecimals(classification);
  const fmt = (v: number) => formatNumber(messages, v, decimals);
  const unitText = unitLabel(messages, unit);
  const marker = threshold == null ? null : positionOnScale(classification, threshold);
  const thresholdText = threshold == null ? '' : formatNumber(messages, threshold, threshold % 1 === 0 ? 0 : 1);
  const align = !marker ? 'middle' : marker.position < 0.2 ? 'start' : marker.position > 0.8 ? 'end' : 'middle';
  // The exit-line wording belongs to incidence at county level (the county exit line); another metric's line is a plain policy line.
  const isExitLine = metric === 'POVERTY_INCIDENCE';
  const isCountyExit = isExitLine && level === 'COUNTY';
  // Whether every area, or none, is under the line, from the values themselves (the line is inside fixed bands, so the scale cannot tell).
  const values = [...classification.valueOf.values()];
  const below = threshold == null ? 0 : values.filter((v) => v < threshold).length;

  return (
    <section
      className="legend card"
      data-testid="legend"
      data-level={level}
      data-method={method}
      data-scope={scope}
      data-year={year}
      data-folded={!full || undefined}
      aria-labelledby="legend-title"
    >
      <h2 id="legend-title" className="legend-title">
        {collapsible ? (
          <button
            type="button"
            className="legend-toggle"
            aria-expanded={unfolded}
            aria-controls={unfolded ? detailsId : undefined}
            data-testid="legend-toggle"
            onClick={() => setUnfolded(!unfolded)}
          >
            {messages.legendTitle(metric, unitText)}
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
              <path d={unfolded ? 'M3 9l4-4 4 4' : 'M3 5l4 4 4-4'} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        ) : (
          messages.legendTitle(metric, unitText)
        )}
      </h2>
      {full && (
        <p id={detailsId} className="legend-subtitle" data-testid="legend-subtitle">
          {messages.legendDescription({ level, year, classes: classes.length, method, scope })}
        </p>
      )}
      {full && note && (
        <p className="legend-classes-note" data-testid="legend-classes-note" data-note={note}>
          {messages.legendClassesNote(note, classes.length, requested)}
        </p>
      )}
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
              {/* Off the scale (every area above, or below, the line): say which way. */}
              {marker.clamped === 'below' && '← '}
              {isExitLine ? messages.legendThreshold(thresholdText) : messages.legendPolicyLine(thresholdText, unitText)}
              {marker.clamped === 'above' && ' →'}
            </span>
            <span className="legend-threshold-line" aria-hidden="true" />
          </div>
        )}
        <ol className="legend-bar">
          {classes.map((c, i) => {
            const label = classLabel(classification, i, messages);
            return (
              <li
                key={i}
                className="legend-class"
                data-testid="legend-class"
                data-color={c.color}
                data-count={c.count}
                style={{ backgroundColor: c.color }}
                title={label}
                aria-label={label}
              />
            );
          })}
        </ol>
        <ol className="legend-ticks" aria-hidden="true">
          {/* The open top class has no upper bound: its end is left unmarked (its label says "≥"). */}
          {(openEnded ? ticks.slice(0, -1) : ticks).map((t, i) => (
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
      {selected && (
        <p className="legend-selection" data-testid="legend-selection">
          <span className="legend-selection-ring" style={{ borderColor: SELECTION_MARK_COLOR, outlineColor: SELECTION_MARK_HALO }} aria-hidden="true" />
          {messages.legendSelected}
        </p>
      )}
      {collapsible && unfolded && (
        <ul className="legend-class-list" data-testid="legend-class-list">
          {classes.map((c, i) => (
            <li key={i}>
              <span className="legend-swatch" style={{ backgroundColor: c.color }} />
              {classLabel(classification, i, messages)}
            </li>
          ))}
        </ul>
      )}
      {full && threshold != null && isCountyExit && (
        <p className="legend-note" data-testid="legend-note">
          {below === values.length && values.length > 0
            ? messages.legendAllBelow(thresholdText)
            : below === 0 && values.length > 0
              ? messages.legendAllAbove(thresholdText)
              : messages.legendThresholdNote(thresholdText)}
        </p>
      )}
    </section>
  );
}

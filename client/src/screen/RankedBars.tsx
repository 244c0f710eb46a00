/**
 * The counties as horizontal bars, ranked by the metric of the view (the
 * map's values and class colours: `ranking.ts`), linked to the map both ways:
 * the county under the pointer on the map lights its bar, and a bar pointed
 * at or focused (Tab) lights its county on the map (the screen sets the
 * county's `hover` feature-state, the map's own hover outline).
 */
import type { AtlasView } from '../map/layers/types';
import type { MapMessages } from '../map/messages';
import { formatMetricValue, unitLabel } from '../map/metric-format';
import { SELECTION_MARK_COLOR, SELECTION_MARK_HALO } from '../map/selection-mark';
import type { ScreenMessages } from './messages';
import { rankCounties } from './ranking';

/** More bars than this would be too thin to read across a room: the first ones are shown, and how many are not. */
export const MAX_BARS = 30;

interface RankedBarsProps {
  view: AtlasView;
  messages: MapMessages;
  screen: ScreenMessages;
  /** the county lit on both the map and the bars */
  highlighted: string | null;
  /** the counties the view focuses on (marked as on the map) */
  focus: ReadonlySet<string>;
  onHighlight(code: string | null): void;
}

export function RankedBars({ view, messages, screen, highlighted, focus, onHighlight }: RankedBarsProps) {
  const ranked = rankCounties(view.atlas.counties, view.classification, messages.nameField);
  const shown = ranked.slice(0, MAX_BARS);
  const format = { unit: view.unit, decimals: view.decimals };
  const metric = messages.metricNames[view.metric];
  return (
    <section className="screen-ranking" data-testid="ranking" data-metric={view.metric} data-year={view.year} aria-labelledby="screen-ranking-title">
      <h2 id="screen-ranking-title" className="screen-ranking-title">
        {screen.rankingTitle(metric, unitLabel(messages, view.unit))}
      </h2>
      <p className="screen-ranking-note">{screen.rankingNote}</p>
      <ol className="screen-bars" style={{ ['--rows' as string]: Math.max(shown.length, 8) }}>
        {shown.map((county, i) => {
          const value = formatMetricValue(messages, county.value, format);
          const focused = focus.has(county.code);
          const lit = county.code === highlighted;
          return (
            <li
              key={county.code}
              className={`screen-bar-row${lit ? ' is-lit' : ''}${focused ? ' is-focus' : ''}`}
              data-testid="ranking-bar"
              data-code={county.code}
              data-class={county.classIndex ?? ''}
              data-lit={lit}
              tabIndex={0}
              aria-label={screen.barLabel(i + 1, county.name, value, focused)}
              onMouseEnter={() => onHighlight(county.code)}
              onMouseLeave={() => onHighlight(null)}
              onFocus={() => onHighlight(county.code)}
              onBlur={() => onHighlight(null)}
            >
              <span className="screen-bar-rank" aria-hidden="true">
                {i + 1}
              </span>
              <span className="screen-bar-name" aria-hidden="true">
                {focused && <span className="screen-focus-ring" style={{ borderColor: SELECTION_MARK_COLOR, outlineColor: SELECTION_MARK_HALO }} />}
                {county.name}
              </span>
              <span className="screen-bar-track" aria-hidden="true">
                <span className="screen-bar" data-testid="ranking-bar-fill" style={{ width: `${county.share * 100}%`, backgroundColor: county.color }} />
              </span>
              <span className="screen-bar-value" data-testid="ranking-bar-value" aria-hidden="true">
                {value}
              </span>
            </li>
          );
        })}
      </ol>
      {ranked.length > shown.length && <p className="screen-ranking-note">{screen.moreCounties(ranked.length - shown.length)}</p>}
    </section>
  );
}

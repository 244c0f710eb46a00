/**
 * The year: a slider over the years with data (arrow keys step it), each
 * year's tick a button, and play/pause. Playing steps to the next year once
 * the current one is on the map (not on a fixed clock, so a slow answer never
 * makes it skip a year) and stops at the last year.
 *
 * Under a finger (app/compact.css) the thumb is large, the whole track with
 * its year labels is one target (a tap on a year's label moves there), and the
 * part of the track before the thumb is filled from `--year-progress`.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';

export interface YearSliderMessages {
  yearLabel: string;
  yearPlay: string;
  yearPause: string;
}

interface YearSliderProps {
  years: readonly number[];
  year: number;
  /** the year's data is still loading */
  busy: boolean;
  messages: YearSliderMessages;
  onChange(year: number): void;
}

/** How long a year stays on screen while playing, once drawn. */
const DWELL_MS = 1200;

export function YearSlider({ years, year, busy, messages, onChange }: YearSliderProps) {
  const [playing, setPlaying] = useState(false);
  const index = Math.max(0, years.indexOf(year));
  const last = years.length - 1;
  // The timer must not restart because the parent passed a new function.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!playing || busy) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => onChangeRef.current(years[index + 1]!), DWELL_MS);
    return () => window.clearTimeout(timer);
  }, [playing, busy, index, last, years]);

  const togglePlay = () => {
    // Playing from the last year starts again from the first.
    if (!playing && index >= last) onChange(years[0]!);
    setPlaying(!playing);
  };

  return (
    <div className="year-slider" role="group" aria-label={messages.yearLabel} aria-busy={busy} data-testid="year-control">
      <button
        type="button"
        className="year-play"
        data-testid="year-play"
        aria-pressed={playing}
        aria-label={playing ? messages.yearPause : messages.yearPlay}
        title={playing ? messages.yearPause : messages.yearPlay}
        onClick={togglePlay}
      >
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          {playing ? <path d="M2 1h3v10H2zM7 1h3v10H7z" /> : <path d="M2 1l9 5-9 5z" />}
        </svg>
      </button>
      <div className="year-track">
        <input
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          aria-label={messages.yearLabel}
          aria-valuetext={String(year)}
          data-testid="year-range"
          style={{ '--year-progress': `${last > 0 ? (index / last) * 100 : 100}%` } as CSSProperties}
          onChange={(event) => onChange(years[Number(event.target.value)]!)}
        />
        <div className="year-ticks">
          {years.map((y) => (
            <button
              key={y}
              type="button"
              tabIndex={-1}
              aria-pressed={y === year}
              className={y === year ? 'active' : undefined}
              onClick={() => onChange(y)}
            >
              {y}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

/**
 * Which view of the rotation is on, how much of its time has passed, and the
 * operator's controls (previous, pause / resume, next; also on the keyboard:
 * `useOperatorKeys`). The progress bar is a CSS animation over the interval
 * that runs exactly while the rotation's clock does (`useRotation`), so the
 * page does no work per frame for it.
 */
import type { RotationClock } from './useRotation';
import type { ScreenMessages } from './messages';

interface RotationStatusProps {
  clock: RotationClock;
  /** each view's name, in rotation order */
  names: readonly string[];
  intervalSeconds: number;
  screen: ScreenMessages;
}

/** More views than this are told as "view 3 / 12" without their names. */
const MAX_NAMED = 8;

export function RotationStatus({ clock, names, intervalSeconds, screen }: RotationStatusProps) {
  const { index, paused, running } = clock;
  const count = names.length;
  const current = names[index] ?? '';
  return (
    <nav className="screen-rotation" aria-label={screen.rotationLabel} data-testid="rotation">
      <div className="screen-controls">
        <button type="button" onClick={clock.previous} disabled={count < 2} aria-label={screen.previous} data-testid="rotation-previous">
          <span aria-hidden="true">◀</span>
        </button>
        <button type="button" onClick={clock.togglePause} disabled={count < 2} aria-label={paused ? screen.resume : screen.pause} aria-pressed={paused} data-testid="rotation-pause">
          <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span>
        </button>
        <button type="button" onClick={clock.next} disabled={count < 2} aria-label={screen.next} data-testid="rotation-next">
          <span aria-hidden="true">▶</span>
        </button>
      </div>
      <p className="screen-view-of" data-testid="rotation-position">
        {screen.viewOf(index + 1, count)}
        {paused && <span className="screen-paused"> · {screen.paused}</span>}
      </p>
      {count > 1 && count <= MAX_NAMED && (
        <ol className="screen-view-names">
          {names.map((name, i) => (
            <li key={i} aria-current={i === index ? 'step' : undefined} data-testid="rotation-view">
              {name}
            </li>
          ))}
        </ol>
      )}
      <p className="screen-keys">{screen.keys}</p>
      {count > 1 && (
        <div className="screen-progress" aria-hidden="true">
          {/* A new element per view: its animation starts from nothing. */}
          <span
            key={index}
            data-testid="rotation-progress"
            style={{ animationDuration: `${intervalSeconds}s`, animationPlayState: running ? 'running' : 'paused' }}
          />
        </div>
      )}
      <p className="screen-sr-only" aria-live="polite">
        {screen.nowShowing(index + 1, count, current)}
        {paused ? ` · ${screen.paused}` : ''}
      </p>
    </nav>
  );
}

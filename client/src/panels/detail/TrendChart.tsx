/**
 * A small line chart of one figure over the years, hand-written SVG: the
 * selected year is marked, a policy line (exit line, weak line) is drawn
 * dashed. For screen readers the SVG has a title and a one-line summary, and
 * the values are in a visually hidden table.
 */
import { useId } from 'react';
import type { DetailMessages } from './messages';

export interface TrendPoint {
  year: number;
  value: number | null;
}

interface TrendChartProps {
  title: string;
  points: readonly TrendPoint[];
  /** the year the rest of the page shows */
  year: number;
  /** a policy line, e.g. the exit line of 3 % */
  line?: { value: number; label: string } | null;
  format(value: number): string;
  messages: DetailMessages;
  testId?: string;
}

const WIDTH = 300;
const HEIGHT = 116;
const PAD = { top: 12, right: 10, bottom: 20, left: 46 };

export function TrendChart({ title, points, year, line, format, messages, testId }: TrendChartProps) {
  const titleId = useId();
  const descId = useId();
  const known = points.filter((p): p is { year: number; value: number } => p.value != null);
  if (known.length === 0) {
    return (
      <figure className="detail-trend" data-testid={testId}>
        <figcaption className="detail-trend-title">{title}</figcaption>
        <p className="detail-muted">{messages.trendNoData}</p>
      </figure>
    );
  }
  const years = points.map((p) => p.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const top = Math.max(...known.map((p) => p.value), line?.value ?? 0) * 1.1 || 1;
  const x = (y: number) => PAD.left + (last === first ? 0.5 : (y - first) / (last - first)) * (WIDTH - PAD.left - PAD.right);
  const yOf = (v: number) => HEIGHT - PAD.bottom - (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  // One path, broken where a year has no value.
  let d = '';
  let pen = false;
  for (const p of [...points].sort((a, b) => a.year - b.year)) {
    if (p.value == null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.year).toFixed(1)},${yOf(p.value).toFixed(1)}`;
    pen = true;
  }
  const firstKnown = known[0]!;
  const lastKnown = known[known.length - 1]!;
  const summary = messages.trendSummary(title, firstKnown.year, lastKnown.year, format(firstKnown.value), format(lastKnown.value));

  return (
    <figure className="detail-trend" data-testid={testId}>
      <figcaption id={titleId} className="detail-trend-title">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="detail-trend-svg"
      >
        <title>{title}</title>
        <desc id={descId}>{summary}</desc>
        <line className="detail-trend-axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(0)} y2={yOf(0)} />
        <text className="detail-trend-tick" x={PAD.left - 4} y={yOf(0)} textAnchor="end" dominantBaseline="middle">
          {format(0)}
        </text>
        <text className="detail-trend-tick" x={PAD.left - 4} y={yOf(top / 1.1)} textAnchor="end" dominantBaseline="middle">
          {format(top / 1.1)}
        </text>
        {line && line.value <= top && (
          <g className="detail-trend-line">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(line.value)} y2={yOf(line.value)} />
            <text x={WIDTH - PAD.right} y={yOf(line.value) - 3} textAnchor="end">
              {line.label}
            </text>
          </g>
        )}
        <path className="detail-trend-path" d={d} />
        {known.map((p) => (
          <circle
            key={p.year}
            className={p.year === year ? 'detail-trend-point current' : 'detail-trend-point'}
            cx={x(p.year)}
            cy={yOf(p.value)}
            r={p.year === year ? 4.5 : 2.5}
            data-testid="trend-point"
            data-year={p.year}
          />
        ))}
        {[first, last].map((y) => (
          <text key={y} className="detail-trend-tick" x={x(y)} y={HEIGHT - 5} textAnchor={y === first ? 'start' : 'end'}>
            {y}
          </text>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{messages.trendYear}</th>
            <th scope="col">{messages.trendValue}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.year}>
              <th scope="row">{p.year}</th>
              <td>{p.value == null ? messages.none : format(p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * An overlay's legend entry: one row per item with a sample drawn in the
 * layer's own colours (the module's `legend()` reads the constants its style
 * uses, so the two cannot drift), then its notes.
 */
import type { LayerLegend, Swatch } from './layers/types';

const W = 24;
const H = 14;

function SwatchIcon({ swatch }: { swatch: Swatch }) {
  switch (swatch.shape) {
    case 'arrow':
      return (
        <svg width={W} height={H} aria-hidden="true">
          <line x1={2} y1={H / 2} x2={W - 8} y2={H / 2} stroke={swatch.color} strokeWidth={2.2} strokeLinecap="round" />
          <path d={`M${W - 2} ${H / 2} L${W - 10} ${H / 2 - 4.5} L${W - 8} ${H / 2} L${W - 10} ${H / 2 + 4.5} Z`} fill={swatch.color} />
        </svg>
      );
    case 'line':
      return (
        <svg width={W} height={H} aria-hidden="true">
          <line
            x1={2}
            y1={H / 2}
            x2={W - 2}
            y2={H / 2}
            stroke={swatch.color}
            strokeWidth={1.6}
            strokeDasharray={swatch.dashed ? '4 3' : undefined}
          />
        </svg>
      );
    case 'circle':
      return (
        <svg width={W} height={H} aria-hidden="true">
          <circle cx={W / 2} cy={H / 2} r={4.5} fill={swatch.color} stroke={swatch.stroke} strokeWidth={swatch.strokeWidth} />
        </svg>
      );
    case 'fill':
      return (
        <svg width={W} height={H} aria-hidden="true">
          <rect
            x={2}
            y={1.5}
            width={W - 4}
            height={H - 3}
            rx={2}
            fill={swatch.color}
            fillOpacity={swatch.opacity ?? 1}
            stroke={swatch.stroke}
            strokeDasharray={swatch.stroke ? '3 2' : undefined}
          />
        </svg>
      );
    default:
      throw new Error(`unknown swatch ${JSON.stringify(swatch satisfies never)}`);
  }
}

export function LayerLegendView({ legend, testId }: { legend: LayerLegend; testId: string }) {
  return (
    <div className="layer-legend" data-testid={testId}>
      <ul>
        {legend.items.map((item) => (
          <li key={item.value} data-value={item.value} data-color={item.swatch.color}>
            <SwatchIcon swatch={item.swatch} />
            <span>{item.label}</span>
          </li>
        ))}
      </ul>
      {legend.notes.map((note) => (
        <p key={note} className="layer-legend-note">
          {note}
        </p>
      ))}
    </div>
  );
}

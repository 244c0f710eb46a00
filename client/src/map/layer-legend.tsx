/**
 * An overlay's legend entry: one row per item with a sample drawn in the
 * layer's own colours (the module's `legend()` reads the constants its style
 * uses, so the two cannot drift), then its notes. An item that stands for a
 * filterable category carries a checkbox: unticked, its features are hidden.
 */
import { FILTER_VALUES, passes, type ViewFilters } from '../state/view-state';
import type { LayerLegend, LegendItem, Swatch } from './layers/types';

const W = 24;
const H = 14;

export function SwatchIcon({ swatch }: { swatch: Swatch }) {
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
    case 'polygon':
      return (
        <svg width={W} height={H} aria-hidden="true">
          <polygon points={swatch.points.map(([x, y]) => `${W / 2 + x},${H / 2 + y}`).join(' ')} fill={swatch.color} stroke={swatch.stroke} strokeWidth={swatch.strokeWidth} />
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

interface LayerLegendViewProps {
  legend: LayerLegend;
  testId: string;
  filters: ViewFilters;
  filterHint: string;
  onFilter(key: keyof ViewFilters, values: readonly string[]): void;
}

/**
 * The filter after ticking or unticking `value`. An empty list means "all",
 * so ticking the last unticked category empties the list; unticking the only
 * ticked one is not offered (the checkbox is disabled): "none" is the layer
 * switched off.
 */
export function toggledFilter(chosen: readonly string[], all: readonly string[], value: string, on: boolean): string[] {
  const current = chosen.length === 0 ? all : chosen;
  const next = all.filter((v) => (v === value ? on : current.includes(v)));
  return next.length === all.length ? [] : next;
}

function ItemRow({ item, filters, onFilter }: { item: LegendItem } & Pick<LayerLegendViewProps, 'filters' | 'onFilter'>) {
  const body = (
    <>
      <SwatchIcon swatch={item.swatch} />
      <span>{item.label}</span>
    </>
  );
  if (!item.filter) return body;
  const key = item.filter;
  const chosen = filters[key] as readonly string[];
  const all = FILTER_VALUES[key] as readonly string[];
  const checked = passes(chosen, item.value);
  const onlyOne = checked && chosen.length === 1;
  return (
    <label className="layer-legend-filter">
      <input
        type="checkbox"
        checked={checked}
        disabled={onlyOne}
        data-testid={`filter-${key}-${item.value}`}
        onChange={(event) => onFilter(key, toggledFilter(chosen, all, item.value, event.target.checked))}
      />
      {body}
    </label>
  );
}

export function LayerLegendView({ legend, testId, filters, filterHint, onFilter }: LayerLegendViewProps) {
  const filterable = legend.items.some((item) => item.filter);
  return (
    <div className="layer-legend" data-testid={testId}>
      <ul title={filterable ? filterHint : undefined}>
        {legend.items.map((item) => (
          <li key={item.value} data-value={item.value} data-color={item.swatch.color}>
            <ItemRow item={item} filters={filters} onFilter={onFilter} />
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

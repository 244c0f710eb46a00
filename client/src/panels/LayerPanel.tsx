/**
 * The layer panel (right): the thematic map's choices (metric,
 * classification method, number of classes), then a checkbox per overlay
 * and, under each one that is on, its legend, whose categories are filters
 * (untick "poor village" to hide poor villages). Plain labelled form
 * controls, so the keyboard and screen readers work without anything of ours.
 */
import type { ClassificationMethod, Metric } from '../graphql/documents';
import { LayerLegendView } from '../map/layer-legend';
import { LAYER_REGISTRY, OVERLAY_KEYS } from '../map/layers/registry';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import { MAX_CLASS_COUNT, METHODS, METRICS, MIN_CLASSES, type ViewFilters } from '../state/view-state';

export interface Shading {
  metric: Metric;
  method: ClassificationMethod;
  classes: number;
}

export interface LayerPanelMessages {
  layersTitle: string;
  layerNames: Record<OverlayKey, string>;
  layerLoading: string;
  thematicTitle: string;
  metricLabel: string;
  methodLabel: string;
  classesLabel: string;
  classesOption(n: number): string;
  metricNames: Record<Metric, string>;
  methodNames: Record<ClassificationMethod, string>;
  filterHint: string;
}

interface LayerPanelProps {
  view: AtlasView;
  messages: LayerPanelMessages;
  shading: Shading;
  onShading(shading: Partial<Shading>): void;
  onToggle(key: OverlayKey, visible: boolean): void;
  onFilter(key: keyof ViewFilters, values: readonly string[]): void;
}

const CLASS_COUNTS = Array.from({ length: MAX_CLASS_COUNT - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i);

/** A labelled select of fixed options ([value, label] pairs). */
function Choice<T extends string>(props: {
  label: string;
  testId: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange(value: T): void;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <select data-testid={props.testId} value={props.value} onChange={(event) => props.onChange(event.target.value as T)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LayerPanel({ view, messages, shading, onShading, onToggle, onFilter }: LayerPanelProps) {
  const { hidden } = view;
  return (
    <section className="layer-panel card" data-testid="layer-panel" aria-labelledby="layer-panel-title">
      <h2 className="layer-panel-title">{messages.thematicTitle}</h2>
      <div className="thematic-controls" data-testid="thematic-controls">
        <Choice
          label={messages.metricLabel}
          testId="metric-select"
          value={shading.metric}
          options={METRICS.map((metric) => [metric, messages.metricNames[metric]])}
          onChange={(metric) => onShading({ metric })}
        />
        <Choice
          label={messages.methodLabel}
          testId="method-select"
          value={shading.method}
          options={METHODS.map((method) => [method, messages.methodNames[method]])}
          onChange={(method) => onShading({ method })}
        />
        <Choice
          label={messages.classesLabel}
          testId="classes-select"
          value={String(shading.classes)}
          options={CLASS_COUNTS.map((n) => [String(n), messages.classesOption(n)])}
          onChange={(classes) => onShading({ classes: Number(classes) })}
        />
      </div>
      <h2 id="layer-panel-title" className="layer-panel-title">
        {messages.layersTitle}
      </h2>
      {OVERLAY_KEYS.map((key) => {
        const visible = !hidden.has(key);
        const legend = visible ? (LAYER_REGISTRY[key].legend?.(view) ?? null) : null;
        const id = `layer-toggle-${key}`;
        return (
          <div key={key} className="layer-panel-entry">
            <label htmlFor={id} className="layer-toggle">
              <input
                id={id}
                type="checkbox"
                data-testid={id}
                checked={visible}
                onChange={(event) => onToggle(key, event.target.checked)}
              />
              {messages.layerNames[key]}
            </label>
            {visible &&
              (legend ? (
                <LayerLegendView
                  legend={legend}
                  testId={`layer-legend-${key}`}
                  filters={view.filters}
                  filterHint={messages.filterHint}
                  onFilter={onFilter}
                />
              ) : (
                <p className="layer-legend-note" role="status">
                  {messages.layerLoading}
                </p>
              ))}
          </div>
        );
      })}
    </section>
  );
}

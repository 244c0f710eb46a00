/**
 * The layer panel (right): the thematic map's choices (metric,
 * classification method: the metric's policy bands, custom bounds, or
 * computed classes with their number and whether one set of breaks holds
 * for every year), then a checkbox per overlay
 * and, under each one that is on, its legend, whose categories are filters
 * (untick "poor village" to hide poor villages). Plain labelled form
 * controls, so the keyboard and screen readers work without anything of ours.
 *
 * A drawer: its button folds it away and brings it back. It starts open on a
 * desktop and folded on a phone or tablet, where it would cover the map; there
 * Esc inside it folds it too.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ClassificationMethod, ClassScope, Metric, MetricInfo, PovertyCause } from '../graphql/documents';
import { CAUSES } from '../causes/causes';
import type { CausesMessages } from '../causes/messages';
import { LayerLegendView } from '../map/layer-legend';
import { LAYER_REGISTRY, OVERLAY_KEYS } from '../map/layers/registry';
import type { AtlasView, OverlayKey } from '../map/layers/types';
import { MAX_CLASS_COUNT, METHODS, METRICS, MIN_CLASSES, SCOPES, parseBreaks, type ViewFilters } from '../state/view-state';

export interface Shading {
  metric: Metric;
  /** null: the metric's own */
  method: ClassificationMethod | null;
  classes: number;
  scope: ClassScope;
  breaks: readonly number[] | null;
  /** the cause of poverty of CAUSE_SHARE */
  cause: PovertyCause;
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
  scopeLabel: string;
  scopeNames: Record<ClassScope, string>;
  breaksLabel: string;
  breaksHint: string;
  breaksInvalid: string;
  filterHint: string;
  /** the drawer's button */
  layersToggle: string;
  causes: CausesMessages;
}

interface LayerPanelProps {
  view: AtlasView;
  messages: LayerPanelMessages;
  shading: Shading;
  /** each metric's default method and policy bands (the method choices) */
  metrics: readonly Pick<MetricInfo, 'metric' | 'defaultMethod' | 'policyBands'>[];
  onShading(shading: Partial<Shading>): void;
  onToggle(key: OverlayKey, visible: boolean): void;
  onFilter(key: keyof ViewFilters, values: readonly string[]): void;
  /** a phone or tablet layout: the drawer starts folded */
  compact?: boolean;
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

const COMPUTED: ReadonlySet<ClassificationMethod> = new Set(['QUANTILE', 'EQUAL_INTERVAL', 'JENKS']);

/** The bounds between manual classes, typed as "1, 3, 5"; applied when valid, said when not. */
function BreaksInput(props: { value: readonly number[]; messages: LayerPanelMessages; onChange(breaks: number[]): void }) {
  const [text, setText] = useState(props.value.join(', '));
  useEffect(() => setText(props.value.join(', ')), [props.value]);
  // Commas full-width or not, 、 or spaces between the numbers, as a person types them.
  const parsed = parseBreaks(text.trim().replace(/[，、,\s]+/g, ','));
  const apply = () => {
    if (parsed && parsed.join(',') !== props.value.join(',')) props.onChange(parsed);
  };
  return (
    <label>
      <span>{props.messages.breaksLabel}</span>
      <input
        data-testid="breaks-input"
        value={text}
        inputMode="decimal"
        aria-invalid={!parsed}
        title={props.messages.breaksHint}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply();
        }}
      />
      {/* The title's hint, written out where no pointer hovers (app/compact.css). */}
      <small className="breaks-hint" aria-hidden="true">
        {props.messages.breaksHint}
      </small>
      {!parsed && (
        <small className="breaks-invalid" role="alert">
          {props.messages.breaksInvalid}
        </small>
      )}
    </label>
  );
}

/** Inner bounds of the classes on the map, rounded to the metric's decimals: where custom classes start from. */
function currentInnerBounds(view: AtlasView): number[] {
  const { breaks, decimals } = view.classification;
  const inner = breaks.slice(1, -1).map((b) => Number(b.toFixed(decimals)));
  const ascending = inner.filter((b, i) => b > 0 && (i === 0 || b > inner[i - 1]!));
  return ascending.length > 0 ? ascending : [1];
}

export function LayerPanel({ view, messages, shading, metrics, onShading, onToggle, onFilter, compact = false }: LayerPanelProps) {
  const { hidden } = view;
  const bodyId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(!compact);
  // A new layout (a rotated phone, a resized window) starts from its own default.
  useEffect(() => setOpen(!compact), [compact]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!compact || event.key !== 'Escape' || event.defaultPrevented) return;
    // Handled here: the detail panel must not close on this Esc.
    event.preventDefault();
    setOpen(false);
    toggle.current?.focus();
  };
  const info = metrics.find((m) => m.metric === shading.metric);
  const method = shading.method ?? info?.defaultMethod ?? view.method;
  const methods = METHODS.filter((m) => m !== 'POLICY' || info?.policyBands != null);
  const chooseMethod = (next: ClassificationMethod) => {
    if (next === 'MANUAL') onShading({ method: next, breaks: shading.breaks ?? currentInnerBounds(view) });
    else onShading({ method: next === info?.defaultMethod ? null : next, breaks: null });
  };
  return (
    <section className="layer-panel card" data-testid="layer-panel" data-open={open} aria-labelledby="layer-panel-title" onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="layer-panel-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        data-testid="layer-panel-toggle"
        onClick={() => setOpen(!open)}
      >
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
          <path d="M9 2 16 6 9 10 2 6Z M2 9.5 9 13.5 16 9.5 M2 13 9 17 16 13" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        {messages.layersToggle}
      </button>
      <div id={bodyId} className="layer-panel-body" hidden={!open}>
        <h2 className="layer-panel-title">{messages.thematicTitle}</h2>
        <div className="thematic-controls" data-testid="thematic-controls">
          <Choice
            label={messages.metricLabel}
            testId="metric-select"
            value={shading.metric}
            options={METRICS.map((metric) => [metric, messages.metricNames[metric]])}
            // Another metric: its own classes, unless a computed method was chosen (it suits every metric).
            onChange={(metric) => onShading({ metric, method: shading.method && COMPUTED.has(shading.method) ? shading.method : null, breaks: null })}
          />
          {shading.metric === 'CAUSE_SHARE' && (
            <Choice
              label={messages.causes.causeLabel}
              testId="cause-select"
              value={shading.cause}
              options={CAUSES.map((cause) => [cause, messages.causes.causeNames[cause]])}
              onChange={(cause) => onShading({ cause })}
            />
          )}
          <Choice
            label={messages.methodLabel}
            testId="method-select"
            value={method}
            options={methods.map((m) => [m, messages.methodNames[m]])}
            onChange={chooseMethod}
          />
          {COMPUTED.has(method) && (
            <Choice
              label={messages.classesLabel}
              testId="classes-select"
              value={String(shading.classes)}
              options={CLASS_COUNTS.map((n) => [String(n), messages.classesOption(n)])}
              onChange={(classes) => onShading({ classes: Number(classes) })}
            />
          )}
          {COMPUTED.has(method) && (
            <Choice
              label={messages.scopeLabel}
              testId="scope-select"
              value={shading.scope}
              options={SCOPES.map((s) => [s, messages.scopeNames[s]])}
              onChange={(scope) => onShading({ scope })}
            />
          )}
          {method === 'MANUAL' && <BreaksInput value={shading.breaks ?? currentInnerBounds(view)} messages={messages} onChange={(breaks) => onShading({ breaks })} />}
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
      </div>
    </section>
  );
}

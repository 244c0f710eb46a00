/**
 * The layer panel (right): a checkbox per overlay, and under each one that is
 * on, its legend entry. Plain labelled checkboxes, so the keyboard and screen
 * readers work without anything of ours.
 */
import { LayerLegendView } from '../map/layer-legend';
import { LAYER_REGISTRY, OVERLAY_KEYS } from '../map/layers/registry';
import type { AtlasView, OverlayKey } from '../map/layers/types';

interface LayerPanelProps {
  view: AtlasView;
  onToggle(key: OverlayKey, visible: boolean): void;
}

export function LayerPanel({ view, onToggle }: LayerPanelProps) {
  const { messages, hidden } = view;
  return (
    <section className="layer-panel card" data-testid="layer-panel" aria-labelledby="layer-panel-title">
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
                <LayerLegendView legend={legend} testId={`layer-legend-${key}`} />
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

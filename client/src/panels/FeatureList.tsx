/**
 * 列表 / List: the keyboard's way to what the canvas shows. A toggle opens a
 * panel listing the features drawn in the current viewport, grouped by layer
 * (re-read at each 'idle' of the map: after a move, a zoom, a new year or a
 * layer switched), each a button that selects the feature as a click on the
 * map would. One tab stop for the whole list (roving tabindex): ↑ ↓ Home End
 * move, Enter selects, Escape closes. The counts are announced politely.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasView } from '../map/layers/types';
import type { Selection } from '../state/view-state';
import { LIST_LAYERS, listGroups, type FeatureListMessages, type ListEntry, type ListLayerKey } from './feature-list-entries';
import './atlas-tools.css';

interface FeatureListProps {
  map: MapLibreMap;
  view: AtlasView;
  messages: FeatureListMessages;
  /** the selected feature, marked in the list */
  selected: Selection | null;
  onSelect(selection: Selection): void;
}

type Rendered = ReadonlyMap<ListLayerKey, ReadonlyArray<Record<string, unknown>>>;

/** The properties of each listed layer's features drawn in the viewport (none for a hidden layer). */
function renderedFeatures(map: MapLibreMap): Rendered {
  const rendered = new Map<ListLayerKey, Array<Record<string, unknown>>>();
  for (const layer of LIST_LAYERS) {
    const layers = layer.layerIds.filter((id) => map.getLayer(id));
    if (layers.length === 0) continue;
    rendered.set(layer.key, map.queryRenderedFeatures({ layers }).map((f) => f.properties ?? {}));
  }
  return rendered;
}

const entryKey = (e: { kind: string; id: string }) => `${e.kind}:${e.id}`;

export function FeatureList({ map, view, messages, selected, onSelect }: FeatureListProps) {
  const [open, setOpen] = useState(false);
  const [rendered, setRendered] = useState<Rendered>(() => new Map());
  const [active, setActive] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const update = () => setRendered(renderedFeatures(map));
    update();
    map.on('idle', update);
    return () => {
      map.off('idle', update);
    };
  }, [open, map]);

  const groups = useMemo(() => listGroups(rendered, view, messages), [rendered, view, messages]);
  const entries = groups.flatMap((g) => g.entries);
  // The tab stop: the row last moved to while it is still listed, else the first.
  const tabStop = entries.some((e) => entryKey(e) === active) ? active : entries[0] ? entryKey(entries[0]) : null;
  const selectedKey = selected ? entryKey(selected) : null;
  const summary =
    groups.length > 0 ? messages.summary(groups.map((g) => ({ name: g.name, count: g.entries.length + g.more }))) : messages.empty;

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
      return;
    }
    const buttons = [...(body.current?.querySelectorAll<HTMLButtonElement>('button[data-entry]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (to === undefined || buttons.length === 0) return;
    event.preventDefault();
    const target = buttons[Math.min(Math.max(to, 0), buttons.length - 1)]!;
    setActive(target.dataset.entry ?? null);
    target.focus();
  };

  const row = (entry: ListEntry) => {
    const key = entryKey(entry);
    return (
      <li key={key}>
        <button
          type="button"
          className="feature-list-entry"
          data-entry={key}
          data-testid="feature-list-entry"
          tabIndex={key === tabStop ? 0 : -1}
          aria-current={key === selectedKey ? 'true' : undefined}
          onFocus={() => setActive(key)}
          onClick={() => onSelect({ kind: entry.kind, id: entry.id })}
        >
          <span className="feature-list-name">{entry.name}</span>
          <span className="feature-list-figure">{entry.figure}</span>
        </button>
      </li>
    );
  };

  return (
    <div className="feature-list-dock">
      <button
        ref={toggle}
        type="button"
        className="feature-list-toggle card"
        aria-expanded={open}
        aria-controls={open ? 'feature-list' : undefined}
        data-testid="feature-list-toggle"
        onClick={() => setOpen(!open)}
      >
        {messages.toggle}
      </button>
      {open && (
        <section
          id="feature-list"
          className="feature-list card"
          aria-labelledby="feature-list-title"
          data-testid="feature-list"
          onKeyDown={onKey}
        >
          <h2 id="feature-list-title" className="feature-list-title">
            {messages.title}
          </h2>
          <p className="feature-list-hint">{messages.hint}</p>
          <p className="feature-list-summary" role="status" data-testid="feature-list-summary">
            {summary}
          </p>
          <div ref={body} className="feature-list-body">
            {groups.map((group) => (
              <section key={group.key} aria-labelledby={`feature-list-${group.key}`} data-testid={`feature-list-${group.key}`}>
                <h3 id={`feature-list-${group.key}`}>{messages.group(group.name, group.entries.length + group.more)}</h3>
                <ul>{group.entries.map(row)}</ul>
                {group.more > 0 && <p className="feature-list-more">{messages.more(group.more)}</p>}
              </section>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

/**
 * The embed script (`<script src="https://hub/embed.js"></script>`): turns
 * `<lingyan-map view="year=2017&sel=county:150421000000">` elements, and
 * `<div data-lingyan-view="…">` placeholders, into embedded maps (an iframe
 * of the hub's `/embed`), and gives the host page the map's messages as
 * DOM events and its commands as methods returning promises:
 *
 *   const map = document.querySelector('lingyan-map');
 *   await map.ready;                        // the first drawn view
 *   await map.setYear(2017);                // rejects with the reason when not valid
 *   await map.select({ kind: 'county', id: '150421000000' });
 *   map.addEventListener('selectionChanged', (e) => console.log(e.detail));
 *
 * Messages are taken only from the element's own iframe and only when they
 * come from the hub's origin (where this script was loaded from); commands
 * are posted only to that origin.
 */
import { EMBED_PARAMS } from '../embed/embed-options';
import { PROTOCOL, type MapMessage, type SelectedFeature } from '../embed/protocol';

const HUB = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href).origin;
/** How long a command waits for the map's answer. */
const ANSWER_TIMEOUT_MS = 15_000;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
  timer: number;
}

function isMapMessage(data: unknown): data is MapMessage {
  return typeof data === 'object' && data !== null && (data as { protocol?: unknown }).protocol === PROTOCOL;
}

export class LingyanMap extends HTMLElement {
  static observedAttributes = ['view', ...EMBED_PARAMS];

  /** Resolves with the view's parameters when the map is first drawn. */
  readonly ready: Promise<string>;
  private resolveReady!: (view: string) => void;
  private frame: HTMLIFrameElement | null = null;
  private pending = new Map<string, Pending>();
  private counter = 0;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  constructor() {
    super();
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  connectedCallback(): void {
    if (!this.style.display) this.style.display = 'block';
    if (!this.style.height && !this.getAttribute('height')) this.style.minHeight = '240px';
    const frame = document.createElement('iframe');
    frame.src = this.source();
    frame.title = this.getAttribute('title') ?? 'Lingyan map';
    frame.style.cssText = 'display:block;width:100%;height:100%;min-height:inherit;border:0';
    frame.setAttribute('loading', 'lazy');
    this.replaceChildren(frame);
    this.frame = frame;
    window.addEventListener('message', this.onMessage);
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    for (const [id, p] of this.pending) {
      window.clearTimeout(p.timer);
      p.reject(new Error('the map was removed from the page'));
      this.pending.delete(id);
    }
    this.frame = null;
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    // Before connection, connectedCallback reads the attributes; after it, a new link reloads the map.
    if (this.frame && old !== value) this.frame.src = this.source();
  }

  /** Sets view parameters, in the link format (`{ year: '2017' }`); resolves once the map took them. */
  async set(params: Record<string, string>): Promise<void> {
    await this.ready;
    const target = this.frame?.contentWindow;
    if (!target) throw new Error('the map is not on the page');
    const id = `${Date.now()}-${(this.counter += 1)}`;
    return new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the map did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`));
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      target.postMessage({ protocol: PROTOCOL, type: 'set', id, params }, HUB);
    });
  }

  setYear(year: number): Promise<void> {
    return this.set({ year: String(year) });
  }

  /** e.g. 'POVERTY_INCIDENCE', 'WEAK_VILLAGE_SHARE' (see the hub's README) */
  setMetric(metric: string): Promise<void> {
    return this.set({ metric: metric.toLowerCase() });
  }

  /** Filters by name (`status`, `strength`, `pairing`, `industry`), each a list of values; an empty list shows all. */
  setFilters(filters: Partial<Record<'status' | 'strength' | 'pairing' | 'industry', string[]>>): Promise<void> {
    const params: Record<string, string> = {};
    for (const [key, values] of Object.entries(filters)) params[key] = (values ?? []).join(',').toLowerCase();
    return this.set(params);
  }

  /** Opens a feature (`{ kind: 'county', id: '150421000000' }`), or clears the selection with null. */
  select(selection: { kind: string; id: string | number } | null): Promise<void> {
    return this.set({ sel: selection ? `${selection.kind}:${selection.id}` : '' });
  }

  setCamera(camera: { lon: number; lat: number; zoom: number }): Promise<void> {
    return this.set({ at: `${camera.lon},${camera.lat},${camera.zoom}` });
  }

  private source(): string {
    const params = new URLSearchParams(this.getAttribute('view') ?? '');
    for (const name of EMBED_PARAMS) {
      const value = this.getAttribute(name);
      if (value !== null) params.set(name, value);
    }
    const query = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
    return `${HUB}/embed${query ? `?${query}` : ''}`;
  }

  private receive(event: MessageEvent): void {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== HUB) return;
    const message = event.data;
    if (!isMapMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.resolveReady(message.view);
        this.emit('ready', { view: message.view });
        break;
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        window.clearTimeout(pending.timer);
        if (message.ok) pending.resolve();
        else pending.reject(new Error(message.error ?? 'the map refused the change'));
        break;
      }
      case 'selectionChanged':
        this.emit('selectionChanged', message.selection satisfies SelectedFeature | null);
        break;
      case 'viewChanged':
        this.emit('viewChanged', { view: message.view });
        break;
      default:
        console.warn('[lingyan] unknown message from the map:', message);
    }
  }

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** `<div data-lingyan-view="…" data-lingyan-title="…">` → a `<lingyan-map>` filling the div. */
function upgradePlaceholders(): void {
  for (const div of document.querySelectorAll<HTMLElement>('[data-lingyan-view]')) {
    if (div.querySelector('lingyan-map')) continue;
    const map = document.createElement('lingyan-map');
    map.setAttribute('view', div.dataset.lingyanView ?? '');
    for (const name of EMBED_PARAMS) {
      const value = div.getAttribute(`data-lingyan-${name}`);
      if (value !== null) map.setAttribute(name, value);
    }
    map.style.width = '100%';
    map.style.height = '100%';
    div.append(map);
  }
}

if (!customElements.get('lingyan-map')) customElements.define('lingyan-map', LingyanMap);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgradePlaceholders);
else upgradePlaceholders();

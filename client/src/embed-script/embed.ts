/**
 * The embed script (`<script src="https://hub/embed.js"></script>`): turns
 * `<lingyan-map view="year=2017&sel=county:150421000000">` elements, and
 * `<div data-lingyan-view="…">` placeholders, into embedded maps (an iframe
 * of the hub's `/embed`), and gives the host page the map's messages as
 * DOM events and its commands as methods returning promises:
 *
 *   const map = document.querySelector('lingyan-map');
 *   await map.ready;                        // the first drawn view
 *   await map.setYear(2017);                // resolves once the map shows 2017
 *   await map.select({ kind: 'county', id: '150421000000' });
 *   map.addEventListener('selectionChanged', (e) => console.log(e.detail));
 *
 * Nothing waits forever: `ready` and every command reject within the
 * timeout (`timeout="8"`, seconds) with a `LingyanMapError` whose `code` says
 * why (embed/protocol.ts, PROBLEM_CODES), and a map that cannot be shown
 * says why in the element, in its language (`lang=` of the view).
 *
 * Messages are taken only from the element's own iframe and only when they
 * come from the hub's origin (where this script was loaded from); commands
 * are posted only to that origin.
 */
import { EMBED_PARAMS } from '../embed/embed-options';
import { embedMessages, type EmbedLocale } from '../embed/messages';
import { PROBLEM_CODES, PROTOCOL, type MapMessage, type ProblemCode, type SelectedFeature } from '../embed/protocol';
import { diagnose } from './diagnose';
import { LingyanMapError } from './errors';
import { Handshake } from './handshake';
import { ProblemBox } from './problem-box';

export { LingyanMapError, PROBLEM_CODES };

const HUB = new URL((document.currentScript as HTMLScriptElement | null)?.src ?? window.location.href).origin;
/** How long the element waits for the map, in seconds, unless its `timeout` attribute says otherwise. */
export const DEFAULT_TIMEOUT_S = 8;
const MAX_TIMEOUT_S = 300;
/** The script's own attributes (not passed to the map's link); `data-lingyan-…` on a placeholder. */
const SCRIPT_ATTRIBUTES = ['timeout'] as const;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
  timer: number;
}

function isMapMessage(data: unknown): data is MapMessage {
  return typeof data === 'object' && data !== null && (data as { protocol?: unknown }).protocol === PROTOCOL;
}

function isProblemCode(value: unknown): value is ProblemCode {
  return (PROBLEM_CODES as readonly unknown[]).includes(value);
}

export class LingyanMap extends HTMLElement {
  static observedAttributes = ['view', ...EMBED_PARAMS];

  private readonly firstReady: Promise<string>;
  private resolveFirst!: (view: string) => void;
  private rejectFirst!: (error: Error) => void;
  private firstSettled = false;
  private frame: HTMLIFrameElement | null = null;
  private readonly box = new ProblemBox();
  private attempt: Handshake | null = null;
  private observer: IntersectionObserver | null = null;
  private visible = false;
  /** `ready` or a command was asked for: the frame loads now, even out of sight */
  private demanded = false;
  private pending = new Map<string, Pending>();
  private counter = 0;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  constructor() {
    super();
    this.firstReady = new Promise((resolve, reject) => {
      this.resolveFirst = resolve;
      this.rejectFirst = reject;
    });
    this.firstReady.catch(() => {});
  }

  /**
   * Resolves with the view's parameters when the map is first drawn; rejects
   * with the reason it cannot be (within the timeout). Asking for it loads a
   * map that is still out of sight.
   */
  get ready(): Promise<string> {
    this.demand();
    return this.firstReady;
  }

  /** The timeout in milliseconds (the `timeout` attribute, in seconds). */
  get timeoutMs(): number {
    const raw = this.getAttribute('timeout');
    if (raw === null) return DEFAULT_TIMEOUT_S * 1000;
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_TIMEOUT_S) return seconds * 1000;
    console.warn(`[lingyan] timeout="${raw}" is not a number of seconds from 0 to ${MAX_TIMEOUT_S}: ${DEFAULT_TIMEOUT_S} s is used`);
    return DEFAULT_TIMEOUT_S * 1000;
  }

  connectedCallback(): void {
    if (!this.style.display) this.style.display = 'block';
    if (!this.style.height && !this.getAttribute('height')) this.style.minHeight = '240px';
    // The problem box lies over the frame.
    if (getComputedStyle(this).position === 'static') this.style.position = 'relative';
    const frame = document.createElement('iframe');
    frame.title = this.getAttribute('title') ?? 'Lingyan map';
    frame.style.cssText = 'display:block;width:100%;height:100%;min-height:inherit;border:0';
    frame.loading = this.demanded ? 'eager' : 'lazy';
    frame.addEventListener('load', () => this.attempt?.frameLoad());
    this.frame = frame;
    this.replaceChildren(frame, this.box.element);
    window.addEventListener('message', this.onMessage);
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) this.visible = entry.isIntersecting;
      this.attempt?.setVisible(this.visible);
    });
    this.observer.observe(this);
    this.load();
  }

  disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    this.observer?.disconnect();
    this.observer = null;
    const removed = this.problem('removed');
    this.attempt?.abandon(removed);
    this.attempt = null;
    this.settleFirst(null, removed);
    this.rejectPending(removed);
    this.frame = null;
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    // Before connection, connectedCallback reads the attributes; after it, a new link loads the map again.
    if (this.frame && old !== value && this.frame.src !== this.source()) this.load();
  }

  /** Sets view parameters, in the link format (`{ year: '2017' }`); resolves once the map shows them. */
  async set(params: Record<string, string>): Promise<void> {
    this.demand();
    const attempt = this.attempt;
    if (!attempt) throw this.problem('removed');
    await attempt.done;
    const target = this.frame?.contentWindow;
    if (!target) throw this.problem('removed');
    if (attempt !== this.attempt) throw this.problem('reloaded');
    const id = `${Date.now()}-${(this.counter += 1)}`;
    return new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(this.problem('timeout'));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      target.postMessage({ protocol: PROTOCOL, type: 'set', id, params }, HUB);
    });
  }

  setYear(year: number): Promise<void> {
    return this.set({ year: String(year) });
  }

  /** e.g. 'POVERTY_INCIDENCE', 'WEAK_VILLAGE_SHARE' (see the hub's docs/atlas.md) */
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

  /** Loads the map's link in the frame and waits for it (again, when the attributes changed). */
  private load(): void {
    const frame = this.frame!;
    const attempt = new Handshake({
      timeoutMs: this.timeoutMs,
      diagnose: (limitMs) => diagnose(HUB, limitMs),
      problem: (code) => this.problem(code),
    });
    const previous = this.attempt;
    this.attempt = attempt;
    if (previous) {
      const reloaded = this.problem('reloaded');
      previous.abandon(reloaded);
      this.rejectPending(reloaded);
    }
    attempt.done.then(
      (view) => {
        if (attempt === this.attempt) this.settleFirst(view, null);
      },
      (error: Error) => {
        if (attempt !== this.attempt) return;
        this.settleFirst(null, error);
        this.showProblem(error);
      },
    );
    this.box.hide();
    frame.style.visibility = '';
    frame.src = this.source();
    if (this.demanded) attempt.start();
    attempt.setVisible(this.visible);
  }

  /** `ready` or a command is waiting: load the frame now (a lazy one out of sight would not), and start the clock. */
  private demand(): void {
    this.demanded = true;
    if (this.frame && this.frame.loading !== 'eager') this.frame.loading = 'eager';
    this.attempt?.start();
  }

  private settleFirst(view: string | null, error: Error | null): void {
    if (this.firstSettled) return;
    this.firstSettled = true;
    if (error) this.rejectFirst(error);
    else this.resolveFirst(view!);
  }

  private rejectPending(error: Error): void {
    for (const [id, p] of this.pending) {
      window.clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }

  private mapLocale(): EmbedLocale {
    return new URLSearchParams(this.getAttribute('view') ?? '').get('lang') === 'en' ? 'en' : 'zh-CN';
  }

  /** The error for a reason, its message in English (the console's); `reason`: the map's own words. */
  private problem(code: ProblemCode, reason = ''): LingyanMapError {
    const text = embedMessages('en').problems[code](this.detail(reason));
    return new LingyanMapError(code, code === 'invalid' && reason ? reason : text);
  }

  private detail(reason: string) {
    return { origin: window.location.origin, hub: HUB, seconds: this.timeoutMs / 1000, reason };
  }

  /** The map cannot be shown: say why in its place, in its language. */
  private showProblem(error: Error): void {
    const code: ProblemCode = error instanceof LingyanMapError ? error.code : 'load-failed';
    const lang = this.mapLocale();
    const messages = embedMessages(lang);
    this.box.show(code, lang, messages.problemTitle, messages.problems[code](this.detail(error.message)));
    if (this.frame) this.frame.style.visibility = 'hidden';
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
      case 'hello':
        this.attempt?.hello();
        break;
      case 'ready':
        this.attempt?.ready(message.view);
        // Drawn after all (e.g. after a timeout): the map replaces the explanation.
        if (this.box.shown) {
          this.box.hide();
          this.frame.style.visibility = '';
        }
        this.emit('ready', { view: message.view });
        break;
      case 'error': {
        const code = isProblemCode(message.code) ? message.code : 'load-failed';
        const error = this.problem(code, String(message.message ?? ''));
        this.attempt?.fail(error);
        this.emit('error', { code, message: error.message });
        break;
      }
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        window.clearTimeout(pending.timer);
        if (message.ok) pending.resolve();
        else pending.reject(this.problem(isProblemCode(message.code) ? message.code : 'invalid', message.error ?? 'the map refused the change'));
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
    for (const name of [...EMBED_PARAMS, ...SCRIPT_ATTRIBUTES]) {
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

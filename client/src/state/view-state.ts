/**
 * The view a link carries: year, metric, classification, layers, filters,
 * selection, camera and language, read from and written to the URL's query
 * string. One format for the atlas (`/`) and the embedded view (`/embed`), so
 * a link and an iframe snippet of the same view are the same parameters.
 *
 * Parameters are written in a fixed order, each only when it differs from
 * the default, so the same view always gives the same link. Reading is
 * strict: a value that is not valid is dropped (the default applies) and
 * reported by name, so the page can say which part of a link it ignored
 * instead of silently showing something else.
 */

import { CAUSES } from '../causes/causes';
import type { ClassificationMethod, ClassScope, Metric } from '../graphql/documents';
import { OVERLAYS_SHOWN_AT_FIRST, OVERLAY_KEYS } from '../map/layers/registry';
import type { OverlayKey } from '../map/layers/types';
import { everyMember } from './every-member';

export const METRICS = everyMember<Metric>()([
  'POVERTY_INCIDENCE',
  'POOR_POPULATION',
  'WEAK_VILLAGE_SHARE',
  'COLLECTIVE_INCOME_MEDIAN',
  'SECRETARY_IS_DIRECTOR_SHARE',
  'SOFT_LAX_COUNT',
  'CAUSE_SHARE',
  'ASSESSMENT_SCORE',
]);
export type MetricKey = (typeof METRICS)[number];

/** The cause of poverty a map of CAUSE_SHARE shows (`cause=lack_of_water`). */
export { CAUSES };
export type CauseKey = (typeof CAUSES)[number];

/** Every classification method; POLICY only for a metric with policy bands, MANUAL with `breaks`. */
export const METHODS = everyMember<ClassificationMethod>()(['POLICY', 'QUANTILE', 'EQUAL_INTERVAL', 'JENKS', 'MANUAL']);
export type MethodKey = (typeof METHODS)[number];

/** Breaks over every year (colours compare across years) or over the year shown. */
export const SCOPES = everyMember<ClassScope>()(['ALL_YEARS', 'YEAR']);
export type ScopeKey = (typeof SCOPES)[number];
/** A manual classification has 1 to 6 bounds between classes. */
export const MAX_MANUAL_BREAKS = 6;

export const MIN_CLASSES = 3;
export const MAX_CLASS_COUNT = 7;

/**
 * The overlays a user can switch, in the layer panel's order: the layer
 * registry's modules that have a toggle (a new overlay's module brings its key).
 */
export const OVERLAYS: readonly Overlay[] = OVERLAY_KEYS;
export type Overlay = OverlayKey;

export const STATUSES = ['POOR', 'EXITED', 'NEVER_POOR'] as const;
export const STRENGTHS = ['WEAK', 'MIDDLE', 'STRONG'] as const;
export const PAIRING_KINDS = ['STRONG_HELPS_WEAK', 'CENTRE_RADIATES', 'ENTERPRISE_VILLAGE'] as const;
export const INDUSTRY_TYPES = [
  'LIVESTOCK',
  'DAIRY',
  'VEGETABLES',
  'POTATOES',
  'EDIBLE_FUNGI',
  'PHOTOVOLTAIC',
  'PROCESSING',
  'RURAL_TOURISM',
  'E_COMMERCE',
] as const;

/** Which features the overlays show; an empty list means "all". */
export interface ViewFilters {
  status: ReadonlyArray<(typeof STATUSES)[number]>;
  strength: ReadonlyArray<(typeof STRENGTHS)[number]>;
  pairing: ReadonlyArray<(typeof PAIRING_KINDS)[number]>;
  industry: ReadonlyArray<(typeof INDUSTRY_TYPES)[number]>;
}

export const SELECTION_KINDS = ['county', 'township', 'village', 'alliance', 'pairing', 'project', 'finding'] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];

/** The feature whose panel is open: a 12-digit code for areas and villages, an id otherwise. */
export interface Selection {
  kind: SelectionKind;
  id: string;
}

/** Map centre (WGS-84 degrees) and zoom. */
export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

export type ViewLocale = 'zh-CN' | 'en';

export interface ViewState {
  /** the prefecture read, a 12-digit code (null: the hub's default, the lowest code held) */
  region: string | null;
  /** null: the latest year with data */
  year: number | null;
  metric: MetricKey;
  /** the cause of poverty mapped by CAUSE_SHARE (kept, unused, while another metric is shown) */
  cause: CauseKey;
  /** null: the metric's own (its policy bands where it has them) */
  method: MethodKey | null;
  /** classes of a computed method (quantile, equal interval, Jenks) */
  classes: number;
  scope: ScopeKey;
  /** the bounds between classes of a MANUAL classification, ascending (null for other methods) */
  breaks: readonly number[] | null;
  /** overlays switched on */
  layers: ReadonlySet<Overlay>;
  filters: ViewFilters;
  selection: Selection | null;
  /** null: fit the region */
  camera: Camera | null;
  locale: ViewLocale;
}

/** On at first sight: the overlays whose module's toggle says `shownAtFirst` (cartography rule 8). */
export const DEFAULT_LAYERS: ReadonlySet<Overlay> = OVERLAYS_SHOWN_AT_FIRST;

export const DEFAULT_VIEW: ViewState = {
  region: null,
  year: null,
  metric: 'POVERTY_INCIDENCE',
  cause: 'ILLNESS',
  method: null,
  classes: 5,
  scope: 'ALL_YEARS',
  breaks: null,
  layers: DEFAULT_LAYERS,
  filters: { status: [], strength: [], pairing: [], industry: [] },
  selection: null,
  camera: null,
  locale: 'zh-CN',
};

/** The parameters, in the order they are written. */
export const PARAMS = [
  'region',
  'year',
  'metric',
  'cause',
  'method',
  'classes',
  'scope',
  'breaks',
  'layers',
  'status',
  'strength',
  'pairing',
  'industry',
  'sel',
  'at',
  'lang',
] as const;
export type ViewParam = (typeof PARAMS)[number];

export interface ParsedView {
  state: ViewState;
  /** parameters present but not valid, ignored (the default applies) */
  rejected: ViewParam[];
}

const CODE = /^\d{12}$/;
const ID = /^[1-9]\d{0,9}$/;
const AREA_OR_VILLAGE: ReadonlySet<SelectionKind> = new Set(['county', 'township', 'village']);

/** Enum values are written in lower case (`metric=poor_population`) and read in any case. */
function parseEnum<T extends string>(raw: string, values: readonly T[]): T | undefined {
  const upper = raw.toUpperCase();
  return values.find((v) => v.toUpperCase() === upper);
}

/** A comma-separated list of enum values: all must be valid, no repeats. */
function parseEnumList<T extends string>(raw: string, values: readonly T[]): T[] | undefined {
  if (raw === '') return [];
  const parts = raw.split(',').map((part) => parseEnum(part, values));
  if (parts.some((p) => p === undefined)) return undefined;
  const list = parts as T[];
  return new Set(list).size === list.length ? values.filter((v) => list.includes(v)) : undefined;
}

function parseInteger(raw: string, min: number, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

/** Bounds between manual classes: 1 to 6 numbers, ascending (`breaks=1,3,5,10`). */
export function parseBreaks(raw: string): number[] | undefined {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length < 1 || parts.length > MAX_MANUAL_BREAKS || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return undefined;
  const values = parts.map(Number);
  return values.every((v, i) => i === 0 || v > values[i - 1]!) ? values : undefined;
}

function parseSelection(raw: string): Selection | undefined {
  const [kind, id, ...rest] = raw.split(':');
  const known = SELECTION_KINDS.find((k) => k === kind);
  if (!known || id === undefined || rest.length > 0) return undefined;
  return (AREA_OR_VILLAGE.has(known) ? CODE : ID).test(id) ? { kind: known, id } : undefined;
}

function parseCamera(raw: string): Camera | undefined {
  const parts = raw.split(',');
  if (parts.length !== 3 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return undefined;
  const [lon, lat, zoom] = parts.map(Number) as [number, number, number];
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return undefined;
  return { lon, lat, zoom };
}

/** Each filter's possible values, in display order. */
export const FILTER_VALUES = {
  status: STATUSES,
  strength: STRENGTHS,
  pairing: PAIRING_KINDS,
  industry: INDUSTRY_TYPES,
} as const;

/** Reads a view from a query string (`location.search`), defaults for what is absent or invalid. */
export function parseView(search: string): ParsedView {
  const params = new URLSearchParams(search);
  const rejected: ViewParam[] = [];
  const read = <T>(name: ViewParam, parse: (raw: string) => T | undefined, fallback: T): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const value = parse(raw);
    if (value === undefined) {
      rejected.push(name);
      return fallback;
    }
    return value;
  };
  const filters = {} as Record<keyof ViewFilters, readonly string[]>;
  for (const key of Object.keys(FILTER_VALUES) as Array<keyof ViewFilters>) {
    filters[key] = read(key, (raw) => parseEnumList(raw, FILTER_VALUES[key] as readonly string[]), []);
  }
  const parsed: ViewState = {
    region: read('region', (raw) => (CODE.test(raw) ? raw : undefined), null),
    year: read('year', (raw) => parseInteger(raw, 2000, 2100), null),
    metric: read('metric', (raw) => parseEnum(raw, METRICS), DEFAULT_VIEW.metric),
    cause: read('cause', (raw) => parseEnum(raw, CAUSES), DEFAULT_VIEW.cause),
    method: read('method', (raw) => parseEnum(raw, METHODS), DEFAULT_VIEW.method),
    classes: read('classes', (raw) => parseInteger(raw, MIN_CLASSES, MAX_CLASS_COUNT), DEFAULT_VIEW.classes),
    scope: read('scope', (raw) => parseEnum(raw, SCOPES), DEFAULT_VIEW.scope),
    breaks: read('breaks', parseBreaks, DEFAULT_VIEW.breaks),
    layers: read('layers', (raw) => {
      const list = parseEnumList(raw, OVERLAYS);
      return list && new Set(list);
    }, DEFAULT_LAYERS),
    filters: filters as unknown as ViewFilters,
    selection: read('sel', parseSelection, null),
    camera: read('at', parseCamera, null),
    locale: read('lang', (raw) => (raw === 'en' ? 'en' : raw === 'zh-CN' ? 'zh-CN' : undefined), DEFAULT_VIEW.locale),
  };
  // Manual classes need their bounds, and bounds belong to manual classes only.
  let state = parsed;
  if (parsed.method === 'MANUAL' && !parsed.breaks) {
    if (!rejected.includes('breaks')) rejected.push('method');
    state = { ...parsed, method: DEFAULT_VIEW.method };
  } else if (parsed.method !== 'MANUAL' && parsed.breaks) {
    rejected.push('breaks');
    state = { ...parsed, breaks: null };
  }
  return { state, rejected };
}

/** Camera to a short, stable text: ~1 m of position, 1/100 of a zoom level. */
function formatCamera({ lon, lat, zoom }: Camera): string {
  const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));
  return `${trim(lon, 5)},${trim(lat, 5)},${trim(zoom, 2)}`;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((v) => b.has(v));
}

/** The query string of a view (without `?`): only what differs from the defaults, in `PARAMS` order. */
export function formatView(state: ViewState): string {
  const out = new URLSearchParams();
  if (state.region !== null) out.set('region', state.region);
  if (state.year !== null) out.set('year', String(state.year));
  if (state.metric !== DEFAULT_VIEW.metric) out.set('metric', state.metric.toLowerCase());
  // The cause only means something on a map of CAUSE_SHARE: other links stay as they were.
  if (state.metric === 'CAUSE_SHARE' && state.cause !== DEFAULT_VIEW.cause) out.set('cause', state.cause.toLowerCase());
  if (state.method !== DEFAULT_VIEW.method && state.method !== null) out.set('method', state.method.toLowerCase());
  if (state.classes !== DEFAULT_VIEW.classes) out.set('classes', String(state.classes));
  if (state.scope !== DEFAULT_VIEW.scope) out.set('scope', state.scope.toLowerCase());
  if (state.method === 'MANUAL' && state.breaks) out.set('breaks', state.breaks.join(','));
  if (!sameSet(state.layers, DEFAULT_LAYERS)) out.set('layers', OVERLAYS.filter((o) => state.layers.has(o)).join(','));
  for (const key of Object.keys(FILTER_VALUES) as Array<keyof ViewFilters>) {
    const chosen = state.filters[key] as readonly string[];
    if (chosen.length > 0) {
      const ordered = (FILTER_VALUES[key] as readonly string[]).filter((v) => chosen.includes(v));
      out.set(key, ordered.map((v) => v.toLowerCase()).join(','));
    }
  }
  if (state.selection) out.set('sel', `${state.selection.kind}:${state.selection.id}`);
  if (state.camera) out.set('at', formatCamera(state.camera));
  if (state.locale !== DEFAULT_VIEW.locale) out.set('lang', state.locale);
  // URLSearchParams escapes ',' and ':'; both are safe in a query and easier to read unescaped.
  return out.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}

export { passes } from './filter-pass';

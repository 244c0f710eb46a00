/**
 * What the big screen (`/screen`) shows in turn, and for how long: the link's
 * `views=` and `interval=`, or where the link has none, the hub's defaults
 * (SCREEN_VIEWS and SCREEN_INTERVAL, which the hub writes into the page as
 * the same parameters: server/src/http/screen.ts).
 *
 * `views` is a comma-separated list of views. A view is its parameters
 * separated by colons, in any order, each recognised by its value and written
 * as the atlas's link writes it (state/view-state.ts):
 *
 * - a year (`2016`), or `latest` (the latest year with figures; the default),
 * - a metric (`poverty_incidence`, `collective_income_median`, …; default poverty incidence),
 * - a classification method (`policy`, `quantile`, `equal_interval`, `jenks`; default the metric's own),
 * - its scope (`all_years`, the default, or `year`) and its number of classes (3–7),
 * - county codes (12 digits), any number: the counties to focus on, framed and marked.
 *
 * e.g. `2016:poverty_incidence,2025:collective_income_median:jenks:4,latest:150221000000:150222000000`.
 *
 * Reading is strict but never fatal: a part that is not valid is left out
 * and reported (where, and why), so the screen says what it ignored instead
 * of silently showing something else.
 */
import { DEFAULT_VIEW, parseView, type MethodKey, type MetricKey, type ScopeKey, type ViewParam } from '../state/view-state';

export interface ScreenView {
  /** null: the latest year with figures */
  year: number | null;
  metric: MetricKey;
  /** null: the metric's own */
  method: MethodKey | null;
  classes: number;
  scope: ScopeKey;
  /** counties to frame and mark, by code (empty: the whole region) */
  focus: readonly string[];
}

/** Where a rotation came from: the page's link, or the hub's configuration. */
export type RotationSource = 'link' | 'hub';

export type RotationProblem =
  /** `item` (1-based) of `views` has a part that is no view parameter */
  | { kind: 'unknown'; source: RotationSource; item: number; part: string }
  /** the item gives one parameter twice (two years, two metrics…) */
  | { kind: 'repeated'; source: RotationSource; item: number; part: string }
  /** manual classes need their bounds, which a view of the rotation cannot carry */
  | { kind: 'manual'; source: RotationSource; item: number }
  /** an empty item (`a,,b`) */
  | { kind: 'empty'; source: RotationSource; item: number }
  /** more views than the screen shows (the first ones are kept) */
  | { kind: 'too-many'; source: RotationSource; count: number }
  /** `interval` is not a whole number of seconds in range */
  | { kind: 'interval'; source: RotationSource; value: string };

export interface Rotation {
  /** at least one */
  views: readonly ScreenView[];
  intervalSeconds: number;
  problems: readonly RotationProblem[];
}

export const DEFAULT_INTERVAL_SECONDS = 30;
/** Seconds: the hub's SCREEN_INTERVAL has the same bounds (server/src/config/config.ts). */
export const MIN_INTERVAL_SECONDS = 2;
export const MAX_INTERVAL_SECONDS = 3600;
export const MAX_VIEWS = 24;

/** The screen with no rotation configured: the atlas's opening view. */
export const DEFAULT_SCREEN_VIEW: ScreenView = {
  year: null,
  metric: DEFAULT_VIEW.metric,
  method: DEFAULT_VIEW.method,
  classes: DEFAULT_VIEW.classes,
  scope: DEFAULT_VIEW.scope,
  focus: [],
};

const COUNTY_CODE = /^\d{12}$/;
/** The view parameters a part may be, tried in this order (a value fits one of them at most). */
const PART_PARAMS = ['year', 'classes', 'metric', 'method', 'scope'] as const satisfies readonly ViewParam[];
type PartParam = (typeof PART_PARAMS)[number];

/** Which view parameter a part is, read by the atlas's own parser; null when it is none. */
function readPart(part: string): { param: PartParam; state: ReturnType<typeof parseView>['state'] } | null {
  for (const param of PART_PARAMS) {
    const parsed = parseView(new URLSearchParams({ [param]: part }).toString());
    if (parsed.rejected.length === 0) return { param, state: parsed.state };
  }
  return null;
}

function parseItem(item: string, index: number, source: RotationSource, problems: RotationProblem[]): ScreenView | null {
  if (item.trim() === '') {
    problems.push({ kind: 'empty', source, item: index });
    return null;
  }
  const view: { -readonly [K in keyof ScreenView]: ScreenView[K] } = { ...DEFAULT_SCREEN_VIEW, focus: [] };
  const given = new Set<PartParam>();
  const focus: string[] = [];
  for (const raw of item.split(':')) {
    const part = raw.trim();
    if (COUNTY_CODE.test(part)) {
      if (focus.includes(part)) problems.push({ kind: 'repeated', source, item: index, part });
      else focus.push(part);
      continue;
    }
    if (part.toLowerCase() === 'manual') {
      problems.push({ kind: 'manual', source, item: index });
      continue;
    }
    const read = part.toLowerCase() === 'latest' ? { param: 'year' as const, state: DEFAULT_VIEW } : readPart(part);
    if (!read) {
      problems.push({ kind: 'unknown', source, item: index, part });
      continue;
    }
    if (given.has(read.param)) {
      problems.push({ kind: 'repeated', source, item: index, part });
      continue;
    }
    given.add(read.param);
    if (read.param === 'year') view.year = read.state.year;
    else if (read.param === 'classes') view.classes = read.state.classes;
    else if (read.param === 'metric') view.metric = read.state.metric;
    else if (read.param === 'method') view.method = read.state.method;
    else view.scope = read.state.scope;
  }
  view.focus = focus;
  // Nothing of it was usable: no view, rather than the default one under a name it does not have.
  return given.size > 0 || focus.length > 0 ? view : null;
}

/** The views of a `views` value; the problems of each item are added to `problems`. */
export function parseViews(raw: string, source: RotationSource, problems: RotationProblem[]): ScreenView[] {
  const items = raw.split(',');
  const views = items.flatMap((item, i) => parseItem(item, i + 1, source, problems) ?? []);
  if (views.length > MAX_VIEWS) problems.push({ kind: 'too-many', source, count: views.length });
  return views.slice(0, MAX_VIEWS);
}

function parseInterval(raw: string, source: RotationSource, problems: RotationProblem[]): number | null {
  const value = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (value >= MIN_INTERVAL_SECONDS && value <= MAX_INTERVAL_SECONDS) return value;
  problems.push({ kind: 'interval', source, value: raw });
  return null;
}

/**
 * The rotation of a page: `search` is its link's query, `hub` the hub's
 * defaults in the same form (null: none). The link wins parameter by
 * parameter; a link whose views are all unusable falls back to the hub's,
 * then to the atlas's opening view.
 */
export function readRotation(search: string, hub: string | null): Rotation {
  const problems: RotationProblem[] = [];
  const link = new URLSearchParams(search);
  const defaults = new URLSearchParams(hub ?? '');
  const viewsFrom = (params: URLSearchParams, source: RotationSource) => {
    const raw = params.get('views');
    return raw === null ? [] : parseViews(raw, source, problems);
  };
  let views = viewsFrom(link, 'link');
  if (views.length === 0) views = viewsFrom(defaults, 'hub');
  const intervalFrom = (params: URLSearchParams, source: RotationSource) => {
    const raw = params.get('interval');
    return raw === null ? null : parseInterval(raw, source, problems);
  };
  const intervalSeconds = intervalFrom(link, 'link') ?? intervalFrom(defaults, 'hub') ?? DEFAULT_INTERVAL_SECONDS;
  return { views: views.length > 0 ? views : [DEFAULT_SCREEN_VIEW], intervalSeconds, problems };
}

/** The hub's defaults, from the meta tag it writes into the page (null: none). */
export function hubDefaults(doc: Document = document): string | null {
  return doc.querySelector<HTMLMetaElement>('meta[name="lingyan-screen"]')?.content || null;
}

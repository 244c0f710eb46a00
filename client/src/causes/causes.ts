/**
 * Causes of poverty (致贫原因) in the client: the causes in the registration
 * form's order, the chart's rows, its sentence for screen readers, and the
 * names of the map metric CAUSE_SHARE once its cause is known.
 */
import type { Metric, PovertyCause } from '../graphql/documents';
import { everyMember } from '../state/every-member';
import type { CausesMessages } from './messages';

export const CAUSES = everyMember<PovertyCause>()([
  'ILLNESS',
  'DISABILITY',
  'SCHOOLING',
  'DISASTER',
  'LACK_OF_LAND',
  'LACK_OF_WATER',
  'LACK_OF_SKILLS',
  'LACK_OF_LABOUR',
  'LACK_OF_FUNDS',
  'POOR_TRANSPORT',
  'LACK_OF_DRIVE',
]);

/** The cause a map of CAUSE_SHARE shows when none is chosen. */
export const DEFAULT_CAUSE: PovertyCause = 'ILLNESS';

export interface CauseCount {
  cause: PovertyCause;
  households: number;
  share: number;
}

export interface CauseBar {
  cause: PovertyCause;
  label: string;
  households: number;
  share: number;
  /** the figures as written beside the bar */
  text: string;
  /** the bar's length, % of the longest (the cause with most households) */
  width: number;
}

const format = (m: CausesMessages, n: number, decimals: number) => n.toLocaleString(m.numberLocale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** The chart's bars, in the API's order (most households first); the first is the top cause. */
export function causeBars(m: CausesMessages, list: readonly CauseCount[]): CauseBar[] {
  const most = Math.max(0, ...list.map((c) => c.households));
  return list.map((c) => ({
    cause: c.cause,
    label: m.causeNames[c.cause],
    households: c.households,
    share: c.share,
    text: m.barValue(format(m, c.households, 0), format(m, c.share, 1)),
    width: most > 0 ? (100 * c.households) / most : 0,
  }));
}

/** Poor households with a recorded cause, as written under the heading. */
export function causeTotal(m: CausesMessages, year: number, list: readonly CauseCount[]): string {
  return m.chartTotal(year, format(m, list.reduce((s, c) => s + c.households, 0), 0));
}

/** The chart in one sentence (its text alternative). */
export function causesSummary(m: CausesMessages, year: number, list: readonly CauseCount[]): string {
  if (list.length === 0) return m.chartEmpty(year);
  return m.chartSummary(year, list.map((c) => m.summaryPart(m.causeNames[c.cause], format(m, c.households, 0), format(m, c.share, 1))));
}

/** The message functions that name a metric (each takes it first). */
interface NamesMetric {
  metricNames: Record<Metric, string>;
  legendTitle(metric: Metric, unit: string): string;
  appSubtitle(prefecture: string, metric: Metric): string;
  mapLabel(metric: Metric): string;
}

/**
 * Messages in which a map of CAUSE_SHARE is named by its cause (因病致贫占比,
 * not 致贫原因占比): the legend, title, map label, tooltip and exports read
 * these names. Unchanged for the other metrics.
 */
export function withCauseNames<T extends NamesMetric>(messages: T, causes: CausesMessages, metric: Metric, cause: PovertyCause): T {
  if (metric !== 'CAUSE_SHARE') return messages;
  const generic = messages.metricNames.CAUSE_SHARE;
  const name = causes.shareName(cause);
  // The generic name as each function writes it (some lower-case it inside a sentence).
  const named = (text: string) => text.replace(generic, name).replace(generic.toLowerCase(), name.toLowerCase());
  return {
    ...messages,
    metricNames: { ...messages.metricNames, CAUSE_SHARE: name },
    legendTitle: (m: Metric, unit: string) => (m === 'CAUSE_SHARE' ? named(messages.legendTitle(m, unit)) : messages.legendTitle(m, unit)),
    appSubtitle: (prefecture: string, m: Metric) => (m === 'CAUSE_SHARE' ? named(messages.appSubtitle(prefecture, m)) : messages.appSubtitle(prefecture, m)),
    mapLabel: (m: Metric) => (m === 'CAUSE_SHARE' ? named(messages.mapLabel(m)) : messages.mapLabel(m)),
  };
}

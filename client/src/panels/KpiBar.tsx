/**
 * The prefecture's key figures for the year (the `summary` query): poverty
 * incidence and poor population, counties at the exit line, poor villages
 * exited, weak villages, pairings, alliances and soft-and-lax branches.
 */
import { useRef } from 'react';
import type { AtlasSummary } from '../graphql/documents';
import { formatNumber } from '../map/messages';
import { FindingsKpi } from '../inspection/FindingsKpi';
import { WarningsKpi } from '../warnings/WarningsKpi';
import { usePublishedHeight } from './usePublishedHeight';

export const KPI_KEYS = [
  'povertyIncidence',
  'poorPopulation',
  'countiesBelowExitLine',
  'villagesExited',
  'weakVillages',
  'activePairings',
  'alliances',
  'softLaxBranches',
] as const satisfies ReadonlyArray<keyof AtlasSummary>;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface KpiMessages {
  kpi: Record<KpiKey, string>;
  kpiTitle(year: number): string;
  /** "part of whole" */
  kpiOf(part: string, whole: string): string;
  kpiNone(year: number): string;
  tooltipPersons(n: string): string;
  numberLocale: string;
}

interface KpiBarProps {
  year: number;
  /** undefined while loading; null when the year has no figures */
  summary: AtlasSummary | null | undefined;
  loading: boolean;
  messages: KpiMessages;
}

/** Each KPI's value as written (the bar and the big screen show the same text); none while there is no summary. */
export function kpiValues(summary: AtlasSummary | null | undefined, messages: KpiMessages): Array<[KpiKey, string]> {
  const n = (value: number) => formatNumber(messages, value);
  return summary
    ? [
        ['povertyIncidence', summary.povertyIncidence == null ? '–' : `${formatNumber(messages, summary.povertyIncidence, 2)}%`],
        ['poorPopulation', messages.tooltipPersons(n(summary.poorPopulation))],
        ['countiesBelowExitLine', messages.kpiOf(n(summary.countiesBelowExitLine), n(summary.counties))],
        ['villagesExited', messages.kpiOf(n(summary.villagesExited), n(summary.poorVillages))],
        ['weakVillages', messages.kpiOf(n(summary.weakVillages), n(summary.villages))],
        ['activePairings', n(summary.activePairings)],
        ['alliances', n(summary.alliances)],
        ['softLaxBranches', n(summary.softLaxBranches)],
      ]
    : [];
}

export function KpiBar({ year, summary, loading, messages }: KpiBarProps) {
  const bar = useRef<HTMLElement>(null);
  usePublishedHeight(bar, '--kpi-height');
  const values = kpiValues(summary, messages);
  return (
    <section ref={bar} className="kpi-bar card" data-testid="kpi-bar" aria-label={messages.kpiTitle(year)} aria-busy={loading}>
      {summary === null && <p className="kpi-none">{messages.kpiNone(year)}</p>}
      <dl>
        {values.map(([key, text]) => (
          <div key={key} className="kpi" data-testid={`kpi-${key}`}>
            <dt>{messages.kpi[key]}</dt>
            <dd>{text}</dd>
          </div>
        ))}
        {summary && <FindingsKpi year={year} numberLocale={messages.numberLocale} />}
        {summary && <WarningsKpi year={year} numberLocale={messages.numberLocale} />}
      </dl>
    </section>
  );
}

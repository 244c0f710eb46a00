/** The lines of the county panel's figure-source section, as text (pure, so both languages are tested without a browser). */
import type { AtlasFigureSourcesQuery } from '../../graphql/documents';
import type { FigureSourceMessages } from './figure-source-messages';

type County = AtlasFigureSourcesQuery['county'];

export interface FigureSourceLine {
  testId: 'figure-source' | 'figure-difference' | 'figure-incidence-gap';
  text: string;
  /** the raw value a test or a script reads (data-value) */
  value: string;
}

const signed = (s: string, n: number) => (n > 0 ? `+${s}` : s);

/**
 * Nothing where the year's figures are the villages' and nothing was
 * reported (the demo region); else the source, and where both exist the gap
 * in poor population and in incidence.
 */
export function figureSourceLines(
  m: FigureSourceMessages,
  format: { int: (n: number) => string; points: (n: number) => string },
  county: County,
): FigureSourceLine[] {
  const figures = county.figures;
  const [d] = county.figureDifferences;
  if (!figures || (figures.source === 'FROM_VILLAGES' && !d)) return [];
  const lines: FigureSourceLine[] = [{ testId: 'figure-source', text: m.source(m.sources[figures.source]), value: figures.source }];
  if (!d) return lines;
  lines.push({
    testId: 'figure-difference',
    text: d.poorPopulationGap === 0 ? m.same : m.difference(format.int(d.reportedPoorPopulation), format.int(d.villagesPoorPopulation), signed(format.int(d.poorPopulationGap), d.poorPopulationGap)),
    value: String(d.poorPopulationGap),
  });
  if (d.incidenceGap != null && d.incidenceGap !== 0) {
    lines.push({ testId: 'figure-incidence-gap', text: m.incidenceGap(signed(format.points(d.incidenceGap), d.incidenceGap)), value: String(d.incidenceGap) });
  }
  return lines;
}

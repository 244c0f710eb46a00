/**
 * The texts and colours of the exported PNG, from the view on screen: the
 * legend's classes in the very colours of the county layer (one
 * `Classification`), labelled as the legend labels them, and the exit-line
 * note the legend shows. Pure, so it can be tested without a canvas.
 */
import { positionOnScale, tickDecimals } from '../map/classes';
import type { AtlasView } from '../map/layers/types';
import { formatNumber } from '../map/messages';
import type { ExportMessages } from './messages';

export interface PngContent {
  title: string;
  subtitle: string;
  legendTitle: string;
  legendSubtitle: string;
  classes: Array<{ color: string; label: string }>;
  /** the exit line, as the legend's note says it */
  note: string;
  source: string;
}

export interface PngTexts {
  title: string;
  prefecture: string;
  /** county exit incidence, in percent */
  threshold: number;
  /** the day of the export */
  date: string;
}

export function pngContent(view: AtlasView, { title, prefecture, threshold, date }: PngTexts, m: ExportMessages): PngContent {
  const { messages, classification, year, method } = view;
  const metric = messages.legendTitle(view.metric, view.unit);
  const { classes } = classification;
  const ticks = classes.length > 0 ? [classes[0]!.from, ...classes.map((c) => c.to)] : [];
  const decimals = tickDecimals(ticks);
  const thresholdText = formatNumber(messages, threshold, threshold % 1 === 0 ? 0 : 1);
  const { clamped } = positionOnScale(classification, threshold);
  return {
    title,
    subtitle: m.pngSubtitle(prefecture, metric, year),
    legendTitle: metric,
    legendSubtitle: messages.legendSubtitle(year, classes.length, method),
    classes: classes.map((c) => ({
      color: c.color,
      label: messages.legendClass(formatNumber(messages, c.from, decimals), formatNumber(messages, c.to, decimals), c.count),
    })),
    note:
      clamped === 'above'
        ? messages.legendAllBelow(thresholdText)
        : clamped === 'below'
          ? messages.legendAllAbove(thresholdText)
          : `${messages.legendThreshold(thresholdText)} · ${messages.legendThresholdNote(thresholdText)}`,
    source: m.source(date),
  };
}

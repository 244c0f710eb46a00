/**
 * How a class is written, the same in the legend, the layer panel, the list
 * and the exports: its bounds in the metric's decimals ("1.0 – 3.0", "≥ 20.0"
 * for the open top class of policy and manual classes, "= 30.2" for a class
 * holding one value), and the areas it holds ("3 个旗县区").
 */
import { tickDecimals, type Classification } from './classes';
import { formatNumber, type MapMessages } from './messages';

type LabelMessages = Pick<MapMessages, 'numberLocale' | 'classRange' | 'classAtLeast' | 'classExactly' | 'areaCount'>;

/** The decimals every bound of the classification is written with: the metric's, more where two bounds would print alike. */
export function boundDecimals(c: Pick<Classification, 'breaks' | 'decimals'>): number {
  return tickDecimals(c.breaks, c.decimals);
}

/** The bounds of class `i` as text (no unit). */
export function classBounds(c: Pick<Classification, 'classes' | 'breaks' | 'decimals' | 'openEnded'>, i: number, messages: LabelMessages): string {
  const k = c.classes[i];
  if (!k) throw new RangeError(`no class ${i}`);
  const decimals = boundDecimals(c);
  const fmt = (v: number) => formatNumber(messages, v, decimals);
  const last = i === c.classes.length - 1;
  if (last && c.openEnded) return messages.classAtLeast(fmt(k.from));
  if (k.from === k.to) return messages.classExactly(fmt(k.from));
  return messages.classRange(fmt(k.from), fmt(k.to));
}

/** The bounds of class `i` with the number of areas it holds. */
export function classLabel(c: Pick<Classification, 'classes' | 'breaks' | 'decimals' | 'openEnded' | 'level'>, i: number, messages: LabelMessages): string {
  return `${classBounds(c, i, messages)}${messages.areaCount(c.classes[i]!.count, c.level)}`;
}

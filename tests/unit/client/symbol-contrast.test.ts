/**
 * Cartography rule 8: every overlay symbol keeps contrast on every colour a
 * class can take (each ramp, each class count, each split at a policy line,
 * "no data" and the map's background), and the selection mark looks like no
 * data symbol. Contrast is WCAG 2's ratio of relative luminance; 3:1 is its
 * bar for graphical objects (success criterion 1.4.11). A symbol passes on a
 * colour when some part of it (fill, outline, halo) reaches 3:1 there.
 */
import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR } from '../../../client/src/map/classes';
import { LAYER_ORDER } from '../../../client/src/map/layers/registry';
import { classColors, MAX_CLASSES } from '../../../client/src/map/palette';
import { SELECTION_MARK_COLOR, SELECTION_MARK_HALO } from '../../../client/src/map/selection-mark';
import { BACKGROUND_COLOR } from '../../../client/src/map/style';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Every colour a class can be drawn in: each polarity, each class count, the policy line at each inner bound. */
const CLASS_COLORS: string[] = (() => {
  const colors = new Set<string>([NO_DATA_COLOR, BACKGROUND_COLOR]);
  for (const polarity of ['HIGHER_IS_WORSE', 'HIGHER_IS_BETTER', 'NEUTRAL'] as const) {
    for (let n = 1; n <= MAX_CLASSES; n++) {
      const breaks = Array.from({ length: n + 1 }, (_, i) => i);
      for (let line = 0; line <= n; line++) for (const c of classColors(n, breaks, polarity, line)) colors.add(c);
    }
  }
  return [...colors];
})();

const symbols = LAYER_ORDER.flatMap((module) =>
  Object.entries(module.symbols ?? {}).map(([name, parts]) => ({ name: `${module.key}.${name}`, parts })),
);

describe('symbols on every class colour', () => {
  it('covers the colours of every ramp, diverging splits included', () => {
    expect(CLASS_COLORS.length).toBeGreaterThan(40);
  });

  it('names the symbols of every overlay', () => {
    const overlays = LAYER_ORDER.filter((m) => m.legend !== undefined && m.key !== 'townships');
    for (const m of overlays) expect(Object.keys(m.symbols ?? {}).length, m.key).toBeGreaterThan(0);
  });

  it.each(symbols.map((s) => [s.name, s.parts] as const))('%s reaches 3:1 on every class colour', (_, parts) => {
    const failing = CLASS_COLORS.filter((fill) => Math.max(...parts.map((p) => contrast(p, fill))) < 3).map(
      (fill) => `${fill} (best ${Math.max(...parts.map((p) => contrast(p, fill))).toFixed(2)})`,
    );
    expect(failing).toEqual([]);
  });

  it('marks the selection in a colour no data symbol uses, readable on every class colour', () => {
    for (const { name, parts } of symbols) expect(parts.map((p) => p.toLowerCase()), name).not.toContain(SELECTION_MARK_COLOR.toLowerCase());
    for (const fill of CLASS_COLORS) expect(Math.max(contrast(SELECTION_MARK_COLOR, fill), contrast(SELECTION_MARK_HALO, fill)), fill).toBeGreaterThanOrEqual(3);
  });
});

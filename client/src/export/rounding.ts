/** Numbers of the exports at the metric's precision (cartography.md rule 4). */

/** Rounds to the metric's decimals (for files: a number, not a localised text). */
export function roundTo(value: number | null | undefined, decimals: number): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  // Via the decimal text, so 1.005 rounds as it reads, not as its binary value does
  // (a value already written with an exponent is tiny or huge: scaled as a number).
  const text = String(value);
  const scaled = text.includes('e') ? value * factor : Number(`${text}e${decimals}`);
  return Math.round(scaled) / factor || 0;
}

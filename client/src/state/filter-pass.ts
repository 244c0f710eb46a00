/**
 * Whether a view filter lets a feature through. Apart from view-state.ts so
 * that the layer modules can read it without importing the view state, which
 * reads its overlays from their registry.
 */

/** Whether a filter list lets a value through (an empty list lets everything through). */
export function passes<T extends string>(chosen: readonly T[], value: T | null | undefined): boolean {
  return chosen.length === 0 || (value != null && chosen.includes(value));
}

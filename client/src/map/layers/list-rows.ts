/** What the layer modules' feature-list figures (`list.row`) share. */
export const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

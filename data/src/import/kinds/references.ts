/**
 * Rows that point at something the hub numbers itself (an organisation, an
 * assisting unit) name it by its id in the hub or by its exact name; the
 * server resolves either. A cell of digits only is an id.
 */
import { text, type Parsed } from '../cells.js';

export type Reference = { id: number } | { name: string };

export function parseReference(raw: unknown): Parsed<Reference> {
  const s = text(raw);
  return { ok: true, value: /^\d+$/.test(s) ? { id: Number(s) } : { name: s } };
}

/** The reference as a report and a key show it: #12 for an id, the name as it is. */
export function referenceText(ref: Reference): string {
  return 'id' in ref ? `#${ref.id}` : ref.name;
}

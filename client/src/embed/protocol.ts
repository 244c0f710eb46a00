/**
 * The messages between an embedded map (`/embed`, in an iframe) and the page
 * that hosts it. Shared by the map (`bridge.ts`) and the host script
 * (`embed-script/embed.ts`), so both sides read one definition.
 *
 * Host → map: `set` with view parameters in the link format
 * (state/view-state.ts: `{ year: '2017', sel: 'county:150421000000' }`),
 * answered by `result` with the same `id`.
 * Map → host: `ready` (the first drawn view), `selectionChanged` (the
 * feature's id and figures), `viewChanged` (the view's parameters).
 */
import type { SelectedFeature } from '../map/selected-feature';

export type { SelectedFeature };

export const PROTOCOL = 'lingyan-embed/1';

export interface SetMessage {
  protocol: typeof PROTOCOL;
  type: 'set';
  /** echoed in the `result` */
  id: string;
  /** view parameters, as in a link */
  params: Record<string, string>;
}

export interface ResultMessage {
  protocol: typeof PROTOCOL;
  type: 'result';
  id: string;
  ok: boolean;
  /** why not, naming the parameters that were not valid */
  error?: string;
}

export interface ReadyMessage {
  protocol: typeof PROTOCOL;
  type: 'ready';
  /** the view's parameters, as in a link */
  view: string;
}

export interface ViewChangedMessage {
  protocol: typeof PROTOCOL;
  type: 'viewChanged';
  view: string;
}


export interface SelectionChangedMessage {
  protocol: typeof PROTOCOL;
  type: 'selectionChanged';
  /** null: the selection was cleared */
  selection: SelectedFeature | null;
}

export type HostMessage = SetMessage;
export type MapMessage = ResultMessage | ReadyMessage | ViewChangedMessage | SelectionChangedMessage;

/** A `set` message, or null for anything else (which the map ignores and logs). */
export function asSetMessage(data: unknown): SetMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Partial<SetMessage>;
  if (m.protocol !== PROTOCOL || m.type !== 'set' || typeof m.id !== 'string' || m.id.length > 100) return null;
  if (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params)) return null;
  const entries = Object.entries(m.params);
  if (entries.length > 20 || entries.some(([k, v]) => typeof v !== 'string' || k.length > 20 || v.length > 2000)) return null;
  return { protocol: PROTOCOL, type: 'set', id: m.id, params: Object.fromEntries(entries) as Record<string, string> };
}

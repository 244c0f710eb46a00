/**
 * The messages between an embedded map (`/embed`, in an iframe) and the page
 * that hosts it. Shared by the map (`bridge.ts`) and the host script
 * (`embed-script/embed.ts`), so both sides read one definition.
 *
 * Host → map: `set` with view parameters in the link format
 * (state/view-state.ts: `{ year: '2017', sel: 'county:150421000000' }`),
 * answered by `result` with the same `id`.
 * Map → host: `hello` (the map's page runs in the frame and may talk to this
 * host: the handshake the host waits for), `ready` (the first drawn view),
 * `error` (why the map cannot show its view), `selectionChanged` (the
 * feature's id and figures), `viewChanged` (the view's parameters). Events
 * and answers are sent once the map shows the state they describe.
 */
import type { SelectedFeature } from '../map/selected-feature';

export type { SelectedFeature };

export const PROTOCOL = 'lingyan-embed/1';

/**
 * Why a map cannot show its view or take a command: the `code` of the
 * host's errors (docs/embedding.md). The frame itself reports the
 * token, hub and data problems it meets; the host script finds the rest
 * (a frame that never answered, a command left unanswered).
 */
export const PROBLEM_CODES = [
  /** the hub does not let this page's origin frame the map (EMBED_ORIGINS) */
  'frame-refused',
  /** the hub answers, but the map's page did not load in the frame */
  'frame-not-loaded',
  /** the hub does not answer (down, or the network is) */
  'hub-unreachable',
  'token-missing',
  'token-expired',
  'token-invalid',
  /** the hub answered the map's questions with another error */
  'load-failed',
  /** the map did not answer within the timeout */
  'timeout',
  /** a command's parameters are not valid */
  'invalid',
  /** the element is not on the page (removed, or never added) */
  'removed',
  /** the element's attributes changed: the map was loaded again */
  'reloaded',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

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
  code?: ProblemCode;
}

export interface HelloMessage {
  protocol: typeof PROTOCOL;
  type: 'hello';
}

export interface ErrorMessage {
  protocol: typeof PROTOCOL;
  type: 'error';
  code: ProblemCode;
  /** in English, for the developer's console */
  message: string;
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
export type MapMessage = HelloMessage | ResultMessage | ReadyMessage | ErrorMessage | ViewChangedMessage | SelectionChangedMessage;

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

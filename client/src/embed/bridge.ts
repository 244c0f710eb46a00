/**
 * The embedded map's side of the host messages (`protocol.ts`). Origins are
 * checked both ways: a message is taken only from the framing window and
 * only when its origin may frame the map (EMBED_ORIGINS, given to the page
 * in a meta tag, plus the hub's own); the map posts only to its framing
 * window's origin, and only when that origin is allowed. Anything else is
 * ignored and logged as a warning, never thrown. It says `hello` as soon as
 * it listens: the host script waits for that handshake to know the frame
 * loaded (a refused frame cannot say anything).
 */
import { PROTOCOL, asSetMessage, type MapMessage, type ProblemCode, type SetMessage } from './protocol';

/** Origins that may frame the map and talk to it. */
export function allowedOrigins(): string[] {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="lingyan-embed-origins"]');
  const listed = (meta?.content ?? '').split(/\s+/).filter(Boolean);
  return [window.location.origin, ...listed];
}

/** The framing page's origin (null when the map is not framed). */
export function hostOrigin(): string | null {
  if (window.parent === window) return null;
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0]!;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

export type MapMessageBody = MapMessage extends infer M ? (M extends MapMessage ? Omit<M, 'protocol'> : never) : never;

export type Answer = { ok: true } | { ok: false; code: ProblemCode; error: string };

export interface Bridge {
  post(message: MapMessageBody): void;
  /** answers the `set` with this id (once the map shows its state, or why it cannot) */
  answer(id: string, answer: Answer): void;
  stop(): void;
}

/** Listens for the host's `set` messages and hands each to `onSet`, which answers it through the bridge. */
export function startBridge(onSet: (message: SetMessage) => void): Bridge {
  const allowed = allowedOrigins();
  const host = hostOrigin();
  const hostAllowed = host !== null && allowed.includes(host);
  if (host !== null && !hostAllowed) console.warn(`[lingyan] framed by ${host}, which EMBED_ORIGINS does not list: no messages`);
  const post = (message: MapMessageBody) => {
    if (hostAllowed) window.parent.postMessage({ protocol: PROTOCOL, ...message }, host!);
  };
  const listener = (event: MessageEvent) => {
    if (event.source !== window.parent || window.parent === window) return;
    if (!allowed.includes(event.origin)) {
      console.warn(`[lingyan] ignored a message from ${event.origin}, which may not drive this map`);
      return;
    }
    const message = asSetMessage(event.data);
    if (!message) {
      console.warn('[lingyan] ignored a message that is not a lingyan-embed/1 "set":', event.data);
      return;
    }
    onSet(message);
  };
  window.addEventListener('message', listener);
  post({ type: 'hello' });
  return {
    post,
    answer: (id, answer) => post(answer.ok ? { type: 'result', id, ok: true } : { type: 'result', id, ok: false, code: answer.code, error: answer.error }),
    stop: () => window.removeEventListener('message', listener),
  };
}

/**
 * The embedded map's side of the host messages (`protocol.ts`). Origins are
 * checked both ways: a message is taken only from the framing window and
 * only when its origin may frame the map (EMBED_ORIGINS, given to the page
 * in a meta tag, plus the hub's own); the map posts only to its framing
 * window's origin, and only when that origin is allowed. Anything else is
 * ignored and logged as a warning, never thrown.
 */
import { PROTOCOL, asSetMessage, type MapMessage, type SetMessage } from './protocol';

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

export interface Bridge {
  post(message: MapMessageBody): void;
  stop(): void;
}

/** Listens for the host's `set` messages; `onSet` answers each (ok, or why not). */
export function startBridge(onSet: (message: SetMessage) => { ok: boolean; error?: string }): Bridge {
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
    const result = onSet(message);
    post({ type: 'result', id: message.id, ok: result.ok, ...(result.error ? { error: result.error } : {}) });
  };
  window.addEventListener('message', listener);
  return { post, stop: () => window.removeEventListener('message', listener) };
}

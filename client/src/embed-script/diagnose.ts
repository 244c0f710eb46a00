/**
 * Why a frame stays silent, asked of the hub from the host page (a refused
 * or failed frame cannot be read from outside): `GET /embed/check` answers
 * any origin whether that origin may frame the map. No answer at all means
 * the hub is unreachable; an answer the page may not read (a hub without
 * the check, a proxy) is told apart by asking once more without reading it.
 */
export type Diagnosis = 'unreachable' | 'refused' | 'allowed' | 'unknown';

/** Statuses a proxy answers for a hub behind it that is down or overwhelmed. */
const HUB_AWAY = new Set([502, 503, 504]);

export async function diagnose(hub: string, limitMs: number): Promise<Diagnosis> {
  const signal = AbortSignal.timeout(limitMs);
  const ask = { cache: 'no-store', credentials: 'omit', signal } as const;
  try {
    const response = await fetch(`${hub}/embed/check`, ask);
    if (HUB_AWAY.has(response.status)) return 'unreachable';
    if (!response.ok) return 'unknown';
    const { allowed } = (await response.json()) as { allowed?: unknown };
    return allowed === true ? 'allowed' : allowed === false ? 'refused' : 'unknown';
  } catch {
    // Out of time: the hub may be slow rather than away.
    if (signal.aborted) return 'unknown';
  }
  try {
    await fetch(`${hub}/healthz`, { ...ask, mode: 'no-cors' });
    return 'unknown';
  } catch {
    return signal.aborted ? 'unknown' : 'unreachable';
  }
}

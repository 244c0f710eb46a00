/**
 * The embed script's handshake with its frame (client/src/embed-script/
 * handshake.ts), on a fake clock: a frame that never says hello is rejected
 * at the timeout; one that loaded something else without a word is explained
 * at once when the hub says the page is refused or cannot be reached, and at
 * the deadline otherwise; the drawn view is awaited for the timeout of time
 * in the window only; whatever settles first wins.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemCode } from '../../../client/src/embed/protocol';
import type { Diagnosis } from '../../../client/src/embed-script/diagnose';
import { LingyanMapError } from '../../../client/src/embed-script/errors';
import { Handshake } from '../../../client/src/embed-script/handshake';

const TIMEOUT_MS = 8000;

/** A handshake whose hub answers `diagnosis` (never, when null), with what it was asked and how it settled. */
function handshake(diagnosis: Diagnosis | null = 'allowed') {
  const asked: number[] = [];
  const h = new Handshake({
    timeoutMs: TIMEOUT_MS,
    diagnose: (limitMs) => {
      asked.push(limitMs);
      return diagnosis ? Promise.resolve(diagnosis) : new Promise<Diagnosis>(() => {});
    },
    problem: (code: ProblemCode) => new LingyanMapError(code, code),
  });
  const outcome: { view?: string; code?: string; at?: number } = {};
  h.done.then(
    (view) => Object.assign(outcome, { view, at: Date.now() }),
    (error: LingyanMapError) => Object.assign(outcome, { code: error.code, at: Date.now() }),
  );
  return { h, asked, outcome };
}

let t0 = 0;
beforeEach(() => {
  vi.useFakeTimers();
  t0 = Date.now();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the frame says nothing', () => {
  it('is rejected with "timeout" at the timeout when nothing loaded, having asked the hub halfway', async () => {
    const { h, asked, outcome } = handshake(null);
    h.setVisible(true);
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(outcome).toEqual({});
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeLessThanOrEqual(TIMEOUT_MS / 2);
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ code: 'timeout', at: t0 + TIMEOUT_MS });
  });

  it.each([
    ['refused', 'frame-refused'],
    ['unreachable', 'hub-unreachable'],
  ] as const)('is rejected at once when the frame failed and the hub says %s', async (diagnosis, code) => {
    const { h, outcome } = handshake(diagnosis);
    h.setVisible(true);
    await vi.advanceTimersByTimeAsync(300);
    h.frameLoad();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toEqual({ code, at: t0 + 300 });
  });

  it('waits for the deadline when the hub allows the page, then says the map did not load', async () => {
    const { h, outcome } = handshake('allowed');
    h.setVisible(true);
    h.frameLoad();
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(outcome).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ code: 'frame-not-loaded', at: t0 + TIMEOUT_MS });
  });

  it('does not start the clock before the frame starts loading (out of sight, not asked for)', async () => {
    const { h, asked, outcome } = handshake(null);
    await vi.advanceTimersByTimeAsync(10 * TIMEOUT_MS);
    expect(outcome).toEqual({});
    expect(asked).toEqual([]);
    h.start();
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
    expect(outcome).toEqual({ code: 'timeout', at: t0 + 11 * TIMEOUT_MS });
  });
});

describe('the frame said hello', () => {
  it('resolves with the drawn view, and nothing rejects it later', async () => {
    const { h, asked, outcome } = handshake('refused');
    h.setVisible(true);
    await vi.advanceTimersByTimeAsync(500);
    h.hello();
    h.frameLoad();
    await vi.advanceTimersByTimeAsync(2000);
    h.ready('year=2019');
    await vi.advanceTimersByTimeAsync(10 * TIMEOUT_MS);
    expect(outcome).toEqual({ view: 'year=2019', at: t0 + 2500 });
    // A frame that spoke is not diagnosed.
    expect(asked).toEqual([]);
  });

  it('counts the time to the drawn view only while the element is in the window', async () => {
    const { h, outcome } = handshake();
    h.setVisible(true);
    h.hello();
    await vi.advanceTimersByTimeAsync(3000);
    h.setVisible(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(outcome).toEqual({});
    h.setVisible(true);
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS - 3000 - 1);
    expect(outcome).toEqual({});
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ code: 'timeout', at: t0 + 60_000 + TIMEOUT_MS });
  });

  it('is rejected with the reason the map gives, and the first outcome stays', async () => {
    const { h, outcome } = handshake();
    h.setVisible(true);
    h.hello();
    h.fail(new LingyanMapError('token-expired', 'expired'));
    h.ready('year=2019');
    h.abandon(new LingyanMapError('removed', 'removed'));
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
    expect(outcome).toEqual({ code: 'token-expired', at: t0 });
    expect(h.isSettled).toBe(true);
  });
});

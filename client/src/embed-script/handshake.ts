/**
 * One load of the map's frame, from the host page's side: the page in the
 * frame says `hello` as soon as it runs, then `ready` once its first view is
 * drawn, or `error` with the reason it cannot draw it. A frame that says
 * nothing cannot be read from outside, so silence is bounded by the timeout:
 *
 * - no hello within the timeout of the frame starting to load: the frame was
 *   refused (EMBED_ORIGINS), the hub is unreachable, or something else loaded
 *   in its place; the hub is asked which (diagnose.ts) once the frame has
 *   loaded without a word, or halfway to the deadline, so the answer comes by
 *   the deadline (and at once for a refused frame or an unreachable hub);
 * - no drawn view within the timeout after the hello, counted while the
 *   element is in the window (a browser does not draw a frame out of sight).
 *
 * `done` resolves with the drawn view's parameters or rejects with the
 * reason; `abandon` ends it when the frame is loaded again or removed.
 */
import type { ProblemCode } from '../embed/protocol';
import type { Diagnosis } from './diagnose';

type Timer = ReturnType<typeof setTimeout>;

export interface HandshakeOptions {
  timeoutMs: number;
  /** asks the hub why the frame is silent, within the given time */
  diagnose(limitMs: number): Promise<Diagnosis>;
  /** the error for a reason found here */
  problem(code: ProblemCode): Error;
}

export class Handshake {
  readonly done: Promise<string>;
  private resolveDone!: (view: string) => void;
  private rejectDone!: (error: Error) => void;
  private settled = false;
  private started = false;
  private heard = false;
  private frameLoaded = false;
  private probing = false;
  private visible = false;
  private helloDeadline = 0;
  private helloTimer: Timer | undefined;
  private probeTimer: Timer | undefined;
  private readyTimer: Timer | undefined;
  private readyLeftMs: number;
  private readyArmedAt = 0;

  constructor(private readonly options: HandshakeOptions) {
    this.done = new Promise<string>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // A page that never awaits the map must not get an unhandled rejection from it.
    this.done.catch(() => {});
    this.readyLeftMs = options.timeoutMs;
  }

  get isSettled(): boolean {
    return this.settled;
  }

  /** The frame has started loading: the hello is due within the timeout. */
  start(): void {
    if (this.started || this.settled) return;
    this.started = true;
    const { timeoutMs } = this.options;
    this.helloDeadline = Date.now() + timeoutMs;
    this.helloTimer = setTimeout(() => this.fail(this.options.problem(this.frameLoaded ? 'frame-not-loaded' : 'timeout')), timeoutMs);
    this.probeTimer = setTimeout(() => this.probe(), timeoutMs / 2);
  }

  /** The iframe's `load` event: without a hello before it, the map's page did not run there. */
  frameLoad(): void {
    this.frameLoaded = true;
    this.start();
    this.probe();
  }

  hello(): void {
    if (this.heard || this.settled) return;
    this.heard = true;
    clearTimeout(this.helloTimer);
    clearTimeout(this.probeTimer);
    this.armReady();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) {
      this.pauseReady();
      return;
    }
    this.start();
    this.armReady();
  }

  ready(view: string): void {
    if (this.settle()) this.resolveDone(view);
  }

  fail(error: Error): void {
    if (this.settle()) this.rejectDone(error);
  }

  /** Ends the handshake with `error` (the frame is loaded again, or removed). */
  abandon(error: Error): void {
    this.fail(error);
  }

  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.helloTimer);
    clearTimeout(this.probeTimer);
    clearTimeout(this.readyTimer);
    return true;
  }

  private probe(): void {
    if (this.probing || this.heard || this.settled) return;
    this.probing = true;
    const limitMs = Math.max(250, this.helloDeadline - Date.now() - 50);
    void this.options.diagnose(limitMs).then((diagnosis) => {
      if (this.heard || this.settled) return;
      if (diagnosis === 'unreachable') this.fail(this.options.problem('hub-unreachable'));
      else if (diagnosis === 'refused') this.fail(this.options.problem('frame-refused'));
      // Allowed, or not known: the frame may still speak before the deadline.
    });
  }

  private armReady(): void {
    if (!this.heard || this.settled || !this.visible || this.readyTimer !== undefined) return;
    this.readyArmedAt = Date.now();
    this.readyTimer = setTimeout(() => this.fail(this.options.problem('timeout')), Math.max(0, this.readyLeftMs));
  }

  private pauseReady(): void {
    if (this.readyTimer === undefined) return;
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
    this.readyLeftMs -= Date.now() - this.readyArmedAt;
  }
}

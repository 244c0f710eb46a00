/**
 * The revocation list: ids (`jti`) of tokens an admin has revoked, refused
 * on every request whatever their signature and expiry say.
 *
 * Kept in the `revoked_token` table (shared by every replica) and held in
 * memory, read again when the change feed reports that table (its trigger
 * notifies at commit: this process at once, other replicas within the
 * feed's delay) or when the feed is not live (then at most a second old),
 * and at least every 30 s whatever happens. A token is checked against the
 * list in memory: no database round trip per request.
 */
import { ANY_TABLE } from '../db/changes.js';

export const REVOKED_TABLE = 'revoked_token';
/** Read again at least this often while the change feed is live… */
const MAX_AGE_LIVE_MS = 30_000;
/** …and this often while it is not (a revocation may have been missed). */
const MAX_AGE_BLIND_MS = 1000;
/** After a failed read, the list held is used this long before the next attempt. */
const RETRY_AFTER_FAILURE_MS = 1000;

export interface RevocationFeed {
  subscribe(listener: (table: string) => void): () => void;
  readonly live: boolean;
}

/** Token ids not yet expired (or of unknown expiry) that are revoked. */
export type ReadRevoked = () => Promise<string[]>;

export class Revocations {
  private ids = new Set<string>();
  private loadedAt = -Infinity;
  /** bumped by each change heard; a read that began before the last bump is stale */
  private generation = 0;
  private loadedGeneration = -1;
  private loading: Promise<void> | null = null;
  /** when a read last failed: while the database is away, requests are judged by the list held, not kept waiting on it */
  private failedAt = -Infinity;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly read: ReadRevoked,
    private readonly feed: RevocationFeed,
  ) {
    this.unsubscribe = feed.subscribe((table) => {
      if (table === REVOKED_TABLE || table === ANY_TABLE) this.generation += 1;
    });
  }

  /** Whether the token id is revoked. Throws only when the list could never be read. */
  async isRevoked(tokenId: string): Promise<boolean> {
    // A change heard during a read makes that read stale: read again (bounded: a change a read is rare).
    for (let round = 0; round < 3 && this.stale(); round++) {
      if (this.loadedGeneration >= 0 && Date.now() - this.failedAt < RETRY_AFTER_FAILURE_MS) break;
      try {
        await this.refresh();
      } catch (error) {
        // The database is away: judge by the list held (no revocation can be written meanwhile) and try again in a second.
        this.failedAt = Date.now();
        if (this.loadedGeneration < 0) throw error;
        break;
      }
    }
    return this.ids.has(tokenId);
  }

  close(): void {
    this.unsubscribe();
  }

  private stale(): boolean {
    const maxAge = this.feed.live ? MAX_AGE_LIVE_MS : MAX_AGE_BLIND_MS;
    return this.loadedGeneration !== this.generation || Date.now() - this.loadedAt > maxAge;
  }

  private refresh(): Promise<void> {
    this.loading ??= (async () => {
      const generation = this.generation;
      const startedAt = Date.now();
      try {
        this.ids = new Set(await this.read());
        this.loadedGeneration = generation;
        this.loadedAt = startedAt;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

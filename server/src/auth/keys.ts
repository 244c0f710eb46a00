/**
 * The keys that sign and verify tokens, so a key can be rotated without
 * ending every token at once.
 *
 * - The base key (kid `base`) is the hub's secret as before: AUTH_SECRET, or
 *   the one kept in DATA_DIR/auth-secret. Tokens without a `kid` header (all
 *   minted before rotation existed) are verified with it.
 * - Further keys live in a key file (AUTH_KEYS_FILE, default
 *   DATA_DIR/auth-keys.json, mode 0600): `{"keys": [{kid, secret, created,
 *   retired?}]}`. `pnpm run token --rotate` adds one; from then on new tokens are
 *   signed with it, while tokens of older keys keep verifying until
 *   `pnpm run token --retire <kid>` marks their key retired. Retiring `base`
 *   writes an entry without a secret.
 *
 * The hub reads the file again when it changes (looked at no more than once a
 * second, when a token is checked or minted), so a rotation or a retirement
 * by the CLI takes effect on a running hub within a second or two. Replicas
 * must see the same file (a shared path, or a copy on each).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';
import { MIN_SECRET_LENGTH } from './secret.js';

export const BASE_KID = 'base';
const KID = /^[A-Za-z0-9_-]{1,64}$/;
const RECHECK_MS = 1000;

export interface KeyRecord {
  kid: string;
  /** absent only for a retired base key's entry (the base key's secret is not kept here) */
  secret?: string;
  /** ISO 8601 */
  created: string;
  /** ISO 8601; from then on the key's tokens are refused */
  retired?: string;
}

/** Why a key does not verify a token (the caller words it for the client). */
export class KeyProblem extends Error {
  override name = 'KeyProblem';
}

function isoDate(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** The key file's records, checked; an absent file has none. */
export function readKeyFile(file: string): KeyRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`cannot read the token key file "${file}" (${(error as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`the token key file "${file}" is not JSON; expected {"keys": [{"kid", "secret", "created", "retired"?}]}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new ConfigError(`the token key file "${file}" has no "keys" list`);
  const seen = new Set<string>();
  return keys.map((k: Partial<KeyRecord> | null, i) => {
    const where = `the token key file "${file}", key ${i + 1}`;
    if (!k || typeof k.kid !== 'string' || !KID.test(k.kid)) throw new ConfigError(`${where}: "kid" must be 1 to 64 letters, digits, _ or -`);
    if (seen.has(k.kid)) throw new ConfigError(`${where}: kid "${k.kid}" appears twice`);
    seen.add(k.kid);
    if (!isoDate(k.created)) throw new ConfigError(`${where} (${k.kid}): "created" must be an ISO 8601 time`);
    if (k.retired !== undefined && !isoDate(k.retired)) throw new ConfigError(`${where} (${k.kid}): "retired" must be an ISO 8601 time`);
    if (k.kid === BASE_KID) {
      if (k.secret !== undefined) throw new ConfigError(`${where}: the base key's secret is AUTH_SECRET or DATA_DIR/auth-secret, never kept here`);
      if (k.retired === undefined) throw new ConfigError(`${where}: an entry for the base key only records its retirement ("retired")`);
    } else if (typeof k.secret !== 'string' || k.secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`${where} (${k.kid}): "secret" must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return { kid: k.kid, created: k.created!, ...(k.secret !== undefined ? { secret: k.secret } : {}), ...(k.retired !== undefined ? { retired: k.retired } : {}) };
  });
}

/** Writes the records whole (a temporary file renamed over the old one: a reader never sees half a file), mode 0600. */
export function writeKeyFile(file: string, keys: readonly KeyRecord[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
}

/** The key that signs new tokens: the newest one not retired. */
function signer(base: Uint8Array, keys: readonly KeyRecord[]): { kid: string; secret: Uint8Array } | null {
  const active = keys.filter((k) => k.kid !== BASE_KID && k.retired === undefined && k.secret !== undefined);
  const newest = active.reduce<KeyRecord | null>((best, k) => (best === null || Date.parse(k.created) >= Date.parse(best.created) ? k : best), null);
  if (newest) return { kid: newest.kid, secret: new TextEncoder().encode(newest.secret) };
  if (keys.some((k) => k.kid === BASE_KID)) return null;
  return { kid: BASE_KID, secret: base };
}

export class KeyRing {
  private keys: KeyRecord[] = [];
  private stamp = '';
  private checkedAt = 0;

  /** `file` null: the base key only (scripts, tests). */
  constructor(
    private readonly base: Uint8Array,
    private readonly file: string | null = null,
  ) {
    this.reload(true);
  }

  /** A ring of one key, for a secret given as bytes. */
  static of(secret: Uint8Array | KeyRing): KeyRing {
    return secret instanceof KeyRing ? secret : new KeyRing(secret);
  }

  /** The key that signs new tokens; throws when every key is retired. */
  signing(): { kid: string; secret: Uint8Array } {
    this.reload(false);
    const key = signer(this.base, this.keys);
    if (!key) throw new ConfigError('every token key is retired; add one with "pnpm run token --rotate"');
    return key;
  }

  /** The key a token names (no kid: the base key); throws KeyProblem when it is unknown or retired. */
  verifying(kid: string | undefined): Uint8Array {
    const name = kid ?? BASE_KID;
    let found = this.find(name);
    if (found === undefined) {
      // A key added by the CLI a moment ago: look at the file now rather than at the next second.
      this.reload(true);
      found = this.find(name);
    } else {
      this.reload(false);
      found = this.find(name);
    }
    if (found === undefined) throw new KeyProblem(`the token was signed with key "${name}", which this hub does not know`);
    if (found.retired) throw new KeyProblem(`the token was signed with key "${name}", retired on ${found.retired}`);
    return found.secret!;
  }

  /** The records as the file holds them (for listing). */
  records(): readonly KeyRecord[] {
    this.reload(true);
    return this.keys;
  }

  private find(kid: string): { secret?: Uint8Array; retired?: string } | undefined {
    const record = this.keys.find((k) => k.kid === kid);
    if (kid === BASE_KID) return { secret: this.base, ...(record?.retired ? { retired: record.retired } : {}) };
    if (!record) return undefined;
    return { secret: new TextEncoder().encode(record.secret), ...(record.retired ? { retired: record.retired } : {}) };
  }

  /**
   * Reads the file again when it changed. At start a broken file is an error;
   * later, the keys held are kept (a hand edit half done must not end every
   * token) until the file reads well again.
   */
  private reload(force: boolean): void {
    if (this.file === null) return;
    const now = Date.now();
    if (!force && now - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = now;
    let stamp: string;
    try {
      const s = fs.statSync(this.file);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      stamp = 'absent';
    }
    if (stamp === this.stamp) return;
    try {
      this.keys = readKeyFile(this.file);
      this.stamp = stamp;
    } catch (error) {
      if (this.stamp === '') throw error;
    }
  }
}

/** A new key's name: the day it was made and a random part, e.g. `k20261206-3f9a1c`. */
function newKid(now: Date): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomBytes(3).toString('hex')}`;
}

/** Adds a new key to the file (it signs from now on); returns its record. */
export function rotateKey(file: string, now = new Date()): KeyRecord {
  const keys = readKeyFile(file);
  const record: KeyRecord = { kid: newKid(now), secret: crypto.randomBytes(48).toString('base64url'), created: now.toISOString() };
  writeKeyFile(file, [...keys, record]);
  return record;
}

/** Marks a key retired; refuses to retire the last key that can sign. */
export function retireKey(file: string, base: Uint8Array, kid: string, now = new Date()): KeyRecord[] {
  const keys = readKeyFile(file);
  const existing = keys.find((k) => k.kid === kid);
  if (kid !== BASE_KID && !existing) throw new ConfigError(`there is no key "${kid}" in "${file}" (keys: ${[BASE_KID, ...keys.map((k) => k.kid)].join(', ')})`);
  if (existing?.retired) throw new ConfigError(`key "${kid}" was already retired on ${existing.retired}`);
  const retired = now.toISOString();
  const next = existing ? keys.map((k) => (k.kid === kid ? { ...k, retired } : k)) : [...keys, { kid: BASE_KID, created: retired, retired }];
  if (!signer(base, next)) throw new ConfigError(`retiring "${kid}" would leave no key to sign tokens; add one first with "pnpm run token --rotate"`);
  writeKeyFile(file, next);
  return next;
}

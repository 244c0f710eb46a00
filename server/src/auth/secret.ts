/**
 * The key that signs tokens: AUTH_SECRET when set (required for several
 * replicas: they must share it); otherwise one generated at first start and
 * kept in DATA_DIR, so tokens survive restarts of a single hub.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';

export const MIN_SECRET_LENGTH = 32;

export function loadSecret(authSecret: string | null, dataDir: string): Uint8Array {
  if (authSecret !== null) {
    if (authSecret.length < MIN_SECRET_LENGTH) throw new ConfigError(`AUTH_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    return new TextEncoder().encode(authSecret);
  }
  const file = path.join(dataDir, 'auth-secret');
  try {
    return kept(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(48).toString('base64url');
    // 'wx': two processes starting at once must not overwrite each other's secret.
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return new TextEncoder().encode(secret);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return kept(fs.readFileSync(file, 'utf8'), file);
    throw new ConfigError(`cannot keep the token secret in DATA_DIR "${dataDir}" (${(error as NodeJS.ErrnoException).code}); set AUTH_SECRET or a writable DATA_DIR`);
  }
}

/** A secret read from a file is held to the same length as AUTH_SECRET: a short one can be guessed offline from any token. */
function kept(text: string, file: string): Uint8Array {
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) throw new ConfigError(`the token secret in "${file}" is ${secret.length} characters long; it must be at least ${MIN_SECRET_LENGTH} (remove the file to have a new one made, which ends every token)`);
  return new TextEncoder().encode(secret);
}

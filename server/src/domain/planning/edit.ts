/**
 * The frame of every change: one transaction, the version check that keeps
 * two planners from overwriting each other, and the audit entry written in
 * the same transaction (a failed change leaves neither data nor audit).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/roles.js';

export class StaleVersion extends Error {
  override name = 'StaleVersion';
  constructor(
    readonly entity: string,
    readonly id: string | number,
    readonly sent: number,
    readonly current: number,
  ) {
    super(`${entity} ${id} was changed by someone else: you sent version ${sent}, the current version is ${current}; reload it and try again`);
  }
}

export class Missing extends Error {
  override name = 'Missing';
  constructor(
    readonly entity: string,
    readonly id: string | number,
    readonly field?: string,
  ) {
    super(`${entity} "${id}" does not exist`);
  }
}

export function checkVersion(entity: string, id: string | number, current: { version: number }, sent: number): void {
  if (current.version !== sent) throw new StaleVersion(entity, id, sent, current.version);
}

export interface EditContext {
  em: EntityManager;
  principal: Principal;
}

/**
 * Runs `work` in a transaction on a fresh EntityManager fork. Everything
 * inside must use `c.em`: on the embedded database a query on another
 * connection waits for this transaction to end, and never would.
 */
export function edit<T>(em: EntityManager, principal: Principal, work: (c: EditContext) => Promise<T>): Promise<T> {
  return em.fork().transactional((tx) => work({ em: tx, principal }));
}

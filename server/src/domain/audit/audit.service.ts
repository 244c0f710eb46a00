/** Writes the audit trail, inside the caller's transaction. */
import { ReferenceKind, wrap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/roles.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | number;
  countyCode: string | null;
  before: object | null;
  after: object | null;
}

/** A plain JSON picture of an entity: its own columns, relations as their keys. */
export function snapshot(entity: object | null): Record<string, unknown> | null {
  if (!entity) return null;
  const meta = wrap(entity, true).__meta;
  const out: Record<string, unknown> = {};
  for (const prop of meta.props) {
    // Collections are other rows' business; the audit of those rows records them.
    if (prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
    if (prop.kind === ReferenceKind.ONE_TO_ONE && !prop.owner) continue;
    const value = (entity as Record<string, unknown>)[prop.name];
    out[prop.name] = prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED ? value : value == null ? null : wrap(value as object, true).getPrimaryKey();
  }
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

export function audit(em: EntityManager, principal: Principal, r: AuditRecord): void {
  em.create(AuditEntry, {
    subject: principal.subject,
    role: principal.role,
    action: r.action,
    entity: r.entity,
    entityId: String(r.entityId),
    countyCode: r.countyCode,
    before: r.before,
    after: r.after,
    at: new Date(),
  });
}

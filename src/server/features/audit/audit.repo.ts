import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { AuditRecord } from '../../../domain/audit.ts';
import type { Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

/** One entry: the action (typed, src/domain/audit.ts) and its entity type, then who, which and what changed. */
export type AuditEntry = AuditRecord & {
  actorId: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  at: Date;
};

export async function insertAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
    createdAt: entry.at,
  });
}

export async function selectAudit(
  tx: Tx,
  filter: { entityType?: string; entityId?: string; actorId?: string; beforeId?: number; limit: number },
) {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.beforeId) conditions.push(lt(auditLog.id, filter.beforeId));
  return tx
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}

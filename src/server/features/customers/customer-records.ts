import { type AuditAction, audit } from '../../../domain/audit.ts';
import type { Action } from '../../../domain/policy.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { customerExists } from './customers.repo.ts';

// The records a customer keeps beside its archive — return visits, user meetings, trainings, certifications —
// are listed and created the same way. One home for that shape, so each feature only says what it reads
// or writes: the permission, the customer (404 when unknown), one transaction with its audit entry.

/** Reads one customer's records: whoever may `action` this customer's (a hospital user only its own); 404 for an unknown customer. */
export async function readCustomerRecords<T>({
  deps,
  actor,
  customerId,
  action,
  read,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  action: Action;
  read: (tx: Tx) => Promise<T>;
}): Promise<T> {
  authorize(actor, action, { customerId }, 'customer');
  if (!(await customerExists(deps.db, customerId))) throw notFound('customer');
  return read(deps.db);
}

/**
 * Creates one record of a customer: `action` checked first, then in one transaction the customer (404 when
 * unknown; locked with `lockCustomer`, so two writers that count against the customer go one after the
 * other), the insert, and the audit entry with the row as written. Returns `respond(row)` (the row by default).
 */
export async function createCustomerRecord<Row extends { id: string }, Result = Row>({
  deps,
  actor,
  customerId,
  action,
  auditAction,
  lockCustomer = false,
  insert,
  respond,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  action: Action;
  auditAction: AuditAction;
  lockCustomer?: boolean;
  insert: (tx: Tx, now: Date) => Promise<Row>;
  respond?: (tx: Tx, row: Row) => Promise<Result>;
}): Promise<Result> {
  authorize(actor, action);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (!(await customerExists(tx, customerId, { lock: lockCustomer }))) throw notFound('customer');
    const row = await insert(tx, now);
    await insertAudit(tx, { ...audit(auditAction), actorId: actor.id, entityId: row.id, after: row, at: now });
    return respond ? respond(tx, row) : (row as unknown as Result);
  });
}

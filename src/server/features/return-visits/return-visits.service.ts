import { defaultEveryMonths, isDue, nextDueAfter } from '../../../domain/service-quality/return-visits.ts';
import { RETURN_VISIT_KINDS, type ReturnVisitKind } from '../../../domain/service-quality/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { today } from '../contracts/contracts.service.ts';
import { createCustomerRecord, readCustomerRecords } from '../customers/customer-records.ts';
import { createTicket } from '../tickets/tickets.service.ts';
import {
  findContractTierOn,
  findCustomer,
  findSchedule,
  insertMeeting,
  insertReturnVisit,
  selectDueSchedules,
  selectMeetings,
  selectReturnVisits,
  selectUnscheduledUnderContract,
  upsertSchedule,
} from './return-visits.repo.ts';
import type { MeetingInput, RecordInput, ScheduleInput } from './return-visits.schema.ts';

/**
 * The schedule in effect for one kind: the stored one, else for phone return visits the default of the
 * tier of the contract in force (due from the contract's start); inspections exist only when scheduled.
 */
async function effectiveSchedule(tx: Tx, customerId: string, kind: ReturnVisitKind, on: string) {
  const stored = await findSchedule(tx, customerId, kind);
  if (stored) return { kind, everyMonths: stored.everyMonths, nextDueDate: stored.nextDueDate, isDefault: false };
  if (kind === 'inspection') return null;
  const contract = await findContractTierOn(tx, customerId, on);
  if (!contract) return null;
  return { kind, everyMonths: defaultEveryMonths(contract.routine), nextDueDate: contract.startDate, isDefault: true };
}

export async function listCustomerReturnVisits({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  return readCustomerRecords({
    deps,
    actor,
    customerId,
    action: 'return_visit.read',
    read: async (tx) => {
      const on = today(deps);
      const schedules = [];
      for (const kind of RETURN_VISIT_KINDS) {
        const s = await effectiveSchedule(tx, customerId, kind, on);
        if (s) schedules.push(s);
      }
      return { schedules, items: await selectReturnVisits(tx, customerId) };
    },
  });
}

/** Edits a customer's schedule of one kind (frequency and next due date). */
export async function setSchedule({
  deps,
  actor,
  customerId,
  kind,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  kind: ReturnVisitKind;
  input: ScheduleInput;
}) {
  authorize(actor, 'return_visit.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId))) throw notFound('customer');
    const before = await findSchedule(tx, customerId, kind);
    const row = await upsertSchedule(tx, { customerId, kind, ...input, updatedById: actor.id, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'return_visit.schedule',
      entityType: 'return_visit_schedule',
      entityId: customerId,
      before: before ?? null,
      after: row,
      at: now,
    });
    return { kind, everyMonths: row.everyMonths, nextDueDate: row.nextDueDate, isDefault: false };
  });
}

/**
 * The agents' call list for a date, computed on read (no job): every stored schedule due on or before it,
 * plus customers under contract whose phone return visits were never scheduled (due from the contract's
 * start, at the tier's frequency). Overdue ones stay until an outcome is recorded.
 */
export async function dueReturnVisits({ deps, actor, date }: { deps: Deps; actor: Actor; date?: string }) {
  authorize(actor, 'return_visit.read');
  const on = date ?? today(deps);
  const [stored, unscheduled] = await Promise.all([selectDueSchedules(deps.db, on), selectUnscheduledUnderContract(deps.db, on)]);
  const items = [
    ...stored,
    ...unscheduled.map(({ routine, ...r }) => ({ ...r, kind: 'phone' as const, everyMonths: defaultEveryMonths(routine) })),
  ]
    .filter((r) => isDue(r.dueDate, on))
    .map((r) => ({ ...r, isOverdue: r.dueDate < on }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.customerName.localeCompare(b.customerName));
  return { date: on, items };
}

/**
 * Records the outcome of a return visit or inspection; a follow-up request is opened in the same
 * transaction (the tickets service), and the schedule's next due date advances (not when unreached).
 */
export async function recordReturnVisit({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: RecordInput;
}) {
  authorize(actor, 'return_visit.manage');
  const now = deps.clock();
  const visitedOn = input.visitedOn ?? today(deps);
  if (visitedOn > today(deps))
    throw new AppError('validation_failed', 'a return visit cannot be recorded in the future', { visitedOn: 'in the future' });
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomer(tx, customerId))) throw notFound('customer');
    const schedule = await effectiveSchedule(tx, customerId, input.kind, visitedOn);
    // Unscheduled (an inspection nobody planned, or no contract): recorded as due that day, yearly.
    const everyMonths = schedule?.everyMonths ?? 12;
    const dueDate = schedule?.nextDueDate ?? visitedOn;
    let followUpTicket: { id: string; number: string } | null = null;
    if (input.followUp) {
      const { contactId, ...f } = input.followUp;
      const t = await createTicket({
        deps: { ...deps, db: tx },
        actor,
        input: { customerId, ...f, ...(contactId ? { contactId } : {}), channel: 'phone', kind: 'request' },
      });
      followUpTicket = { id: t.id, number: t.number };
    }
    const visit = await insertReturnVisit(tx, {
      customerId,
      kind: input.kind,
      dueDate,
      visitedOn,
      outcome: input.outcome,
      note: input.note || null,
      followUpTicketId: followUpTicket?.id ?? null,
      recordedById: actor.id,
      createdAt: now,
    });
    const nextDueDate = nextDueAfter({ outcome: input.outcome, on: visitedOn, everyMonths, dueDate });
    await upsertSchedule(tx, { customerId, kind: input.kind, everyMonths, nextDueDate, updatedById: actor.id, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'return_visit.record',
      entityType: 'return_visit',
      entityId: visit.id,
      after: visit,
      at: now,
    });
    return { visit, followUpTicket, nextDueDate };
  });
}

// ---------- user meetings ----------
export function createMeeting({ deps, actor, customerId, input }: { deps: Deps; actor: Actor; customerId: string; input: MeetingInput }) {
  return createCustomerRecord({
    deps,
    actor,
    customerId,
    action: 'user_meeting.manage',
    auditAction: 'user_meeting.create',
    insert: (tx, now) => insertMeeting(tx, { customerId, ...input, createdById: actor.id, createdAt: now }),
  });
}

export function listMeetings({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  return readCustomerRecords({
    deps,
    actor,
    customerId,
    action: 'user_meeting.read',
    read: async (tx) => ({ items: await selectMeetings(tx, customerId) }),
  });
}

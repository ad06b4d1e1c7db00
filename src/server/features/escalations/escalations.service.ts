import { nextRung, type RosterRung, rungHolders } from '../../../domain/cannot-solve.ts';
import { notification } from '../../../domain/notifications.ts';
import { timeline } from '../../../domain/timeline.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import {
  deleteRosterEntry,
  type EscalationView,
  findActiveStaffUser,
  findEscalationView,
  findTicketOf,
  insertDefectReport,
  insertEscalation,
  insertRma,
  insertRosterEntry,
  insertTicketEvent,
  lockEscalation,
  lockRma,
  selectDefectReports,
  selectEscalations,
  selectRmas,
  selectRoster,
  setTicketAssignee,
  updateEscalation,
  updateRma,
} from './escalations.repo.ts';
import type { DefectReportInput, EscalationInput, ReproductionInput, RmaInput, RmaPatch, RosterInput } from './escalations.schema.ts';

const FINISHED = new Set(['resolved', 'confirmed', 'closed', 'cancelled']);

async function visibleTicket(tx: Tx, actor: Actor, ticketId: string, options: { lock?: boolean } = {}) {
  const ticket = await findTicketOf(tx, ticketId, options);
  if (!ticket) throw notFound('request');
  authorize(actor, 'ticket.read', { customerId: ticket.customerId }, 'request');
  return ticket;
}

// ---------- the roster ----------
export async function listRoster({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'escalation.read');
  const rows = await selectRoster(deps.db);
  return {
    items: rows.map((r) => ({
      id: r.entry.id,
      rung: r.entry.rung,
      product: r.entry.product,
      module: r.entry.module,
      user: { id: r.entry.userId, name: r.userName },
      createdAt: r.entry.createdAt,
    })),
  };
}

export async function addRosterEntry({ deps, actor, input }: { deps: Deps; actor: Actor; input: RosterInput }) {
  authorize(actor, 'escalation_roster.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const user = await findActiveStaffUser(tx, input.userId);
    if (!user) throw new AppError('validation_failed', 'the holder must be an active staff user', { userId: 'not active staff' });
    const row = await insertRosterEntry(tx, {
      rung: input.rung,
      product: input.product ?? null,
      module: input.module ?? null,
      userId: input.userId,
      createdAt: now,
    });
    if (!row) throw new AppError('conflict', 'this person already holds this rung for this product and module', { userId: 'taken' });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'escalation_roster.create',
      entityType: 'escalation_roster',
      entityId: row.id,
      after: row,
      at: now,
    });
    return { ...row, user: { id: user.id, name: user.name } };
  });
}

export async function removeRosterEntry({ deps, actor, entryId }: { deps: Deps; actor: Actor; entryId: string }) {
  authorize(actor, 'escalation_roster.manage');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const row = await deleteRosterEntry(tx, entryId);
    if (!row) throw notFound('roster entry');
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'escalation_roster.delete',
      entityType: 'escalation_roster',
      entityId: entryId,
      before: row,
      at: now,
    });
  });
}

// ---------- escalations ----------
function toEscalationDto(v: EscalationView) {
  const e = v.escalation;
  return {
    id: e.id,
    ticketId: e.ticketId,
    path: e.path,
    rung: e.rung,
    reason: e.reason,
    assignee: e.assigneeId ? { id: e.assigneeId, name: v.assigneeName ?? '' } : null,
    reproduction:
      e.reproRecordedAt && e.reproReproduced !== null && e.reproRecordedById
        ? {
            environment: e.reproEnvironment ?? '',
            steps: e.reproSteps ?? '',
            reproduced: e.reproReproduced,
            recordedBy: { id: e.reproRecordedById, name: v.reproRecorderName ?? '' },
            recordedAt: e.reproRecordedAt,
          }
        : null,
    createdBy: { id: e.createdById, name: v.creatorName ?? '' },
    createdAt: e.createdAt,
  };
}

async function holdersOf(tx: Tx, rung: RosterRung, module: string | null) {
  const roster = (await selectRoster(tx)).map((r) => ({ ...r.entry, userName: r.userName }));
  return rungHolders(roster, rung, module);
}

/**
 * "Escalate: cannot solve": the request goes to the holder of the next rung on its path (on site: the service
 * centre's senior engineer; remote: the product technical manager, then — after the reproduction test — R&D).
 * The first holder on the roster is assigned, every holder is notified, the timeline says why.
 */
export async function escalate({ deps, actor, ticketId, input }: { deps: Deps; actor: Actor; ticketId: string; input: EscalationInput }) {
  const now = deps.clock();
  const result = await deps.db.transaction(async (tx) => {
    const ticket = await visibleTicket(tx, actor, ticketId, { lock: true });
    authorize(actor, 'escalation.create', { customerId: ticket.customerId }, 'request');
    if (FINISHED.has(ticket.status)) throw new AppError('invalid_transition', `this request is ${ticket.status}`);
    const history = (await selectEscalations(tx, ticketId)).map((v) => ({
      path: v.escalation.path,
      rung: v.escalation.rung,
      reproduced: v.escalation.reproReproduced,
    }));
    const next = nextRung(input.path, history);
    if (!next.ok) {
      throw next.reason === 'reproduction_required'
        ? new AppError('reproduction_required', 'the product technical manager records a fault reproduction test before R&D takes it', {
            path: 'reproduction test missing',
          })
        : new AppError('invalid_transition', 'the request is already with R&D', { path: 'top rung reached' });
    }
    const holders = await holdersOf(tx, next.rung, ticket.module);
    const holder = holders[0];
    if (!holder) {
      throw new AppError('conflict', `no one holds the ${next.rung} rung in the escalation roster`, { rung: 'no holder in the roster' });
    }
    const row = await insertEscalation(tx, {
      ticketId,
      path: input.path,
      rung: next.rung,
      reason: input.reason,
      assigneeId: holder.userId,
      createdById: actor.id,
      createdAt: now,
    });
    if (ticket.assigneeId !== holder.userId) await setTicketAssignee(tx, ticketId, holder.userId, now);
    await insertTicketEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.cannotSolveEscalated(
        { escalationId: row.id, path: row.path, rung: row.rung, assignee: { id: holder.userId, name: holder.userName } },
        { body: input.reason },
      ),
    });
    const live = await notifyUsers(tx, deps, {
      userIds: holders.map((h) => h.userId),
      ticketId,
      at: now,
      ...notification.cannotSolveEscalated({ path: row.path, rung: row.rung }),
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'escalation.create',
      entityType: 'ticket_escalation',
      entityId: row.id,
      after: row,
      at: now,
    });
    return { id: row.id, live, customerId: ticket.customerId };
  });
  for (const event of result.live) deps.live.publish(event);
  const view = await findEscalationView(deps.db, result.id);
  if (!view) throw notFound('escalation');
  return toEscalationDto(view);
}

export async function listEscalations({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const ticket = await visibleTicket(deps.db, actor, ticketId);
  authorize(actor, 'escalation.read', { customerId: ticket.customerId }, 'request');
  return { items: (await selectEscalations(deps.db, ticketId)).map(toEscalationDto) };
}

/** The product technical manager's fault reproduction test (environment, steps, reproduced or not), once. */
export async function recordReproduction({
  deps,
  actor,
  escalationId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  escalationId: string;
  input: ReproductionInput;
}) {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const row = await lockEscalation(tx, escalationId);
    if (!row) throw notFound('escalation');
    const ticket = await visibleTicket(tx, actor, row.ticketId);
    authorize(actor, 'escalation.record_reproduction', { customerId: ticket.customerId }, 'escalation');
    if (row.rung !== 'product_manager') {
      throw new AppError('invalid_transition', 'a reproduction test is recorded on the product technical manager’s rung', {
        rung: row.rung,
      });
    }
    if (row.reproRecordedAt) throw new AppError('conflict', 'the reproduction test is already recorded');
    const managers = (await holdersOf(tx, 'product_manager', ticket.module)).map((h) => h.userId);
    if (row.assigneeId !== actor.id && !managers.includes(actor.id)) {
      throw new AppError('forbidden', 'the product technical manager holding this escalation records the reproduction test');
    }
    const after = await updateEscalation(tx, escalationId, {
      reproEnvironment: input.environment,
      reproSteps: input.steps,
      reproReproduced: input.reproduced,
      reproRecordedById: actor.id,
      reproRecordedAt: now,
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'escalation.reproduction',
      entityType: 'ticket_escalation',
      entityId: escalationId,
      before: row,
      after,
      at: now,
    });
  });
  const view = await findEscalationView(deps.db, escalationId);
  if (!view) throw notFound('escalation');
  return toEscalationDto(view);
}

// ---------- defect reports ----------
export async function reportDefect({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: DefectReportInput;
}) {
  const now = deps.clock();
  const row = await deps.db.transaction(async (tx) => {
    const ticket = await visibleTicket(tx, actor, ticketId, { lock: true });
    authorize(actor, 'defect_report.create', { customerId: ticket.customerId }, 'request');
    if (input.escalationId) {
      const escalation = await findEscalationView(tx, input.escalationId);
      if (escalation?.escalation.ticketId !== ticketId) {
        throw new AppError('validation_failed', 'the escalation is not one of this request', { escalationId: 'not on this request' });
      }
    }
    if (!input.escalationId && !input.reproduction) {
      throw new AppError('validation_failed', 'name the reproduction: an escalation with its test, or the steps', {
        reproduction: 'required without escalationId',
      });
    }
    const report = await insertDefectReport(tx, {
      ticketId,
      summary: input.summary,
      escalationId: input.escalationId ?? null,
      reproduction: input.reproduction ?? null,
      createdById: actor.id,
      createdAt: now,
    });
    await insertTicketEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.defectReported({ defectReportId: report.id, escalationId: report.escalationId }, { body: input.summary }),
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'defect_report.create',
      entityType: 'defect_report',
      entityId: report.id,
      after: report,
      at: now,
    });
    return report;
  });
  return { ...defectDto(row, actor.name) };
}

function defectDto(
  r: {
    id: string;
    ticketId: string;
    summary: string;
    escalationId: string | null;
    reproduction: string | null;
    createdById: string;
    createdAt: Date;
  },
  creatorName: string,
) {
  return {
    id: r.id,
    ticketId: r.ticketId,
    summary: r.summary,
    escalationId: r.escalationId,
    reproduction: r.reproduction,
    createdBy: { id: r.createdById, name: creatorName },
    createdAt: r.createdAt,
  };
}

export async function listDefectReports({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const ticket = await visibleTicket(deps.db, actor, ticketId);
  authorize(actor, 'escalation.read', { customerId: ticket.customerId }, 'request');
  return { items: (await selectDefectReports(deps.db, ticketId)).map((r) => defectDto(r.report, r.creatorName)) };
}

// ---------- RMA ----------
function checkRmaDates(r: { sentAt: Date; returnedAt?: Date | null }) {
  if (r.returnedAt && r.returnedAt.getTime() < r.sentAt.getTime()) {
    throw new AppError('validation_failed', 'equipment cannot come back before it was sent', { returnedAt: 'before sentAt' });
  }
}

export async function createRma({ deps, actor, ticketId, input }: { deps: Deps; actor: Actor; ticketId: string; input: RmaInput }) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const ticket = await visibleTicket(tx, actor, ticketId, { lock: true });
    authorize(actor, 'rma.manage', { customerId: ticket.customerId }, 'request');
    checkRmaDates(input);
    const row = await insertRma(tx, {
      ticketId,
      manufacturer: input.manufacturer,
      caseNumber: input.caseNumber ?? null,
      sentAt: input.sentAt,
      returnedAt: input.returnedAt ?? null,
      outcome: input.outcome ?? null,
      customerToldAt: input.customerToldAt ?? null,
      newDeadline: input.newDeadline ?? null,
      note: input.note ?? null,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await insertTicketEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.rmaRecorded({ rmaId: row.id, manufacturer: row.manufacturer, change: 'created' }),
    });
    await insertAudit(tx, { actorId: actor.id, action: 'rma.create', entityType: 'rma_record', entityId: row.id, after: row, at: now });
    return row;
  });
}

export async function updateRmaRecord({ deps, actor, rmaId, input }: { deps: Deps; actor: Actor; rmaId: string; input: RmaPatch }) {
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const before = await lockRma(tx, rmaId);
    if (!before) throw notFound('RMA record');
    const ticket = await visibleTicket(tx, actor, before.ticketId);
    authorize(actor, 'rma.manage', { customerId: ticket.customerId }, 'RMA record');
    const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<typeof before>;
    checkRmaDates({
      sentAt: changes.sentAt ?? before.sentAt,
      returnedAt: changes.returnedAt === undefined ? before.returnedAt : changes.returnedAt,
    });
    if (Object.keys(changes).length === 0) return before;
    const after = await updateRma(tx, rmaId, { ...changes, updatedAt: now });
    await insertTicketEvent(tx, {
      ticketId: before.ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.rmaRecorded({ rmaId, manufacturer: after.manufacturer, change: 'updated' }),
    });
    await insertAudit(tx, { actorId: actor.id, action: 'rma.update', entityType: 'rma_record', entityId: rmaId, before, after, at: now });
    return after;
  });
}

export async function listRmas({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const ticket = await visibleTicket(deps.db, actor, ticketId);
  authorize(actor, 'rma.read', { customerId: ticket.customerId }, 'request');
  return { items: await selectRmas(deps.db, ticketId) };
}

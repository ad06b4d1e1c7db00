import { randomUUID } from 'node:crypto';
import { parseQuery, requestNumberOf } from '../../../domain/search/segment.ts';
import { allowedTransitions, checkTransition, isReopen } from '../../../domain/ticket-workflow.ts';
import { yearIn } from '../../../domain/time-zone.ts';
import { timeline } from '../../../domain/timeline.ts';
import type { Status } from '../../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Actor, authorize, can, customerScope, isStaff } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { findCustomer } from '../customers/customers.repo.ts';
import { remindToChangePassword } from '../remote-access/remote-access.service.ts';
import { refreshSearchVector, searchVectorOf } from '../search/search.repo.ts';
import { alertManagersOfCriticalRequest } from '../sla/escalation.ts';
import { applySlaEvent, choosePolicyId, hasMajorPriority, listAtRisk, slaViewsFor, startTicketSla } from '../sla/sla.service.ts';
import type { SlaTargetViewDto } from '../sla/sla-target.schema.ts';
import {
  countTickets as countTicketRows,
  cursorArity,
  findActiveStaff,
  findContactOf,
  findTicketJoined,
  insertEvent,
  insertTicket,
  lockTicket,
  nextTicketSequence,
  selectAttachments,
  selectEvents,
  selectTickets,
  selectTicketsByIds,
  setTicketNumber,
  type TicketJoinedRow,
  type TicketRow,
  updateTicketRow,
} from './tickets.repo.ts';
import type {
  CommentInput,
  CreateTicketInput,
  ListTicketsFilter,
  TicketDto,
  TransitionInput,
  UpdateTicketInput,
} from './tickets.schema.ts';

export function formatTicketNumber(year: number, sequence: number): string {
  return `SR-${year}-${String(sequence).padStart(6, '0')}`;
}

function toTicketDto(row: TicketJoinedRow, sla: SlaTargetViewDto[]): TicketDto {
  const t = row.ticket;
  return {
    id: t.id,
    number: t.number,
    customerId: t.customerId,
    customerName: row.customerName,
    contactId: t.contactId,
    contactName: row.contactName,
    channel: t.channel,
    kind: t.kind,
    stage: t.stage,
    contentCategory: t.contentCategory,
    causeCategory: t.causeCategory,
    severity: t.severity,
    module: t.module,
    serviceClass: t.serviceClass,
    handlingApproach: t.handlingApproach,
    title: t.title,
    description: t.description,
    status: t.status,
    assignee: t.assigneeId ? { id: t.assigneeId, name: row.assigneeName ?? '' } : null,
    team: t.team,
    resolutionSummary: t.resolutionSummary,
    resolvedAt: t.resolvedAt,
    confirmedAt: t.confirmedAt,
    confirmedByName: t.confirmedByName,
    closedAt: t.closedAt,
    firstRespondedAt: t.firstRespondedAt,
    escalationLevel: t.escalationLevel,
    sla,
    createdBy: { id: t.createdById, name: row.creatorName ?? '' },
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** Loads a request the actor may see; another organisation's request is reported as missing. */
async function loadVisibleTicket(tx: Tx, actor: Actor, id: string) {
  const row = await findTicketJoined(tx, id);
  if (!row) throw notFound('request');
  authorize(actor, 'ticket.read', { customerId: row.ticket.customerId }, 'request');
  return row;
}

async function lockVisibleTicket(tx: Tx, actor: Actor, id: string) {
  const row = await lockTicket(tx, id);
  if (!row) throw notFound('request');
  authorize(actor, 'ticket.read', { customerId: row.customerId }, 'request');
  return row;
}

function assertVersion(row: TicketRow, expected: number | undefined) {
  if (expected !== undefined && expected !== row.version) {
    throw new AppError('conflict', 'someone else changed this request; reload and try again', { version: `current is ${row.version}` });
  }
}

function publish(
  deps: Deps,
  actor: Actor,
  type: 'ticket.created' | 'ticket.updated',
  t: { id: string; number: string; customerId: string },
  options: { isStaffOnly?: boolean } = {},
) {
  deps.live.publish({
    type,
    ticketId: t.id,
    number: t.number,
    customerId: t.customerId,
    actorId: actor.id,
    ...(options.isStaffOnly ? { isStaffOnly: true } : {}),
  });
}

export async function createTicket({ deps, actor, input }: { deps: Deps; actor: Actor; input: CreateTicketInput }) {
  authorize(actor, 'ticket.create', { customerId: input.customerId }, 'customer');
  if ((input.assigneeId || input.team) && !can(actor, 'ticket.assign')) {
    throw new AppError('forbidden', 'customer users cannot assign requests');
  }
  const now = deps.clock();
  const created = await deps.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, input.customerId);
    if (!customer) throw new AppError('validation_failed', 'customer does not exist', { customerId: 'unknown' });
    if (input.contactId && !(await findContactOf(tx, input.contactId, input.customerId))) {
      throw new AppError('validation_failed', 'contact does not belong to this customer', { contactId: 'unknown for customer' });
    }
    // 000: after acceptance a named engineer is responsible for the customer — the default assignee when
    // staff open a request without naming one (a hospital user's request goes to the desk first).
    if (!input.assigneeId && !input.team && customer.responsibleEngineerId && can(actor, 'ticket.assign')) {
      if (await findActiveStaff(tx, customer.responsibleEngineerId)) input = { ...input, assigneeId: customer.responsibleEngineerId };
    }
    const assignee = input.assigneeId ? await findActiveStaff(tx, input.assigneeId) : undefined;
    if (input.assigneeId && !assignee) {
      throw new AppError('validation_failed', 'assignee must be an active staff user', { assigneeId: 'not active staff' });
    }
    // An assignee without a team named: the request goes to the assignee's own team.
    if (assignee?.team && !input.team) input = { ...input, team: assignee.team };
    // The request number is taken last (see below); until then the row holds a unique placeholder.
    const inserted = await insertTicket(tx, {
      ...input,
      channel: input.channel === 'phone' && !can(actor, 'ticket.log_call') ? 'web' : input.channel,
      number: `pending-${randomUUID()}`,
      status: 'new',
      slaPolicyId: await choosePolicyId(
        tx,
        { customerId: input.customerId, contentCategory: input.contentCategory ?? null, serviceClass: input.serviceClass ?? null },
        { receivedAt: now, timeZone: deps.config.timeZone },
      ),
      majorPriority: await hasMajorPriority(tx, input.customerId, { receivedAt: now, timeZone: deps.config.timeZone }),
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
      // Searchable from the moment it exists: same transaction, same row.
      searchVector: searchVectorOf({ ...input, customerName: customer.name, publicTexts: [] }),
    });
    const row = inserted;
    await insertEvent(tx, {
      ticketId: row.id,
      actorId: actor.id,
      createdAt: now,
      ...timeline.created({ channel: row.channel, severity: row.severity }),
    });
    if (row.assigneeId || row.team) {
      await insertEvent(tx, { ticketId: row.id, actorId: actor.id, createdAt: now, ...timeline.assigned(await assignmentData(tx, row)) });
    }
    await startTicketSla({ tx, ticket: row, now, distance: customer.distanceClass });
    if (row.team === 'field')
      await applySlaEvent({ tx, ticket: row, now, event: { kind: 'field_dispatched', distance: customer.distanceClass } });
    const alerts = row.severity === 'critical' ? await alertManagersOfCriticalRequest({ tx, deps, ticket: row, now }) : [];
    // The year's counter row stays locked until commit (numbers have no gaps), so it is taken as late as
    // possible: concurrent intakes then wait for this tail and the commit, not for the whole transaction
    // (under load every create queued behind the counter for the SLA, event and search-vector work).
    const year = yearIn(deps.config.timeZone, now);
    const number = formatTicketNumber(year, await nextTicketSequence(tx, year));
    await setTicketNumber(tx, row.id, number);
    const numbered = { ...row, number };
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: row.id,
      after: numbered,
      at: now,
    });
    return { ...numbered, alerts };
  });
  publish(deps, actor, 'ticket.created', created);
  for (const alert of created.alerts) deps.live.publish(alert);
  return getTicketSummary({ deps, actor, ticketId: created.id });
}

async function assignmentData(tx: Tx, t: TicketRow) {
  const assignee = t.assigneeId ? await findActiveStaff(tx, t.assigneeId) : undefined;
  return { assignee: assignee ? { id: assignee.id, name: assignee.name } : null, team: t.team };
}

async function getTicketSummary({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const row = await loadVisibleTicket(deps.db, actor, ticketId);
  const sla = await slaViewsFor(deps.db, [ticketId], deps.clock());
  return toTicketDto(row, sla.get(ticketId) ?? []);
}

export async function getTicket({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const row = await loadVisibleTicket(deps.db, actor, ticketId);
  const includeInternal = can(actor, 'ticket.read_internal');
  const [events, files, sla] = await Promise.all([
    selectEvents(deps.db, ticketId, includeInternal),
    selectAttachments(deps.db, ticketId, includeInternal),
    slaViewsFor(deps.db, [ticketId], deps.clock()),
  ]);
  return {
    ...toTicketDto(row, sla.get(ticketId) ?? []),
    events: events.map((e) => ({
      id: e.event.id,
      type: e.event.type,
      actor: e.event.actorId ? { id: e.event.actorId, name: e.actorName ?? '', role: e.actorRole ?? '' } : null,
      isInternal: e.event.isInternal,
      body: e.event.body,
      data: e.event.data,
      createdAt: e.event.createdAt,
    })),
    attachments: files.map((f) => ({
      id: f.attachment.id,
      ticketId: f.attachment.ticketId,
      fileName: f.attachment.fileName,
      contentType: f.attachment.contentType,
      sizeBytes: f.attachment.sizeBytes,
      isInternal: f.attachment.isInternal,
      uploadedBy: { id: f.attachment.uploadedById, name: f.uploaderName ?? '' },
      createdAt: f.attachment.createdAt,
    })),
    allowedTransitions: [...allowedTransitions(row.ticket.status, actor.role)],
  };
}

export async function listTickets({ deps, actor, filter }: { deps: Deps; actor: Actor; filter: ListTicketsFilter }) {
  const assigneeId = filter.assigneeId === 'me' ? actor.id : filter.assigneeId === 'none' ? null : filter.assigneeId;
  // Text is a request number (exact lookup) or a full-text query over the search vector, ranked by default.
  const number = filter.text ? (requestNumberOf(filter.text) ?? undefined) : undefined;
  const tsquery = filter.text && !number ? parseQuery(filter.text)?.tsquery : undefined;
  const sort = filter.sort ?? (tsquery ? 'relevance' : 'priority');
  const { rows, keyOf } = await selectTickets(deps.db, {
    ...filter,
    number,
    tsquery,
    sort,
    customerScope: customerScope(actor),
    assigneeId,
    after: filter.cursor ? decodeCursor(filter.cursor, cursorArity(sort, tsquery)) : undefined,
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const sla = await slaViewsFor(
    deps.db,
    page.map((r) => r.ticket.id),
    deps.clock(),
  );
  return {
    items: page.map((r) => toTicketDto(r, sla.get(r.ticket.id) ?? [])),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

export async function countTickets({ deps, actor }: { deps: Deps; actor: Actor }) {
  return countTicketRows(deps.db, customerScope(actor), actor.id);
}

const ASSIGNMENT_FIELDS = new Set(['assigneeId', 'team']);
/** Fields in the search vector (with the customer's name and public timeline text). */
const SEARCHED_FIELDS = ['title', 'description', 'module'] as const;

export async function updateTicket({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: UpdateTicketInput;
}) {
  const now = deps.clock();
  const updated = await deps.db.transaction(async (tx) => {
    const before = await lockVisibleTicket(tx, actor, ticketId);
    authorize(actor, 'ticket.update', { customerId: before.customerId });
    assertVersion(before, input.version);
    const { version: _version, ...fields } = input;
    if (fields.contactId && !(await findContactOf(tx, fields.contactId, before.customerId))) {
      throw new AppError('validation_failed', 'contact does not belong to this customer', { contactId: 'unknown for customer' });
    }
    const assignee = fields.assigneeId ? await findActiveStaff(tx, fields.assigneeId) : undefined;
    if (fields.assigneeId && !assignee) {
      throw new AppError('validation_failed', 'assignee must be an active staff user', { assigneeId: 'not active staff' });
    }
    // Assigning someone to a request with no team (and none named now) puts it in the assignee's team.
    if (assignee?.team && fields.team === undefined && !before.team) fields.team = assignee.team;
    const changes = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => value !== undefined && value !== before[key as keyof TicketRow]),
    ) as Partial<TicketRow>;
    if (Object.keys(changes).length === 0) return before;
    const after = await updateTicketRow(tx, ticketId, { ...changes, updatedAt: now });
    const fieldChanges = Object.keys(changes).filter((k) => !ASSIGNMENT_FIELDS.has(k));
    if (fieldChanges.length > 0) {
      const data = Object.fromEntries(
        fieldChanges.map((k) => [k, { from: before[k as keyof TicketRow], to: after[k as keyof TicketRow] }]),
      );
      await insertEvent(tx, { ticketId, actorId: actor.id, createdAt: now, ...timeline.fieldChanged({ changes: data }) });
    }
    if (Object.keys(changes).some((k) => ASSIGNMENT_FIELDS.has(k))) {
      await insertEvent(tx, { ticketId, actorId: actor.id, createdAt: now, ...timeline.assigned(await assignmentData(tx, after)) });
    }
    if (SEARCHED_FIELDS.some((k) => k in changes)) await refreshSearchVector(tx, ticketId);
    await applyUpdateToSla({ tx, before, after, now, timeZone: deps.config.timeZone });
    // Raised to critical after intake: the managers are alerted as on a critical intake.
    const alerts =
      after.severity === 'critical' && before.severity !== 'critical'
        ? await alertManagersOfCriticalRequest({ tx, deps, ticket: after, now })
        : [];
    await insertAudit(tx, { actorId: actor.id, action: 'ticket.update', entityType: 'ticket', entityId: ticketId, before, after, at: now });
    return { ...after, alerts };
  });
  publish(deps, actor, 'ticket.updated', updated);
  for (const alert of 'alerts' in updated ? updated.alerts : []) deps.live.publish(alert);
  return getTicketSummary({ deps, actor, ticketId });
}

/** Timestamps each status stamps; reopening clears the later ones so the card reads true. */
function statusStamps(to: Status, from: Status, now: Date, actor: Actor, input: TransitionInput): Partial<TicketRow> {
  if (to === 'resolved') return { resolutionSummary: input.resolution ?? null, resolvedAt: now };
  if (to === 'confirmed') {
    return {
      confirmedAt: now,
      confirmedById: actor.id,
      confirmedByName: can(actor, 'ticket.confirm_on_behalf') ? (input.confirmedByName ?? null) : actor.name,
    };
  }
  if (to === 'closed' || to === 'cancelled') return { closedAt: now };
  if (isReopen(from, to)) return { resolvedAt: null, confirmedAt: null, confirmedById: null, confirmedByName: null, closedAt: null };
  return {};
}

export async function transitionTicket({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: TransitionInput;
}) {
  const now = deps.clock();
  const updated = await deps.db.transaction(async (tx) => {
    const before = await lockVisibleTicket(tx, actor, ticketId);
    authorize(actor, 'ticket.transition', { customerId: before.customerId });
    assertVersion(before, input.version);
    const check = checkTransition({ ...input, from: before.status, role: actor.role });
    if (!check.isAllowed) {
      throw new AppError(
        check.fields ? 'validation_failed' : 'invalid_transition',
        check.reason,
        check.fields ?? { to: `not allowed from ${before.status}` },
      );
    }
    const after = await updateTicketRow(tx, ticketId, {
      status: input.to,
      ...statusStamps(input.to, before.status, now, actor, input),
      updatedAt: now,
    });
    await insertEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.statusChanged(
        {
          from: before.status,
          to: input.to,
          ...(input.to === 'resolved' ? { resolution: input.resolution } : {}),
          ...(input.to === 'confirmed' ? { confirmedByName: after.confirmedByName } : {}),
        },
        { body: input.comment || null },
      ),
    });
    if (input.comment || after.resolutionSummary !== before.resolutionSummary) await refreshSearchVector(tx, ticketId);
    await applySlaEvent({ tx, ticket: after, now, event: { kind: 'status_changed', from: before.status, to: input.to } });
    // Remote access was granted for it: the customer is reminded to change the password (003 6.6).
    const reminders =
      input.to === 'resolved' ? await remindToChangePassword(tx, deps, { ticketId, customerId: after.customerId, at: now }) : [];
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'ticket.transition',
      entityType: 'ticket',
      entityId: ticketId,
      before: { status: before.status },
      after: { status: after.status },
      at: now,
    });
    return { ...after, reminders };
  });
  publish(deps, actor, 'ticket.updated', updated);
  for (const reminder of updated.reminders) deps.live.publish(reminder);
  return getTicket({ deps, actor, ticketId });
}

export async function addComment({ deps, actor, ticketId, input }: { deps: Deps; actor: Actor; ticketId: string; input: CommentInput }) {
  const now = deps.clock();
  const result = await deps.db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, ticketId);
    authorize(actor, input.internal ? 'ticket.note' : 'ticket.reply', { customerId: ticket.customerId });
    const isCustomer = !isStaff(actor); // who writes (the hospital or the desk) decides which clocks the reply moves
    if (input.isPhoneCall && !can(actor, 'ticket.log_call')) throw new AppError('forbidden', 'only staff log phone calls');
    if ((ticket.status === 'closed' || ticket.status === 'cancelled') && !can(actor, 'ticket.reply_after_close')) {
      throw new AppError('invalid_transition', `this request is ${ticket.status}; open a new request instead`);
    }
    if (input.isSolution && (!can(actor, 'ticket.propose_solution') || input.internal || input.isPhoneCall)) {
      throw new AppError('validation_failed', 'a solution proposal is a public written reply by staff', {
        isSolution: 'public staff reply only',
      });
    }
    const type = input.isPhoneCall ? 'phone_call' : input.internal ? 'note' : input.isSolution ? 'solution_proposed' : 'reply';
    const message = {
      reply: timeline.reply,
      note: timeline.note,
      phone_call: timeline.phoneCall,
      solution_proposed: timeline.solutionProposed,
    }[type];
    const event = await insertEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...message(input.body),
      isInternal: input.internal,
    });
    const changes: Partial<TicketRow> = { updatedAt: now };
    // A written reply or a logged call-back is the first response the severity clock waits for.
    if (!isCustomer && !input.internal && !ticket.firstRespondedAt) changes.firstRespondedAt = now;
    // The customer answering a question puts the request back into work.
    if (isCustomer && ticket.status === 'waiting_on_customer') {
      changes.status = 'in_progress';
      await insertEvent(tx, {
        ticketId,
        actorId: actor.id,
        createdAt: now,
        ...timeline.statusChanged({ from: ticket.status, to: 'in_progress', isAutomatic: true }),
      });
    }
    // An internal note changes nothing the hospital can see: not updatedAt, not the version.
    const after = input.internal ? ticket : await updateTicketRow(tx, ticketId, changes);
    // Public text is searchable (customers search too); internal notes never are.
    if (!input.internal) await refreshSearchVector(tx, ticketId);
    if (!isCustomer && !input.internal) {
      const how = input.isPhoneCall ? 'phone_call' : input.isSolution ? 'solution' : 'reply';
      await applySlaEvent({ tx, ticket: after, now, event: { kind: 'responded', how } });
    }
    if (changes.status)
      await applySlaEvent({ tx, ticket: after, now, event: { kind: 'status_changed', from: ticket.status, to: changes.status } });
    await insertAudit(tx, {
      actorId: actor.id,
      action: `ticket.${type}`,
      entityType: 'ticket',
      entityId: ticketId,
      after: { eventId: event.id },
      at: now,
    });
    return { event, ticket: after };
  });
  // Staff hear of an internal note; the hospital's browsers are not told anything changed.
  publish(deps, actor, 'ticket.updated', result.ticket, { isStaffOnly: input.internal });
  const e = result.event;
  return {
    id: e.id,
    type: e.type,
    actor: { id: actor.id, name: actor.name, role: actor.role },
    isInternal: e.isInternal,
    body: e.body,
    data: e.data,
    createdAt: e.createdAt,
  };
}

/** Severity, category (policy) and field dispatch change what the clocks owe. */
async function applyUpdateToSla({
  tx,
  before,
  after,
  now,
  timeZone,
}: {
  tx: Tx;
  before: TicketRow;
  after: TicketRow;
  now: Date;
  timeZone: string;
}) {
  const customer = await findCustomer(tx, after.customerId);
  const distance = customer?.distanceClass ?? 'same_province';
  let ticket = after;
  if (before.contentCategory !== after.contentCategory || before.serviceClass !== after.serviceClass) {
    const policyId = await choosePolicyId(tx, after, { receivedAt: after.createdAt, timeZone });
    if (policyId && policyId !== after.slaPolicyId) ticket = await updateTicketRow(tx, after.id, { slaPolicyId: policyId });
  }
  if (before.severity !== ticket.severity || before.slaPolicyId !== ticket.slaPolicyId) {
    await applySlaEvent({ tx, ticket, now, event: { kind: 'retarget', distance } });
  }
  if (ticket.team === 'field' && before.team !== 'field')
    await applySlaEvent({ tx, ticket, now, event: { kind: 'field_dispatched', distance } });
}

/** The field engineer's arrival check-in: on the timeline, and it meets the on-site target. */
export async function recordArrival({ deps, actor, ticketId, note }: { deps: Deps; actor: Actor; ticketId: string; note?: string }) {
  const now = deps.clock();
  const updated = await deps.db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, ticketId);
    authorize(actor, 'ticket.update', { customerId: ticket.customerId });
    if (ticket.status === 'closed' || ticket.status === 'cancelled')
      throw new AppError('invalid_transition', `this request is ${ticket.status}`);
    await insertEvent(tx, { ticketId, actorId: actor.id, createdAt: now, ...timeline.onSiteArrival(note || null) });
    const after = await updateTicketRow(tx, ticketId, { updatedAt: now });
    if (note) await refreshSearchVector(tx, ticketId);
    await applySlaEvent({ tx, ticket: after, now, event: { kind: 'arrived' } });
    await insertAudit(tx, { actorId: actor.id, action: 'ticket.arrival', entityType: 'ticket', entityId: ticketId, at: now });
    return after;
  });
  publish(deps, actor, 'ticket.updated', updated);
  return getTicket({ deps, actor, ticketId });
}

/** The breach-risk view: requests whose promises come due soonest, each with the clock at risk. */
export async function listTicketsAtRisk({ deps, actor, limit }: { deps: Deps; actor: Actor; limit: number }) {
  const risks = await listAtRisk({ deps, actor, limit });
  const ids = [...new Set(risks.map((r) => r.ticketId))];
  const [rows, sla] = await Promise.all([selectTicketsByIds(deps.db, ids, customerScope(actor)), slaViewsFor(deps.db, ids, deps.clock())]);
  const byId = new Map(rows.map((r) => [r.ticket.id, toTicketDto(r, sla.get(r.ticket.id) ?? [])]));
  return {
    items: risks.flatMap((r) => {
      const ticket = byId.get(r.ticketId);
      return ticket ? [{ ticket, target: r.target }] : [];
    }),
  };
}

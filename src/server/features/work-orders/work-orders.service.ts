import { localDateOf } from '../../../domain/contracts/local-date.ts';
import {
  normalizePartUsed,
  type PartLineInput,
  type PartLineProblem,
  PROBLEM_FIELD,
  partsTotalFen,
  priceParts,
} from '../../../domain/field/parts-used.ts';
import {
  checkActionInstant,
  defaultChecklist,
  minutesOnSite,
  nextStatus,
  type PartUsed,
  parseSignature,
  suggestTransport,
  WORK_ORDER_SERIES,
  type WorkOrderAction,
} from '../../../domain/field/work-orders.ts';
import { yearIn } from '../../../domain/time-zone.ts';
import { timeline } from '../../../domain/timeline.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { letterheadOf, renderPdf } from '../../documents/index.ts';
import { formatDocumentNumber, nextDocumentSequence } from '../../documents/numbers.repo.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Locale } from '../../messages/catalogue.ts';
import { type Actor, authorize, can, customerScope, isStaff } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { priceListForPricing } from '../parts/parts.service.ts';
import { applySlaEvent, startOnSiteClockOnConfirmation } from '../sla/sla.service.ts';
import { findUsableQuote, recordWorkOrderVisit, visitCoverage } from '../visits/visits.service.ts';
import { photoCount, signedFormOf } from '../work-order-photos/work-order-photos.service.ts';
import { workOrderReport } from './report-document.ts';
import {
  findAppliedAction,
  findChecklistTemplate,
  findCustomerForOrder,
  findSignedQuoteOfTicket,
  findTicketBasics,
  findWorkOrder,
  insertAppliedAction,
  insertTicketEvent,
  insertWorkOrder,
  isQuoteOnLiveOrder,
  listWorkOrders,
  lockTicketRow,
  lockWorkOrder,
  replaceEngineers,
  saveChecklistTemplate,
  selectEngineerIds,
  selectSignature,
  selectUsers,
  touchTicket,
  updateWorkOrderRow,
} from './work-orders.repo.ts';
import type {
  ActionInput,
  AssignInput,
  ChecklistTemplateInput,
  CreateWorkOrderInput,
  ListInput,
  SignOffInput,
  UpdateWorkOrderInput,
  WrittenConfirmationInput,
} from './work-orders.schema.ts';

type LockedOrder = NonNullable<Awaited<ReturnType<typeof lockWorkOrder>>>;
type LockedTicket = NonNullable<Awaited<ReturnType<typeof lockTicketRow>>>;

const FINISHED = ['resolved', 'confirmed', 'closed', 'cancelled'];

function publish(deps: Deps, actor: Actor, order: { ticketId: string; ticketNumber: string; customerId: string }) {
  deps.live.publish({
    type: 'ticket.updated',
    ticketId: order.ticketId,
    number: order.ticketNumber,
    customerId: order.customerId,
    actorId: actor.id,
  });
}

// ---------- dispatch ----------

/** What the create form suggests for a request: transports (001 2.9) and whether the visit is covered. */
export async function suggestForTicket({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  authorize(actor, 'work_order.create');
  const ticket = await findTicketBasics(deps.db, ticketId);
  if (!ticket) throw notFound('request');
  const customer = await findCustomerForOrder(deps.db, ticket.customerId);
  if (!customer) throw notFound('customer');
  const coverage = await visitCoverage({
    tx: deps.db,
    deps,
    customerId: customer.id,
    date: localDateOf(deps.clock(), deps.config.timeZone),
    type: 'emergency',
  });
  return {
    transports: suggestTransport({ severity: ticket.severity, distance: customer.distanceClass }),
    isCovered: coverage.isCovered,
    basis: coverage.basis,
  };
}

/**
 * Dispatches engineers to a request. An emergency visit for a customer it is not covered for (no
 * contract in force, no free maintenance, or the year's quota used) needs a signed per-visit quote on
 * the request (or named) or a manager's override with a reason on the timeline; such paid service
 * carries no arrival promise, so no on-site clock starts (002 五(三)). A covered emergency visit starts
 * the on-site clock (if the request's policy has one and it is not running yet).
 */
export async function createWorkOrder({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: CreateWorkOrderInput;
}) {
  authorize(actor, 'work_order.create');
  const now = deps.clock();
  const id = await deps.db.transaction(async (tx) => {
    const ticket = await lockTicketRow(tx, ticketId);
    if (!ticket) throw notFound('request');
    if (FINISHED.includes(ticket.status)) throw new AppError('invalid_transition', `this request is ${ticket.status}`);
    const engineerIds = await checkEngineers(tx, input.engineerIds);
    const customer = await findCustomerForOrder(tx, ticket.customerId);
    if (!customer) throw notFound('customer');
    const plannedAt = new Date(input.plannedAt);

    let quoteId: string | null = null;
    if (input.quoteId) {
      const quote = await findUsableQuote({ tx, customerId: customer.id, quoteId: input.quoteId });
      if (!quote || (await isQuoteOnLiveOrder(tx, quote.id))) {
        throw new AppError('validation_failed', 'not a signed, unused quote of this customer', { quoteId: 'unusable' });
      }
      quoteId = quote.id;
    }
    let overrideReason: string | null = null;
    let isPerVisit = false;
    if (input.type === 'emergency') {
      const coverage = await visitCoverage({
        tx,
        deps,
        customerId: customer.id,
        date: localDateOf(plannedAt, deps.config.timeZone),
        type: input.type,
      });
      if (!coverage.isCovered) {
        isPerVisit = true;
        quoteId ??= (await findSignedQuoteOfTicket(tx, ticket.id))?.id ?? null;
        if (!quoteId) {
          if (!input.overrideReason) {
            throw new AppError(
              'quote_required',
              `not covered (${coverage.basis}): a signed per-visit quote or a manager's override is required`,
              {
                quoteId: 'required',
              },
            );
          }
          authorize(actor, 'work_order.override_dispatch');
          overrideReason = input.overrideReason;
        }
      }
    }
    // The year's counter row stays locked until commit (gapless): taken once every check passed.
    const year = yearIn(deps.config.timeZone, now);
    const number = formatDocumentNumber(WORK_ORDER_SERIES.prefix, year, await nextDocumentSequence(tx, WORK_ORDER_SERIES.series, year));
    const row = await insertWorkOrder(
      tx,
      {
        number,
        ticketId: ticket.id,
        customerId: customer.id,
        type: input.type,
        plannedAt,
        transport: input.transport ?? null,
        address: customer.address ?? ([customer.province, customer.city].filter(Boolean).join('') || null),
        contactName: customer.contact?.name ?? null,
        contactPhone: customer.contact?.phone ?? null,
        quoteId,
        overrideReason,
        checklist: await currentChecklist(tx),
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      },
      engineerIds,
    );
    await insertTicketEvent(tx, {
      ticketId: ticket.id,
      actorId: actor.id,
      createdAt: now,
      ...timeline.workOrder({ workOrderId: row.id, number, type: input.type, step: 'created' }),
    });
    if (overrideReason) {
      await insertTicketEvent(tx, {
        ticketId: ticket.id,
        actorId: actor.id,
        createdAt: now,
        ...timeline.dispatchOverride({ workOrderId: row.id, number }, { body: overrideReason }),
      });
    }
    if (input.type === 'emergency' && !isPerVisit) {
      await applySlaEvent({ tx, ticket, now, event: { kind: 'field_dispatched', distance: customer.distanceClass } });
    }
    await touchTicket(tx, ticket.id, now);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'work_order.create',
      entityType: 'work_order',
      entityId: row.id,
      after: { number, type: input.type, engineerIds, quoteId, overrideReason },
      at: now,
    });
    return row.id;
  });
  const order = await readOrder(deps, id);
  publish(deps, actor, order);
  return order;
}

/** Distinct ids of active staff users, or 400 naming the field. */
export async function checkEngineers(tx: Tx, ids: string[]) {
  const engineerIds = [...new Set(ids)];
  const engineers = await selectUsers(tx, engineerIds);
  if (engineers.length !== engineerIds.length || engineers.some((e) => !isStaff({ role: e.role, customerId: null }) || !e.isActive)) {
    throw new AppError('validation_failed', 'engineers must be active staff users', { engineerIds: 'unknown' });
  }
  return engineerIds;
}

/** The on-site checklist a new order copies: the admins' list, or the built-in one of 000. */
async function currentChecklist(tx: Tx) {
  const saved = await findChecklistTemplate(tx);
  return saved ? saved.defaultChecklist.map((i) => ({ ...i, isDone: false })) : defaultChecklist();
}

/**
 * The dispatch board's drag: the engineers who go (replacing those on the order) and, when moved to
 * another day, the new planned arrival. Only a planned order is (re)assigned. `version` is the order's
 * version as the board saw it: when another dispatcher changed the order first the second gets
 * 409 `conflict` and nothing changes.
 */
export async function assignWorkOrder({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: AssignInput }) {
  authorize(actor, 'work_order.dispatch');
  const now = deps.clock();
  const seen = await findWorkOrder(deps.db, id);
  if (!seen) throw notFound('work order');
  await deps.db.transaction(async (tx) => {
    await lockTicketRow(tx, seen.ticketId);
    const order = await lockWorkOrder(tx, id);
    if (!order) throw notFound('work order');
    if (order.version !== input.version) {
      throw new AppError('conflict', 'someone else changed this work order first; reload the board', {
        version: `now ${order.version}`,
      });
    }
    if (order.status !== 'planned') {
      throw new AppError('invalid_transition', `a ${order.status} work order cannot be re-planned`, { status: order.status });
    }
    const engineerIds = await checkEngineers(tx, input.engineerIds);
    const before = await selectEngineerIds(tx, id);
    const plannedAt = input.plannedAt ? new Date(input.plannedAt) : order.plannedAt;
    await replaceEngineers(tx, id, engineerIds);
    await updateWorkOrderRow(tx, id, { plannedAt, updatedAt: now });
    await insertTicketEvent(tx, {
      ticketId: order.ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.workOrder({ workOrderId: id, number: order.number, type: order.type, step: 'assigned' }),
    });
    await touchTicket(tx, order.ticketId, now);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'work_order.assign',
      entityType: 'work_order',
      entityId: id,
      before: { engineerIds: before, plannedAt: order.plannedAt },
      after: { engineerIds, plannedAt },
      at: now,
    });
  });
  const order = await readOrder(deps, id);
  publish(deps, actor, order);
  return order;
}

/**
 * Records the customer's written confirmation of the proposed solution (002 四(二)) on the request. Under
 * an SLA policy whose on-site clock starts then, the clock starts at the confirmation's instant (urgent
 * 12 h, otherwise 36 h); under one that starts at dispatch it is only recorded.
 */
export async function recordWrittenConfirmation({
  deps,
  actor,
  ticketId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  input: WrittenConfirmationInput;
}) {
  authorize(actor, 'ticket.update');
  const now = deps.clock();
  const confirmedAt = actionInstant(input.confirmedAt, now, new Date(0), 'confirmedAt');
  return deps.db.transaction(async (tx) => {
    const ticket = await lockTicketRow(tx, ticketId);
    if (!ticket) throw notFound('request');
    authorize(actor, 'ticket.update', { customerId: ticket.customerId }, 'request');
    if (FINISHED.includes(ticket.status)) throw new AppError('invalid_transition', `this request is ${ticket.status}`);
    const startsOnSiteClock = await startOnSiteClockOnConfirmation({ tx, ticket, now: confirmedAt });
    await insertTicketEvent(tx, {
      ticketId,
      actorId: actor.id,
      createdAt: now,
      ...timeline.writtenConfirmation(
        { confirmedByName: input.confirmedByName, confirmedAt: confirmedAt.toISOString(), startsOnSiteClock },
        { body: input.note ?? null },
      ),
    });
    await touchTicket(tx, ticketId, now);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'ticket.written_confirmation',
      entityType: 'ticket',
      entityId: ticketId,
      after: { confirmedByName: input.confirmedByName, confirmedAt, startsOnSiteClock },
      at: now,
    });
    return { startsOnSiteClock };
  });
}

/** The default on-site checklist (000: install software, set parameters, supporting software, initial data). */
export async function getChecklistTemplate({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'work_order.create');
  const saved = await findChecklistTemplate(deps.db);
  return saved
    ? { items: saved.defaultChecklist, updatedAt: saved.updatedAt }
    : { items: defaultChecklist().map(({ key, label }) => ({ key, label })), updatedAt: null };
}

/** Administrators edit the default checklist; orders made afterwards copy it, earlier ones keep theirs. */
export async function saveDefaultChecklist({ deps, actor, input }: { deps: Deps; actor: Actor; input: ChecklistTemplateInput }) {
  authorize(actor, 'field_settings.manage');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const before = await findChecklistTemplate(tx);
    await saveChecklistTemplate(tx, { defaultChecklist: input.items, updatedById: actor.id, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'field_settings.update',
      entityType: 'field_settings',
      entityId: null,
      before: { defaultChecklist: before?.defaultChecklist ?? null },
      after: { defaultChecklist: input.items },
      at: now,
    });
  });
  return getChecklistTemplate({ deps, actor });
}

// ---------- reading ----------

/** A manager's override reason is internal (like its timeline event): a customer user does not see it. */
function shape<T extends { overrideReason: string | null }>(actor: Actor, order: T): T {
  return can(actor, 'ticket.read_internal') ? order : { ...order, overrideReason: null };
}

/** The parts in today's shape (lines saved before prices read as unpriced) and what they cost. */
function withPrices<T extends { parts: PartUsed[] }>(order: T) {
  const parts = order.parts.map(normalizePartUsed);
  return { ...order, parts, partsTotalFen: partsTotalFen(parts) };
}

async function readOrder(deps: Deps, id: string) {
  const order = await findWorkOrder(deps.db, id);
  if (!order) throw notFound('work order');
  return withPrices(order);
}

export async function getWorkOrder({ deps, actor, id }: { deps: Deps; actor: Actor; id: string }) {
  const order = await findWorkOrder(deps.db, id);
  if (!order) throw notFound('work order');
  authorize(actor, 'work_order.read', { customerId: order.customerId }, 'work order');
  return shape(actor, withPrices(order));
}

export async function listTicketWorkOrders({ deps, actor, ticketId }: { deps: Deps; actor: Actor; ticketId: string }) {
  const ticket = await findTicketBasics(deps.db, ticketId);
  if (!ticket) throw notFound('request');
  authorize(actor, 'work_order.read', { customerId: ticket.customerId }, 'request');
  return { items: (await listWorkOrders(deps.db, { ticketId })).map((o) => shape(actor, withPrices(o))) };
}

/** The engineer's list (`engineerId=me`), or any staff member's; a customer user sees its own organisation's. */
export async function listWorkOrdersFor({ deps, actor, query }: { deps: Deps; actor: Actor; query: ListInput }) {
  const scope = customerScope(actor);
  authorize(actor, 'work_order.read', scope ? { customerId: scope } : undefined);
  const engineerId = query.engineerId === 'me' ? actor.id : query.engineerId;
  const items = await listWorkOrders(deps.db, {
    engineerId,
    customerId: scope,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    status: query.status,
  });
  return { items: items.map((o) => shape(actor, withPrices(o))) };
}

// ---------- on site ----------

/**
 * One engineer action on an order, in one transaction: the request then the order are locked (the one
 * lock order), a replayed `clientActionId` is answered with the order as it is (applied once), the
 * actor must be on the order (or may act for others), and the status must allow the action.
 */
async function act({
  deps,
  actor,
  id,
  action,
  clientActionId,
  apply,
}: {
  deps: Deps;
  actor: Actor;
  id: string;
  action: WorkOrderAction;
  clientActionId?: string;
  apply: (tx: Tx, order: LockedOrder, ticket: LockedTicket, now: Date) => Promise<void>;
}) {
  const now = deps.clock();
  const seen = await findWorkOrder(deps.db, id);
  if (!seen) throw notFound('work order');
  authorize(actor, 'work_order.work', { customerId: seen.customerId }, 'work order');
  let isReplay = false;
  await deps.db.transaction(async (tx) => {
    const ticket = await lockTicketRow(tx, seen.ticketId);
    const order = await lockWorkOrder(tx, id);
    if (!ticket || !order) throw notFound('work order');
    if (clientActionId) {
      const applied = await findAppliedAction(tx, clientActionId);
      if (applied) {
        if (applied.workOrderId !== id || applied.action !== action) {
          throw new AppError('conflict', 'this clientActionId was used for another action', { clientActionId: 'used' });
        }
        isReplay = true;
        return;
      }
    }
    const engineerIds = await selectEngineerIds(tx, id);
    if (!engineerIds.includes(actor.id) && !can(actor, 'work_order.act_for_others')) {
      throw new AppError('forbidden', 'only the engineers on this work order may act on it');
    }
    if (!nextStatus(order.status, action)) {
      throw new AppError('invalid_transition', `a ${order.status} work order cannot ${action.replace('_', ' ')}`, { status: order.status });
    }
    await apply(tx, order, ticket, now);
    if (clientActionId) await insertAppliedAction(tx, { clientActionId, workOrderId: id, action, actorId: actor.id, appliedAt: now });
    await touchTicket(tx, ticket.id, now);
  });
  const order = await readOrder(deps, id);
  if (!isReplay) publish(deps, actor, order);
  return order;
}

/** The device's instant for an action (offline: when it really happened), never ahead of the server. */
function actionInstant(at: string | undefined, now: Date, notBefore: Date, field = 'at'): Date {
  if (!at) return now;
  const instant = new Date(at);
  if (checkActionInstant(instant, now) === 'future') throw new AppError('validation_failed', 'in the future', { [field]: 'in the future' });
  if (instant < notBefore) throw new AppError('validation_failed', 'before the previous step', { [field]: 'too early' });
  return instant;
}

async function event(tx: Tx, actor: Actor, order: LockedOrder, at: Date, step: 'checked_in' | 'checked_out' | 'signed_off' | 'cancelled') {
  await insertTicketEvent(tx, {
    ticketId: order.ticketId,
    actorId: actor.id,
    createdAt: at,
    ...timeline.workOrder({ workOrderId: order.id, number: order.number, type: order.type, step }),
  });
}

/** Arrival: the order is on site, and the request's on-site clock (if one runs) is met at that instant. */
export function checkIn({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: ActionInput }) {
  return act({
    deps,
    actor,
    id,
    action: 'check_in',
    clientActionId: input.clientActionId,
    apply: async (tx, order, ticket, now) => {
      const at = actionInstant(input.at, now, order.createdAt);
      await updateWorkOrderRow(tx, id, { status: 'on_site', checkInAt: at, updatedAt: now });
      await event(tx, actor, order, now, 'checked_in');
      await applySlaEvent({ tx, ticket, now: at, event: { kind: 'arrived' } });
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'work_order.check_in',
        entityType: 'work_order',
        entityId: id,
        after: { at },
        at: now,
      });
    },
  });
}

export function checkOut({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: ActionInput }) {
  return act({
    deps,
    actor,
    id,
    action: 'check_out',
    clientActionId: input.clientActionId,
    apply: async (tx, order, _ticket, now) => {
      const checkInAt = order.checkInAt ?? now;
      const at = actionInstant(input.at, now, checkInAt);
      await updateWorkOrderRow(tx, id, {
        status: 'checked_out',
        checkOutAt: at,
        minutesOnSite: minutesOnSite(checkInAt, at),
        updatedAt: now,
      });
      await event(tx, actor, order, now, 'checked_out');
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'work_order.check_out',
        entityType: 'work_order',
        entityId: id,
        after: { at },
        at: now,
      });
    },
  });
}

/**
 * The customer's sign-off (000: 服务完毕后，必须得到用户对服务情况的检查和文字确认): signer, the signature
 * drawn on the phone (a PNG) or, signed on paper, the scanned signed form uploaded before (named by its
 * client id, so an offline queue can send both in order), an optional rating and remark. It writes the visit's register row, with
 * the visit's type, in the same transaction.
 */
export function signOff({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: SignOffInput }) {
  let signaturePng: Buffer | null = null;
  if (input.signature !== undefined) {
    const parsed = parseSignature(input.signature);
    if ('error' in parsed) {
      if (parsed.error === 'too_large')
        throw new AppError('payload_too_large', 'the signature image is over 512 KiB', { signature: 'too large' });
      throw new AppError('validation_failed', 'the signature must be a PNG data URL', { signature: 'not a PNG' });
    }
    signaturePng = Buffer.from(parsed.bytes);
  }
  return act({
    deps,
    actor,
    id,
    action: 'sign_off',
    clientActionId: input.clientActionId,
    apply: async (tx, order, _ticket, now) => {
      const at = actionInstant(input.at, now, order.checkOutAt ?? now);
      // Signed on paper: the scan was uploaded first (offline: queued before this sign-off).
      let signedFormId: string | null = null;
      if (input.signedFormClientId) {
        const form = await signedFormOf({ tx, workOrderId: id, clientId: input.signedFormClientId });
        if (!form) {
          throw new AppError('validation_failed', 'no scanned signed form with this id on this work order', {
            signedFormClientId: 'unknown',
          });
        }
        signedFormId = form.id;
      }
      const engineerIds = await selectEngineerIds(tx, id);
      const visit = await recordWorkOrderVisit({
        tx,
        actorId: actor.id,
        at: now,
        visit: {
          customerId: order.customerId,
          ticketId: order.ticketId,
          visitDate: localDateOf(order.checkInAt ?? at, deps.config.timeZone),
          engineerIds,
          type: order.type,
          quoteId: order.quoteId,
          note: order.number,
        },
      });
      await updateWorkOrderRow(tx, id, {
        status: 'signed_off',
        signerName: input.signerName,
        signerTitle: input.signerTitle ?? null,
        signaturePng,
        signedFormId,
        rating: input.rating ?? null,
        remark: input.remark ?? null,
        signedOffAt: at,
        visitId: visit.id,
        updatedAt: now,
      });
      await event(tx, actor, order, now, 'signed_off');
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'work_order.sign_off',
        entityType: 'work_order',
        entityId: id,
        after: {
          signerName: input.signerName,
          signatureKind: signedFormId ? 'scanned_form' : 'drawn',
          signedFormId,
          rating: input.rating ?? null,
          visitId: visit.id,
          at,
        },
        at: now,
      });
    },
  });
}

/** Work log, checklist, parts, transport, planned time and the out-of-scope approval, before sign-off. */
export function updateWorkOrder({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: UpdateWorkOrderInput }) {
  return act({
    deps,
    actor,
    id,
    action: 'update',
    clientActionId: input.clientActionId,
    apply: async (tx, order, _ticket, now) => {
      const parts = input.parts ? await pricePartsUsed(tx, input.parts, localDateOf(now, deps.config.timeZone)) : undefined;
      const values = {
        ...(input.workLog !== undefined ? { workLog: input.workLog } : {}),
        ...(input.checklist ? { checklist: input.checklist } : {}),
        ...(parts ? { parts } : {}),
        ...(input.transport !== undefined ? { transport: input.transport } : {}),
        ...(input.plannedAt ? { plannedAt: new Date(input.plannedAt) } : {}),
        ...(input.approval
          ? {
              approvedByName: input.approval.approvedByName,
              approvedAt: actionInstant(input.approval.approvedAt, now, new Date(0), 'approval.approvedAt'),
              approvalMethod: input.approval.method,
            }
          : {}),
      };
      await updateWorkOrderRow(tx, id, { ...values, updatedAt: now });
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'work_order.update',
        entityType: 'work_order',
        entityId: id,
        before: Object.fromEntries(Object.keys(values).map((k) => [k, order[k as keyof LockedOrder]])),
        after: values,
        at: now,
      });
    },
  });
}

const PART_PROBLEM_TEXT: Record<PartLineProblem, string> = {
  not_on_price_list: 'not on the price list',
  inactive: 'taken off the price list',
  not_yet_valid: 'not yet valid on this day',
  above_contract_price: 'above contract price',
  name_required: 'required',
  too_large: 'too large',
};

/** The lines priced from the spare-parts price list of the day (000); a refused line is 400 on its field. */
async function pricePartsUsed(tx: Tx, lines: PartLineInput[], on: string) {
  const priced = priceParts({ lines, list: await priceListForPricing(tx), on });
  if ('problem' in priced) {
    throw new AppError('validation_failed', `part ${priced.index + 1}: ${PART_PROBLEM_TEXT[priced.problem]}`, {
      [`parts.${priced.index}.${PROBLEM_FIELD[priced.problem]}`]: PART_PROBLEM_TEXT[priced.problem],
    });
  }
  return priced.parts;
}

export function cancelWorkOrder({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: ActionInput }) {
  return act({
    deps,
    actor,
    id,
    action: 'cancel',
    clientActionId: input.clientActionId,
    apply: async (tx, order, _ticket, now) => {
      await updateWorkOrderRow(tx, id, { status: 'cancelled', cancelledAt: now, updatedAt: now });
      await event(tx, actor, order, now, 'cancelled');
      await insertAudit(tx, { actorId: actor.id, action: 'work_order.cancel', entityType: 'work_order', entityId: id, at: now });
    },
  });
}

// ---------- the service report ----------

/** The service report (服务报告) of one visit as a PDF, Chinese by default, with the signature image. */
export async function reportPdf({ deps, actor, id, locale }: { deps: Deps; actor: Actor; id: string; locale: Locale }) {
  const order = await getWorkOrder({ deps, actor, id });
  const signature = await selectSignature(deps.db, id);
  const model = workOrderReport({
    order,
    signature,
    photoCount: await photoCount({ tx: deps.db, workOrderId: id }),
    locale,
    timeZone: deps.config.timeZone,
    generatedAt: deps.clock(),
  });
  const pdf = await renderPdf({ model, letterhead: letterheadOf(deps.config), font: deps.config.pdfFont });
  return {
    pdf,
    fileName: `${locale === 'en' ? 'service-report' : '服务报告'}-${order.customerName}-${order.number}.pdf`,
    fallbackName: `service-report-${order.number}.pdf`,
  };
}

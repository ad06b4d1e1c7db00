import { randomUUID } from 'node:crypto';
import { CALENDAR_CN_5X8, type CompiledCalendar } from '../../../domain/calendar/index.ts';
import { addDays, addYears, localDateOf } from '../../../domain/contracts/local-date.ts';
import { assessmentIssues, inTemplateOrder } from '../../../domain/maintenance/assessment.ts';
import { type ChecklistItem, checklistIssues, DEFAULT_CHECKLIST } from '../../../domain/maintenance/checklist.ts';
import {
  type ExpectedRound,
  freeYearOf,
  generateRounds,
  isMaintenanceDay,
  morningOf,
  reconcileRounds,
  skipNeedsNote,
  viewStatus,
} from '../../../domain/maintenance/schedule.ts';
import { notification } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { letterheadOf, renderPdf } from '../../documents/index.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Locale } from '../../messages/catalogue.ts';
import { type Actor, authorize } from '../../policy.ts';
import { fileGeneratedDocument } from '../archive/archive.service.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { loadCompiledCalendar } from '../calendars/calendar-cache.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import { createTicket, getTicket, transitionTicket } from '../tickets/tickets.service.ts';
import type { SignOffInput } from '../work-orders/work-orders.schema.ts';
import { checkEngineers, createWorkOrder, getWorkOrder, signOff } from '../work-orders/work-orders.service.ts';
import { assessmentReport } from './assessment-document.ts';
import {
  type AssessmentRow,
  deleteRounds,
  findAssessment,
  findAssessmentOf,
  findChecklist,
  findCustomerBasics,
  findProfile,
  findResult,
  findRound,
  insertAssessment,
  insertChecklist,
  insertRounds,
  latestChecklist,
  linkResultTicket,
  lockCustomer,
  lockRound,
  markWarned,
  type RoundRow,
  selectAssessments,
  selectChecklists,
  selectCustomerRounds,
  selectCustomersToPlan,
  selectOpenRounds,
  selectPlanningSources,
  selectResults,
  selectRoundsToWarn,
  selectWorkOrderSignature,
  setAssessmentDocument,
  updateRound,
  upsertProfile,
  upsertResult,
} from './maintenance.repo.ts';
import type {
  AssessmentInput,
  ChecklistInput,
  DueInput,
  ProblemInput,
  ProfileInput,
  ReplanInput,
  ResultsInput,
  SkipInput,
  StartInput,
} from './maintenance.schema.ts';
import { maintenanceReport } from './report-document.ts';

function today(deps: Deps, at: Date = deps.clock()): string {
  return localDateOf(at, deps.config.timeZone);
}

/** The calendar a customer's rounds are planned on: its own (maintenance profile), else China 5×8 with 调休. */
async function planningCalendar(tx: Tx, customerId: string): Promise<CompiledCalendar> {
  const profile = await findProfile(tx, customerId);
  return profile?.calendarId ? loadCompiledCalendar(tx, profile.calendarId) : CALENDAR_CN_5X8;
}

// ---------- generation ----------

/**
 * Regenerates a customer's rounds from its contracts (DOMAIN.md §5–§6): each paid contract at its tier's
 * frequency (Diamond's resident engineer is the assignee), and the free year after final acceptance
 * monthly where no paid contract runs. Future rounds not started are replaced; past and started ones stay.
 */
export async function syncCustomerRounds(tx: Tx, deps: Deps, customerId: string): Promise<void> {
  const customer = await lockCustomer(tx, customerId);
  if (!customer) return;
  const on = today(deps);
  const calendar = await planningCalendar(tx, customerId);
  const { contracts, systems } = await selectPlanningSources(tx, customerId);
  type Wanted = ExpectedRound & { serviceContractId: string | null; systemContractId: string | null; assigneeId: string | null };
  const expected: Wanted[] = [];
  for (const c of contracts) {
    for (const r of generateRounds({ period: c, frequency: c.frequency, calendar })) {
      expected.push({
        ...r,
        sourceId: c.id,
        serviceContractId: c.id,
        systemContractId: null,
        assigneeId: c.residentEngineerId ?? customer.responsibleEngineerId,
      });
    }
  }
  const latest = systems
    .filter((s) => s.finalAcceptanceDate)
    .sort((a, b) => (a.finalAcceptanceDate ?? '').localeCompare(b.finalAcceptanceDate ?? ''))
    .at(-1);
  const freeYear = freeYearOf(systems.map((s) => s.finalAcceptanceDate));
  if (latest && freeYear) {
    const paid = (w: { windowStart: string; windowEnd: string }) =>
      contracts.some((c) => c.startDate <= w.windowEnd && w.windowStart <= c.endDate && c.frequency !== 'none');
    for (const r of generateRounds({ period: freeYear, frequency: 'free_year', calendar })) {
      if (paid(r)) continue;
      expected.push({
        ...r,
        sourceId: latest.id,
        serviceContractId: null,
        systemContractId: latest.id,
        assigneeId: customer.responsibleEngineerId,
      });
    }
  }
  const existing = (await selectCustomerRounds(tx, customerId)).map((r) => ({
    ...r,
    sourceId: (r.serviceContractId ?? r.systemContractId) as string,
  }));
  const { remove, replan, add } = reconcileRounds({ existing, expected, today: on });
  const now = deps.clock();
  await deleteRounds(tx, remove);
  for (const r of replan) await updateRound(tx, r.id, { plannedDate: r.plannedDate, updatedAt: now });
  await insertRounds(
    tx,
    (add as Wanted[]).map((r) => ({
      customerId,
      serviceContractId: r.serviceContractId,
      systemContractId: r.systemContractId,
      contractYear: r.contractYear,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      plannedDate: r.plannedDate,
      assigneeId: r.assigneeId,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/** The job a contract change enqueues. */
export async function runRegenerateRounds({ deps, payload }: { deps: Deps; payload: Record<string, unknown> }) {
  const customerId = typeof payload.customerId === 'string' ? payload.customerId : null;
  if (customerId) await deps.db.transaction((tx) => syncCustomerRounds(tx, deps, customerId));
}

/** Daily: regenerate every customer with something to plan, then warn each overdue round's account owner once. */
export async function runMaintenanceDaily({ deps }: { deps: Deps }): Promise<number> {
  const now = deps.clock();
  const on = today(deps, now);
  for (const customerId of await selectCustomersToPlan(deps.db, addDays(on, -366))) {
    await deps.db.transaction((tx) => syncCustomerRounds(tx, deps, customerId));
  }
  let warned = 0;
  for (const r of await selectRoundsToWarn(deps.db, on)) {
    const events = await deps.db.transaction(async (tx) => {
      if (!(await markWarned(tx, r.id, now))) return [];
      warned++;
      const owner = r.accountOwnerId ?? r.customerEngineerId;
      if (!owner) return [];
      return notifyUsers(tx, deps, {
        userIds: [owner],
        ticketId: null,
        at: now,
        ...notification.maintenanceOverdue({
          roundId: r.id,
          customerId: r.customerId,
          customerName: r.customerName,
          windowEnd: r.windowEnd,
          plannedDate: r.plannedDate,
        }),
      });
    });
    for (const e of events) deps.live.publish(e);
  }
  return warned;
}

// ---------- reading ----------

function shapeRound(r: RoundRow, on: string) {
  return {
    id: r.id,
    customerId: r.customerId,
    customerName: r.customerName,
    contractYear: r.contractYear,
    windowStart: r.windowStart,
    windowEnd: r.windowEnd,
    plannedDate: r.plannedDate,
    isPlannedByHand: r.isPlannedByHand,
    replanReason: r.replanReason,
    status: viewStatus(r, on),
    assignee: r.assigneeId && r.assigneeName ? { id: r.assigneeId, name: r.assigneeName } : null,
    ticketId: r.ticketId,
    workOrderId: r.workOrderId,
    workOrderNumber: r.workOrderNumber,
    workOrderStatus: r.workOrderStatus,
    checklistVersion: r.checklistVersion,
    isFreeYear: r.systemContractId !== null,
    skip:
      r.status === 'skipped' && r.skipReason && r.skippedAt
        ? {
            reason: r.skipReason,
            note: r.skipNote,
            at: r.skippedAt,
            by: r.skippedById && r.skippedByName ? { id: r.skippedById, name: r.skippedByName } : null,
          }
        : null,
  };
}

/** The rounds of the contract year(s) overlapping a calendar year (regenerated first, so always current). */
export async function listCustomerRounds({
  deps,
  actor,
  customerId,
  year,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  year: number;
}) {
  authorize(actor, 'maintenance.read', { customerId }, 'customer');
  if (!(await findCustomerBasics(deps.db, customerId))) throw notFound('customer');
  const rows = await deps.db.transaction(async (tx) => {
    await syncCustomerRounds(tx, deps, customerId);
    return selectCustomerRounds(tx, customerId);
  });
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const on = today(deps);
  const items = rows.filter((r) => {
    const yearStart = addYears(r.periodStart, r.contractYear - 1);
    const yearEnd = addDays(addYears(r.periodStart, r.contractYear), -1);
    return yearStart <= to && from <= yearEnd;
  });
  return { items: items.map((r) => shapeRound(r, on)) };
}

/** The service centre's list: rounds due by the horizon (overdue included), or only overdue ones. */
export async function listDueRounds({ deps, actor, query }: { deps: Deps; actor: Actor; query: DueInput }) {
  authorize(actor, 'maintenance.work');
  const on = today(deps);
  const rows =
    query.due === 'overdue'
      ? await selectOpenRounds(deps.db, { overdueBefore: on })
      : await selectOpenRounds(deps.db, { until: addDays(on, query.days) });
  return { items: rows.map((r) => shapeRound(r, on)) };
}

async function ensureChecklist(tx: Tx, at: Date) {
  const latest = await latestChecklist(tx);
  if (latest) return latest;
  await insertChecklist(tx, { version: 1, items: [...DEFAULT_CHECKLIST], createdById: null, createdAt: at });
  const created = await latestChecklist(tx);
  if (!created) throw new Error('the maintenance checklist could not be created');
  return created;
}

async function roundChecklist(tx: Tx, round: { checklistId: string | null }, at: Date) {
  if (round.checklistId) {
    const found = await findChecklist(tx, round.checklistId);
    if (found) return found;
  }
  return ensureChecklist(tx, at);
}

export async function getRound({ deps, actor, id }: { deps: Deps; actor: Actor; id: string }) {
  const round = await findRound(deps.db, id);
  if (!round) throw notFound('maintenance round');
  authorize(actor, 'maintenance.read', { customerId: round.customerId }, 'maintenance round');
  const checklist = await deps.db.transaction((tx) => roundChecklist(tx, round, deps.clock()));
  const results = await selectResults(deps.db, id);
  const profile = await findProfile(deps.db, round.customerId);
  return {
    ...shapeRound(round, today(deps)),
    isKeyCustomer: profile?.isKeyCustomer ?? false,
    checklist: checklist.items,
    results: results.map((r) => ({
      itemKey: r.itemKey,
      result: r.result,
      note: r.note,
      measurements: r.measurements,
      ticketId: r.ticketId,
      ticketNumber: r.ticketNumber,
    })),
  };
}

// ---------- planning ----------

/** Re-plans a round not started yet: a day inside its window; a day off needs a reason (kept on the round). */
export async function replanRound({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: ReplanInput }) {
  authorize(actor, 'maintenance.work');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (!round) throw notFound('maintenance round');
    if (round.status !== 'planned')
      throw new AppError('conflict', `a ${round.status} round cannot be re-planned`, { status: round.status });
    if (input.plannedDate < round.windowStart || input.plannedDate > round.windowEnd) {
      throw new AppError(
        'validation_failed',
        `the planned date must fall in the round's window ${round.windowStart} – ${round.windowEnd}`,
        {
          plannedDate: 'outside the window',
        },
      );
    }
    const calendar = await planningCalendar(tx, round.customerId);
    const isDayOff = !isMaintenanceDay(calendar, input.plannedDate);
    if (isDayOff && !input.reason) {
      throw new AppError('validation_failed', `${input.plannedDate} is a holiday or day off of the customer's calendar: give a reason`, {
        plannedDate: 'day off',
        reason: 'required on a day off',
      });
    }
    const values = {
      plannedDate: input.plannedDate,
      isPlannedByHand: true,
      replanReason: input.reason ?? null,
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      updatedAt: now,
    };
    await updateRound(tx, id, values);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_round.replan',
      entityType: 'maintenance_round',
      entityId: id,
      before: { plannedDate: round.plannedDate, assigneeId: round.assigneeId },
      after: { ...values, isDayOff },
      at: now,
    });
  });
  return getRound({ deps, actor, id });
}

/**
 * Starts a round: a service request for the customer and its work order of type `routine` (the field
 * visit: check-in, check-out, the customer's sign-off; routine visits never use the emergency quota).
 * The round keeps the checklist version current now.
 */
export async function startRound({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: StartInput }) {
  authorize(actor, 'maintenance.work');
  const round = await findRound(deps.db, id);
  if (!round) throw notFound('maintenance round');
  if (round.status !== 'planned') throw new AppError('conflict', `this round is already ${round.status}`, { status: round.status });
  const plannedAt = input.plannedAt ?? (round.plannedDate ? morningOf(round.plannedDate, deps.config.timeZone) : null);
  if (!plannedAt) throw new AppError('validation_failed', 'the round has no planned date: give plannedAt', { plannedAt: 'required' });
  // Checked before anything is written: bad input changes nothing.
  const engineerIds = await checkEngineers(deps.db, input.engineerIds ?? [round.assigneeId ?? actor.id]);
  const now = deps.clock();
  // Claim the round first (locked, planned → in progress), so of two people pressing "start" at once the
  // second gets 409 before anything is created; the request and work order are then made and linked.
  const checklist = await deps.db.transaction(async (tx) => {
    const locked = await lockRound(tx, id);
    if (locked?.status !== 'planned') throw new AppError('conflict', 'this round was started meanwhile', { status: 'started' });
    const current = await ensureChecklist(tx, now);
    await updateRound(tx, id, {
      status: 'in_progress',
      checklistId: current.id,
      assigneeId: locked.assigneeId ?? engineerIds[0],
      updatedAt: now,
    });
    return current;
  });
  let ticketId: string;
  let workOrderId: string;
  try {
    const ticket = await createTicket({
      deps,
      actor,
      input: {
        customerId: round.customerId,
        title: `常规维护（A、B、C） ${round.windowStart} – ${round.windowEnd}`,
        description: `常规维护：服务器操作系统（A）、数据库系统软件（B）、HIS 应用软件（C）。计划日期 ${round.plannedDate ?? '—'}。`,
        severity: 'normal',
        channel: 'phone',
        kind: 'request',
        stage: 'after_sale',
      },
    });
    ticketId = ticket.id;
    workOrderId = (await createWorkOrder({ deps, actor, ticketId, input: { type: 'routine', plannedAt, engineerIds } })).id;
  } catch (error) {
    // Anything else failing here (the request refused …): the round is planned again, as before the press.
    await deps.db.transaction((tx) =>
      updateRound(tx, id, { status: 'planned', checklistId: round.checklistId, assigneeId: round.assigneeId, updatedAt: now }),
    );
    throw error;
  }
  await deps.db.transaction(async (tx) => {
    await updateRound(tx, id, { ticketId, workOrderId, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_round.start',
      entityType: 'maintenance_round',
      entityId: id,
      after: { ticketId, workOrderId, checklistVersion: checklist.version },
      at: now,
    });
  });
  return getRound({ deps, actor, id });
}

// ---------- on site ----------

async function lockStartedRound(tx: Tx, id: string) {
  const round = await lockRound(tx, id);
  if (!round) throw notFound('maintenance round');
  if (round.status === 'done') throw new AppError('conflict', 'this round is signed: its results are final', { status: 'done' });
  if (round.status !== 'in_progress') throw new AppError('conflict', 'start the round first', { status: round.status });
  return round;
}

/** Records checklist results; an item not on the round's checklist version refuses the whole batch. */
export async function recordResults({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: ResultsInput }) {
  authorize(actor, 'maintenance.work');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const round = await lockStartedRound(tx, id);
    const checklist = await roundChecklist(tx, round, now);
    const keys = new Set(checklist.items.map((i: ChecklistItem) => i.key));
    const unknown = Object.fromEntries(
      input.results.flatMap((r, i) =>
        keys.has(r.itemKey) ? [] : [[`results.${i}.itemKey`, `not on checklist version ${checklist.version}`]],
      ),
    );
    if (Object.keys(unknown).length > 0) throw new AppError('validation_failed', "an item is not on this round's checklist", unknown);
    for (const r of input.results) {
      await upsertResult(tx, {
        roundId: id,
        itemKey: r.itemKey,
        result: r.result,
        note: r.note ?? null,
        measurements: r.measurements ?? {},
        recordedById: actor.id,
        recordedAt: now,
      });
    }
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_round.record',
      entityType: 'maintenance_round',
      entityId: id,
      after: { results: input.results },
      at: now,
    });
  });
  return getRound({ deps, actor, id });
}

/** A problem found becomes a service request in one action, linked to the round's item. */
export async function reportProblem({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: ProblemInput }) {
  authorize(actor, 'maintenance.work');
  const round = await findRound(deps.db, id);
  if (!round) throw notFound('maintenance round');
  const now = deps.clock();
  const item = await deps.db.transaction(async (tx) => {
    await lockStartedRound(tx, id);
    const result = await findResult(tx, id, input.itemKey);
    if (result?.result !== 'problem') {
      throw new AppError('validation_failed', 'record the item as "problem found" first', { itemKey: 'not a problem' });
    }
    if (result.ticketId) throw new AppError('conflict', 'this problem is already a service request', { itemKey: 'has a request' });
    const checklist = await roundChecklist(tx, round, now);
    return { label: checklist.items.find((i) => i.key === input.itemKey)?.labelZh ?? input.itemKey, note: result.note };
  });
  const ticket = await createTicket({
    deps,
    actor,
    input: {
      customerId: round.customerId,
      title: input.title ?? `常规维护发现问题：${item.label}`.slice(0, 200),
      description: `${round.workOrderNumber ?? ''} 常规维护（${round.windowStart} – ${round.windowEnd}）发现问题：${item.label}${item.note ? `\n${item.note}` : ''}`,
      severity: input.severity,
      channel: 'phone',
      kind: 'request',
      stage: 'after_sale',
    },
  });
  await deps.db.transaction(async (tx) => {
    await linkResultTicket(tx, id, input.itemKey, ticket.id);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_round.problem',
      entityType: 'maintenance_round',
      entityId: id,
      after: { itemKey: input.itemKey, ticketId: ticket.id },
      at: now,
    });
  });
  return getRound({ deps, actor, id });
}

/**
 * The customer signs on site (the work order's sign-off, which registers the routine visit); the round is
 * then done. Every checklist item needs a result first; a signed round cannot be signed again.
 */
export async function signRound({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: SignOffInput }) {
  authorize(actor, 'maintenance.work');
  const round = await findRound(deps.db, id);
  if (!round) throw notFound('maintenance round');
  if (round.status === 'done') throw new AppError('conflict', 'this round is already signed', { status: 'done' });
  if (round.status !== 'in_progress' || !round.workOrderId)
    throw new AppError('conflict', 'start the round first', { status: round.status });
  const checklist = await deps.db.transaction((tx) => roundChecklist(tx, round, deps.clock()));
  const recorded = new Set((await selectResults(deps.db, id)).map((r) => r.itemKey));
  const missing = checklist.items.filter((i) => !recorded.has(i.key)).map((i) => i.key);
  if (missing.length > 0) {
    throw new AppError('validation_failed', `checklist items without a result: ${missing.join(', ')}`, {
      results: `missing ${missing.join(', ')}`,
    });
  }
  await signOff({ deps, actor, id: round.workOrderId, input });
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await updateRound(tx, id, { status: 'done', finishedAt: now, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_round.finish',
      entityType: 'maintenance_round',
      entityId: id,
      at: now,
    });
  });
  if (round.ticketId) {
    await finishRoundRequest({ deps, actor, ticketId: round.ticketId, signerName: input.signerName, number: round.workOrderNumber });
  }
  return getRound({ deps, actor, id });
}

const OPEN_REQUEST_STATUSES = new Set(['new', 'acknowledged', 'in_progress', 'waiting_on_customer']);

/**
 * The round's own request is finished by the customer's signature: resolved (the round's summary), confirmed
 * in the signer's name (the signature is the written confirmation) and closed — each a status change on its
 * timeline, and every clock still owed stops. Requests opened for problems found stay open: they are their own.
 * Steps already taken by hand are not repeated.
 */
async function finishRoundRequest({
  deps,
  actor,
  ticketId,
  signerName,
  number,
}: {
  deps: Deps;
  actor: Actor;
  ticketId: string;
  signerName: string;
  number: string | null;
}) {
  let status = (await getTicket({ deps, actor, ticketId })).status as string;
  if (OPEN_REQUEST_STATUSES.has(status)) {
    const resolution = `常规维护（A、B、C）已完成，客户 ${signerName} 现场签字确认${number ? `（${number}）` : ''}。`;
    status = (await transitionTicket({ deps, actor, ticketId, input: { to: 'resolved', resolution } })).status;
  }
  if (status === 'resolved') {
    status = (await transitionTicket({ deps, actor, ticketId, input: { to: 'confirmed', confirmedByName: signerName } })).status;
  }
  if (status === 'confirmed') await transitionTicket({ deps, actor, ticketId, input: { to: 'closed' } });
}

/**
 * Skips a round not started (customer declined, hospital closed, merged with another visit): who, when and
 * why are kept and audited; a skipped round is never overdue nor warned about. Started or done → 409.
 */
export async function skipRound({ deps, actor, id, input }: { deps: Deps; actor: Actor; id: string; input: SkipInput }) {
  authorize(actor, 'maintenance.skip');
  if (skipNeedsNote(input.reason) && !input.note) {
    throw new AppError('validation_failed', `a round skipped as ${input.reason} needs a note`, { note: 'required' });
  }
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (!round) throw notFound('maintenance round');
    if (round.status !== 'planned') {
      throw new AppError('conflict', `a ${round.status} round cannot be skipped`, { status: round.status });
    }
    const values = { skipReason: input.reason, skipNote: input.note ?? null, skippedById: actor.id, skippedAt: now };
    await updateRound(tx, id, { status: 'skipped', ...values, updatedAt: now });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_round.skip',
      entityType: 'maintenance_round',
      entityId: id,
      before: { status: round.status },
      after: { status: 'skipped', ...values },
      at: now,
    });
  });
  return getRound({ deps, actor, id });
}

// ---------- the report ----------

/** The maintenance report (常规维护报告) as a PDF, Chinese by default: checklist results and the signature. */
export async function reportPdf({ deps, actor, id, locale }: { deps: Deps; actor: Actor; id: string; locale: Locale }) {
  const round = await getRound({ deps, actor, id });
  if (!round.workOrderId) throw new AppError('conflict', 'a round not started has no report yet', { status: round.status });
  const order = await getWorkOrder({ deps, actor, id: round.workOrderId });
  const signature = await selectWorkOrderSignature(deps.db, round.workOrderId);
  const model = maintenanceReport({ round, order, signature, locale, timeZone: deps.config.timeZone, generatedAt: deps.clock() });
  const pdf = await renderPdf({ model, letterhead: letterheadOf(deps.config), font: deps.config.pdfFont });
  return {
    pdf,
    fileName: `${locale === 'en' ? 'maintenance-report' : '常规维护报告'}-${round.customerName}-${order.number}.pdf`,
    fallbackName: `maintenance-report-${order.number}.pdf`,
  };
}

// ---------- checklists and the customer's profile ----------

export async function getChecklist({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'maintenance.work');
  return deps.db.transaction((tx) => ensureChecklist(tx, deps.clock()));
}

/** Every version of the checklists, newest first (the settings screen). */
export async function listChecklistVersions({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'maintenance.work');
  await deps.db.transaction((tx) => ensureChecklist(tx, deps.clock()));
  return { items: await selectChecklists(deps.db) };
}

/** Admins edit the checklists: each edit is a new version; rounds already started keep theirs. */
export async function createChecklistVersion({ deps, actor, input }: { deps: Deps; actor: Actor; input: ChecklistInput }) {
  authorize(actor, 'maintenance.manage_checklists');
  const issues = checklistIssues(input.items);
  if (issues.length > 0) throw new AppError('validation_failed', issues.join('; '), { items: issues.join('; ') });
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const current = await ensureChecklist(tx, now);
    const row = await insertChecklist(tx, { version: current.version + 1, items: input.items, createdById: actor.id, createdAt: now });
    if (!row) throw new AppError('conflict', 'another version was saved meanwhile: reload', { version: 'taken' });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_checklist.create',
      entityType: 'maintenance_checklist',
      entityId: row.id,
      after: { version: row.version },
      at: now,
    });
    return row;
  });
}

export async function getProfile({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'maintenance.read', { customerId }, 'customer');
  if (!(await findCustomerBasics(deps.db, customerId))) throw notFound('customer');
  const row = await findProfile(deps.db, customerId);
  return {
    customerId,
    isKeyCustomer: row?.isKeyCustomer ?? false,
    calendarId: row?.calendarId ?? null,
    backupPlan: row?.backupPlan ?? null,
  };
}

/** Key-customer flag, planning calendar (rounds are re-planned on it) and the backup-and-recovery plan. */
export async function updateProfile({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: ProfileInput;
}) {
  authorize(actor, 'maintenance.work');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, customerId))) throw notFound('customer');
    if (input.calendarId) await loadCompiledCalendar(tx, input.calendarId);
    const before = await findProfile(tx, customerId);
    const row = await upsertProfile(tx, {
      customerId,
      isKeyCustomer: input.isKeyCustomer ?? before?.isKeyCustomer ?? false,
      calendarId: input.calendarId === undefined ? (before?.calendarId ?? null) : input.calendarId,
      backupPlan: input.backupPlan === undefined ? (before?.backupPlan ?? null) : input.backupPlan,
      updatedAt: now,
    });
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'maintenance_profile.update',
      entityType: 'maintenance_profile',
      entityId: customerId,
      before: before ?? null,
      after: row,
      at: now,
    });
    await syncCustomerRounds(tx, deps, customerId);
  });
  return getProfile({ deps, actor, customerId });
}

// ---------- the system operation assessment (000 G) ----------

function shapeAssessment(a: AssessmentRow) {
  return {
    id: a.id,
    customerId: a.customerId,
    period: a.period,
    assessedOn: a.assessedOn,
    roundId: a.roundId,
    sections: inTemplateOrder(a.sections).map((s) => ({ ...s, recommendations: s.recommendations ?? null })),
    summary: a.summary,
    documentId: a.documentId,
    createdBy: { id: a.createdById, name: a.createdByName },
    createdAt: a.createdAt,
  };
}

const assessmentNumber = (a: { id: string; period: number }) => `YXPG-${a.period}-${a.id.slice(0, 8).toUpperCase()}`;

function assessmentPdf(deps: Deps, a: AssessmentRow, locale: Locale) {
  const model = assessmentReport({
    assessment: {
      number: assessmentNumber(a),
      customerName: a.customerName,
      period: a.period,
      assessedOn: a.assessedOn,
      assessorName: a.createdByName,
      roundWindow: a.roundWindowStart && a.roundWindowEnd ? `${a.roundWindowStart} – ${a.roundWindowEnd}` : null,
      sections: a.sections,
      summary: a.summary,
    },
    locale,
    timeZone: deps.config.timeZone,
    generatedAt: deps.clock(),
  });
  return renderPdf({ model, letterhead: letterheadOf(deps.config), font: deps.config.pdfFont });
}

export async function listAssessments({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'maintenance.read', { customerId }, 'customer');
  if (!(await findCustomerBasics(deps.db, customerId))) throw notFound('customer');
  return { items: (await selectAssessments(deps.db, customerId)).map(shapeAssessment) };
}

/**
 * Fills in the template for a customer and year (one per year; usually with the yearly round): every section
 * once, a round of this customer's, a day not in the future. The report PDF (Chinese) is filed in the
 * customer's archive in the same transaction, so the hospital sees it with its documents.
 */
export async function createAssessment({
  deps,
  actor,
  customerId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  customerId: string;
  input: AssessmentInput;
}) {
  authorize(actor, 'maintenance.assess');
  const issues = assessmentIssues(input.sections);
  if (Object.keys(issues).length > 0) throw new AppError('validation_failed', 'each section of the template, once', issues);
  if (input.assessedOn > today(deps)) {
    throw new AppError('validation_failed', 'an assessment cannot be dated in the future', { assessedOn: 'in the future' });
  }
  const now = deps.clock();
  const id = randomUUID();
  const created = await deps.db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    if (!customer) throw notFound('customer');
    if (input.roundId) {
      const round = await findRound(tx, input.roundId);
      if (round?.customerId !== customerId) {
        throw new AppError('validation_failed', 'not a round of this customer', { roundId: 'unknown' });
      }
    }
    if (await findAssessmentOf(tx, customerId, input.period)) {
      throw new AppError('conflict', `this customer's ${input.period} assessment exists already`, { period: 'taken' });
    }
    const sections = inTemplateOrder(input.sections).map((s) => ({ ...s, recommendations: s.recommendations || null }));
    const row = await insertAssessment(tx, {
      id,
      customerId,
      roundId: input.roundId ?? null,
      period: input.period,
      assessedOn: input.assessedOn,
      sections,
      summary: input.summary,
      createdById: actor.id,
      createdAt: now,
    });
    if (!row) throw new AppError('conflict', `this customer's ${input.period} assessment exists already`, { period: 'taken' });
    const full = await findAssessment(tx, id);
    if (!full) throw new Error('the assessment just written is missing');
    const pdf = await assessmentPdf(deps, full, 'zh-CN');
    const document = await fileGeneratedDocument({
      tx,
      deps,
      actorId: actor.id,
      customerId,
      kind: 'service_report',
      title: `系统运行评估报告 ${input.period}`,
      fileName: `系统运行评估报告-${customer.name}-${input.period}.pdf`,
      body: pdf,
      at: now,
    });
    await setAssessmentDocument(tx, id, document.id);
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'system_assessment.create',
      entityType: 'system_assessment',
      entityId: id,
      after: { ...row, documentId: document.id },
      at: now,
    });
    return { ...full, documentId: document.id };
  });
  return shapeAssessment(created);
}

export async function assessmentReportPdf({ deps, actor, id, locale }: { deps: Deps; actor: Actor; id: string; locale: Locale }) {
  const a = await findAssessment(deps.db, id);
  if (!a) throw notFound('assessment');
  authorize(actor, 'maintenance.read', { customerId: a.customerId }, 'assessment');
  const pdf = await assessmentPdf(deps, a, locale);
  return {
    pdf,
    fileName: `${locale === 'en' ? 'system-assessment' : '系统运行评估报告'}-${a.customerName}-${a.period}.pdf`,
    fallbackName: `system-assessment-${a.period}.pdf`,
  };
}

import { audit } from '../../../domain/audit.ts';
import { localDateOf } from '../../../domain/contracts/local-date.ts';
import {
  isDrillOverdue,
  isQuarterlyTrainingDue,
  measureLevelOf,
  minutesOnPaper,
  nextStage,
  reentryOutstanding,
  stageDueAt,
  stagesToFire,
  trainingReminderQuarter,
} from '../../../domain/emergency/continuity.ts';
import type { IncidentEventType } from '../../../domain/emergency/incident.ts';
import {
  ACTIVATE_STEP,
  ACTIVATION_STEPS,
  CONTINUITY_STAGES,
  type ContinuityStage,
  departmentKeyOf,
  type PlanContent,
  type Trigger,
  templatePlanContent,
  vendorTeamFromDesignations,
} from '../../../domain/emergency/template.ts';
import { notification } from '../../../domain/notifications.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../errors.ts';
import type { LiveEvent } from '../../lib/live-bus.ts';
import { type Actor, authorize, can, customerScope, mayActivatePlan } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import {
  findAction,
  findCustomerName,
  findDepartment,
  findIncident,
  findItem,
  findOpenIncidentOfTicket,
  findPlanOfCustomer,
  findTicketBrief,
  type IncidentRow,
  insertAction,
  insertDepartments,
  insertIncident,
  insertIncidentEvent,
  insertItems,
  insertPlan,
  insertPlanVersion,
  insertStages,
  markDepartmentsBack,
  markStageFired,
  type PlanRow,
  selectActions,
  selectActiveStaffIds,
  selectCustomerUserIds,
  selectDepartments,
  selectDesignatedStaff,
  selectDueActions,
  selectIncidentEvents,
  selectIncidents,
  selectIncidentsWithDueStages,
  selectItems,
  selectManagerIds,
  selectPlans,
  selectPlansForDrillCheck,
  selectPlansForTrainingCheck,
  selectPlanVersions,
  selectServiceManagerIds,
  selectStages,
  selectUserNames,
  sendStageToPaper,
  updateActionRow,
  updateDepartmentRow,
  updateIncidentRow,
  updateItemRow,
  updatePlanRow,
} from './emergency.repo.ts';
import type {
  CorrectiveActionInput,
  DeclareIncidentInput,
  IncidentDetail,
  ListIncidentsFilter,
  ReentryInput,
  ReportFieldsInput,
  SavePlanInput,
} from './emergency.schema.ts';

const TEMPLATE_REASON = '按001应急预案模板创建 / created from the 001 template';

function badInput(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { [field]: message });
}

// ---------------------------------------------------------------- plans

async function planView(tx: Tx, plan: PlanRow, now: Date) {
  const names = await selectUserNames(
    tx,
    plan.content.vendorTeam.map((m) => m.userId),
  );
  return {
    id: plan.id,
    customerId: plan.customerId,
    customerName: (await findCustomerName(tx, plan.customerId)) ?? '',
    version: plan.version,
    content: plan.content,
    vendorTeamNames: Object.fromEntries(names),
    lastDrillAt: plan.lastDrillAt,
    drillOverdue: isDrillOverdue(plan.lastDrillAt, plan.createdAt, now),
    updatedAt: plan.updatedAt,
  };
}

/**
 * Creates a customer's plan from the template (version 1) inside the caller's transaction; the vendor team is
 * filled from the staff users' designations (001 2.2: general manager leads, directors and the service
 * department manager deputise, the technical backbone are members).
 */
async function createPlanFromTemplate(tx: Tx, { actor, customerId, at }: { actor: Actor; customerId: string; at: Date }) {
  const content = { ...templatePlanContent(), vendorTeam: vendorTeamFromDesignations(await selectDesignatedStaff(tx)) };
  const plan = await insertPlan(tx, { customerId, content, at });
  if (!plan) throw new AppError('conflict', 'this customer already has an emergency plan');
  await insertPlanVersion(tx, {
    planId: plan.id,
    version: 1,
    content: plan.content,
    changedById: actor.id,
    changedAt: at,
    reason: TEMPLATE_REASON,
  });
  await insertAudit(tx, { ...audit('emergency_plan.create'), actorId: actor.id, entityId: plan.id, after: { customerId, version: 1 }, at });
  return plan;
}

export async function getPlan({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'emergency_plan.read', { customerId }, 'emergency plan');
  const plan = await findPlanOfCustomer(deps.db, customerId);
  if (!plan) throw notFound('emergency plan');
  return planView(deps.db, plan, deps.clock());
}

export async function createPlan({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'emergency_plan.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    if (!(await findCustomerName(tx, customerId))) throw notFound('customer');
    return planView(tx, await createPlanFromTemplate(tx, { actor, customerId, at: now }), now);
  });
}

/** A new version: the full content, who, when and why. Vendor team members must be active staff users. */
export async function savePlan({ deps, actor, customerId, input }: { deps: Deps; actor: Actor; customerId: string; input: SavePlanInput }) {
  authorize(actor, 'emergency_plan.manage');
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const plan = await findPlanOfCustomer(tx, customerId, { forUpdate: true });
    if (!plan) throw notFound('emergency plan');
    await checkVendorTeam(tx, input.content);
    const version = plan.version + 1;
    const row = await updatePlanRow(tx, plan.id, { content: input.content, version, updatedAt: now });
    await insertPlanVersion(tx, {
      planId: plan.id,
      version,
      content: input.content,
      changedById: actor.id,
      changedAt: now,
      reason: input.reason,
    });
    await insertAudit(tx, {
      ...audit('emergency_plan.update'),
      actorId: actor.id,
      entityId: plan.id,
      before: { version: plan.version },
      after: { version, reason: input.reason },
      at: now,
    });
    return planView(tx, row, now);
  });
}

async function checkVendorTeam(tx: Tx, content: PlanContent) {
  const ids = content.vendorTeam.map((m) => m.userId);
  if (new Set(ids).size !== ids.length) throw badInput('content.vendorTeam', 'a person is listed twice on the vendor team');
  const staff = await selectActiveStaffIds(tx, ids);
  const unknown = ids.find((id) => !staff.has(id));
  if (unknown) throw badInput('content.vendorTeam', `vendor team member ${unknown} is not an active staff user`);
}

export async function listPlanVersions({ deps, actor, customerId }: { deps: Deps; actor: Actor; customerId: string }) {
  authorize(actor, 'emergency_plan.read', { customerId }, 'emergency plan');
  const plan = await findPlanOfCustomer(deps.db, customerId);
  if (!plan) throw notFound('emergency plan');
  return { items: await selectPlanVersions(deps.db, plan.id) };
}

/** The dashboard: every plan, its last and next drill (at least every six months, 001 2.8), open incidents. */
export async function listPlans({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'emergency_plan.read');
  const now = deps.clock();
  const rows = await selectPlans(deps.db);
  const today = localDateOf(now, deps.config.timeZone);
  return {
    items: rows.map(({ createdAt, ...r }) => {
      const next = new Date(r.lastDrillAt ?? createdAt);
      next.setUTCMonth(next.getUTCMonth() + 6);
      return {
        ...r,
        nextDrillDue: next,
        drillOverdue: isDrillOverdue(r.lastDrillAt, createdAt, now),
        isTrainingDue: isQuarterlyTrainingDue(r.lastTrainingOn, today),
      };
    }),
  };
}

// ---------------------------------------------------------------- incidents

async function addEvent(
  tx: Tx,
  values: {
    incidentId: string;
    type: IncidentEventType;
    at: Date;
    actorId: string | null;
    body?: string | null;
    data?: Record<string, unknown>;
    isInternal?: boolean;
  },
) {
  await insertIncidentEvent(tx, { ...values, body: values.body ?? null, data: values.data ?? {}, isInternal: values.isInternal ?? false });
}

export async function declareIncident({ deps, actor, input }: { deps: Deps; actor: Actor; input: DeclareIncidentInput }) {
  authorize(actor, 'incident.declare');
  const now = deps.clock();
  const failedAt = input.failedAt ?? now;
  if (failedAt.getTime() > now.getTime()) throw badInput('failedAt', 'the failure time cannot be in the future');
  const { id, live } = await deps.db.transaction(async (tx) => {
    const ticket = await findTicketBrief(tx, input.ticketId);
    if (!ticket) throw notFound('request');
    if (await findOpenIncidentOfTicket(tx, ticket.id))
      throw new AppError('conflict', 'this request already has an open major incident', { ticketId: 'open_incident' });
    const plan =
      (await findPlanOfCustomer(tx, ticket.customerId, { forUpdate: true })) ??
      (await createPlanFromTemplate(tx, { actor, customerId: ticket.customerId, at: now }));
    const trigger = input.trigger as Trigger;
    const measureLevel = measureLevelOf(ticket.severity);
    const incident = await insertIncident(tx, {
      ticketId: ticket.id,
      customerId: ticket.customerId,
      planId: plan.id,
      planVersion: plan.version,
      trigger,
      measureLevel,
      status: 'open',
      isDrill: input.drill,
      alertsHospital: !input.drill || input.alertHospital,
      failedAt,
      declaredAt: now,
      declaredById: actor.id,
      scope: input.scope,
      impact: input.impact,
    });
    if (!incident) throw new AppError('conflict', 'this request already has an open major incident', { ticketId: 'open_incident' });
    await insertStages(
      tx,
      CONTINUITY_STAGES.map((stage) => ({ incidentId: incident.id, stage, dueAt: stageDueAt(failedAt, stage) })),
    );
    await insertDepartments(
      tx,
      plan.content.departments.map((d) => ({
        incidentId: incident.id,
        key: departmentKeyOf(d),
        name: d.name,
        nameEn: d.nameEn,
        stage: d.stage,
      })),
    );
    // 2.5 step 1 is done when the description and impact are recorded with the declaration.
    const hasImpact = input.impact.length > 0;
    await insertItems(tx, [
      ...ACTIVATION_STEPS.map((text, i) => ({
        incidentId: incident.id,
        kind: 'activation' as const,
        position: i + 1,
        text,
        ...(i === 0 && hasImpact ? { doneAt: now, doneById: actor.id } : {}),
      })),
      ...plan.content.playbooks[trigger].map((text, i) => ({ incidentId: incident.id, kind: 'playbook' as const, position: i + 1, text })),
      ...plan.content.measures[measureLevel].map((text, i) => ({
        incidentId: incident.id,
        kind: 'measure' as const,
        position: i + 1,
        text,
      })),
    ]);
    await addEvent(tx, {
      incidentId: incident.id,
      type: 'declared',
      at: now,
      actorId: actor.id,
      body: input.impact || null,
      data: { trigger, failedAt: failedAt.toISOString(), isDrill: input.drill, scope: input.scope, planVersion: plan.version },
    });
    await insertAudit(tx, {
      ...audit('incident.declare'),
      actorId: actor.id,
      entityId: incident.id,
      after: { ticketId: ticket.id, trigger, isDrill: input.drill },
      at: now,
    });
    // A failure declared late: stages already due fire now, dated when they were due.
    const live = await fireDueStages(tx, deps, incident, now);
    return { id: incident.id, live: [...live, incidentChanged(incident, actor.id)] };
  });
  publish(deps, live);
  return getIncident({ deps, actor, incidentId: id });
}

function publish(deps: Deps, events: LiveEvent[]) {
  for (const event of events) deps.live.publish(event);
}

/** The live event every change of an incident publishes: war rooms and the portal refetch it. */
function incidentChanged(incident: IncidentRow, actorId: string | null, isStaffOnly = false): LiveEvent {
  return {
    type: 'incident.updated',
    incidentId: incident.id,
    ticketId: incident.ticketId,
    customerId: incident.customerId,
    actorId,
    ...(isStaffOnly ? { isStaffOnly } : {}),
  };
}

/**
 * Fires the incident's due stages (the caller holds the incident row): departments of the stage go manual
 * from the stage's due time, the stage records its due time as `firedAt` (and `recordedAt` when written),
 * and the vendor team and the hospital's users are notified (a drill alerts the hospital only when chosen).
 */
async function fireDueStages(tx: Tx, deps: Deps, incident: IncidentRow, now: Date): Promise<LiveEvent[]> {
  const stages = await selectStages(tx, incident.id);
  const due = stagesToFire(stages, { now, recoveredAt: incident.recoveredAt });
  if (due.length === 0) return [];
  const plan = await findPlanOfCustomer(tx, incident.customerId);
  const customerName = (await findCustomerName(tx, incident.customerId)) ?? '';
  const recipients = [
    ...(plan?.content.vendorTeam.map((m) => m.userId) ?? []),
    incident.declaredById,
    ...(incident.alertsHospital ? await selectCustomerUserIds(tx, incident.customerId) : []),
  ];
  const hospitalContacts = (plan?.content.hospitalTeam ?? []).map((m) => `${m.name} ${m.phone}`).join('；');
  const live: LiveEvent[] = [];
  for (const stage of due) {
    const sent = await sendStageToPaper(tx, incident.id, stage.stage, stage.dueAt);
    const departments = sent.map((d) => d.name);
    await markStageFired(tx, incident.id, stage.stage, { firedAt: stage.dueAt, recordedAt: now, departments });
    await addEvent(tx, {
      incidentId: incident.id,
      type: 'stage_fired',
      at: stage.dueAt,
      actorId: null,
      body: hospitalContacts || null,
      data: { stage: stage.stage, dueAt: stage.dueAt.toISOString(), recordedAt: now.toISOString(), departments },
    });
    live.push(
      ...(await notifyUsers(tx, deps, {
        userIds: recipients,
        ticketId: incident.ticketId,
        at: now,
        ...notification.incidentStage({
          incidentId: incident.id,
          customerName,
          stage: stage.stage,
          dueAt: stage.dueAt.toISOString(),
          departments: departments.join('、'),
          isDrill: incident.isDrill,
        }),
      })),
    );
  }
  live.push(incidentChanged(incident, null));
  return live;
}

/** The continuity clocks' job: every incident with a stage due fires it once (late after a restart, with its real due time). */
export async function runContinuityTick({ deps, now }: { deps: Deps; now?: Date }) {
  const at = now ?? deps.clock();
  let fired = 0;
  for (;;) {
    const ids = await selectIncidentsWithDueStages(deps.db, at, 50);
    if (ids.length === 0) break;
    let progressed = false;
    for (const id of ids) {
      const live = await deps.db.transaction(async (tx) => {
        const incident = await findIncident(tx, id, { forUpdate: true });
        if (!incident || incident.status === 'closed') return [];
        const before = (await selectStages(tx, id)).filter((s) => s.firedAt).length;
        const events = await fireDueStages(tx, deps, incident, at);
        const after = (await selectStages(tx, id)).filter((s) => s.firedAt).length;
        if (after > before) progressed = true;
        fired += after - before;
        return events;
      });
      publish(deps, live);
    }
    if (!progressed) break;
  }
  return { fired };
}

/** Loads an incident the actor may see (another hospital's is a 404), optionally locked. */
async function loadIncident(
  tx: Tx,
  actor: Actor,
  incidentId: string,
  options: { forUpdate?: boolean; action?: 'incident.read' | 'incident.work' } = {},
) {
  const incident = await findIncident(tx, incidentId, { forUpdate: options.forUpdate });
  authorize(actor, 'incident.read', { customerId: incident?.customerId ?? null }, 'incident');
  if (!incident) throw notFound('incident');
  if (options.action === 'incident.work') authorize(actor, 'incident.work', { customerId: incident.customerId }, 'incident');
  return incident;
}

function notClosed(incident: IncidentRow) {
  if (incident.status === 'closed') throw new AppError('conflict', 'the incident is closed');
}

export async function listIncidents({ deps, actor, filter }: { deps: Deps; actor: Actor; filter: ListIncidentsFilter }) {
  const scope = customerScope(actor);
  authorize(actor, 'incident.read', scope ? { customerId: scope } : undefined);
  if (scope && filter.customerId && filter.customerId !== scope) return { items: [] };
  const rows = await selectIncidents(deps.db, { ...filter, customerId: scope ?? filter.customerId });
  return {
    items: rows.map((r) => ({
      ...summaryOf(r.incident),
      ticketNumber: r.ticketNumber,
      ticketTitle: r.ticketTitle,
      customerName: r.customerName,
      departmentsOnPaper: r.onPaper.map((d) => d.name),
      onPaper: r.onPaper,
      reentry: { total: r.reentryTotal, finished: r.reentryFinished },
    })),
  };
}

function summaryOf(i: IncidentRow) {
  return {
    id: i.id,
    ticketId: i.ticketId,
    customerId: i.customerId,
    trigger: i.trigger,
    status: i.status,
    isDrill: i.isDrill,
    alertsHospital: i.alertsHospital,
    failedAt: i.failedAt,
    declaredAt: i.declaredAt,
    recoveredAt: i.recoveredAt,
    closedAt: i.closedAt,
    activatedAt: i.activatedAt,
  };
}

export async function getIncident({ deps, actor, incidentId }: { deps: Deps; actor: Actor; incidentId: string }): Promise<IncidentDetail> {
  const incident = await loadIncident(deps.db, actor, incidentId);
  return incidentDetail(deps.db, actor, incident, deps.clock(), deps.config.timeZone);
}

/** The whole incident for the war room; a hospital user gets it without internal notes and events. */
export async function incidentDetail(tx: Tx, actor: Actor, incident: IncidentRow, now: Date, timeZone: string): Promise<IncidentDetail> {
  const internal = can(actor, 'incident.read_internal');
  // One after the other: inside a transaction the queries share one connection.
  const stages = await selectStages(tx, incident.id);
  const departments = await selectDepartments(tx, incident.id);
  const items = await selectItems(tx, incident.id);
  const events = await selectIncidentEvents(tx, incident.id, { includeInternal: internal });
  const plan = await findPlanOfCustomer(tx, incident.customerId);
  const ticket = await findTicketBrief(tx, incident.ticketId);
  const customerName = await findCustomerName(tx, incident.customerId);
  const actions = internal ? await selectActions(tx, incident.id) : [];
  const vendorTeam = plan?.content.vendorTeam ?? [];
  const names = await selectUserNames(tx, [
    incident.declaredById,
    ...vendorTeam.map((m) => m.userId),
    ...items.flatMap((i) => (i.doneById ? [i.doneById] : [])),
    ...departments.flatMap((d) => (d.reentryEngineerId ? [d.reentryEngineerId] : [])),
    ...events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
    ...actions.map((a) => a.ownerId),
  ]);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const byStage = (stage: ContinuityStage) => departments.filter((d) => d.stage === stage).map((d) => d.name);
  return {
    ...summaryOf(incident),
    ticketNumber: ticket?.number ?? '',
    ticketTitle: ticket?.title ?? '',
    customerName: customerName ?? '',
    departmentsOnPaper: departments.filter((d) => d.manualFrom && !d.backAt).map((d) => d.name),
    onPaper: departments.filter((d) => d.manualFrom && !d.backAt).map((d) => ({ key: d.key, name: d.name, nameEn: d.nameEn })),
    reentry: {
      total: departments.filter((d) => d.manualFrom).length,
      finished: departments.filter((d) => d.manualFrom && (d.reentryState === 'done' || d.reentryState === 'waived')).length,
    },
    measureLevel: incident.measureLevel,
    planVersion: incident.planVersion,
    declaredBy: person(incident.declaredById) ?? { id: incident.declaredById, name: '' },
    scope: incident.scope,
    impact: incident.impact,
    cause: incident.cause,
    actionsTaken: incident.actionsTaken,
    prevention: incident.prevention,
    accountability: internal ? incident.accountability : '',
    drillParticipants: incident.drillParticipants,
    drillEvaluation: incident.drillEvaluation,
    continuity: stages.map((s) => ({
      stage: s.stage,
      dueAt: s.dueAt,
      firedAt: s.firedAt,
      departments: s.firedAt ? s.departments : byStage(s.stage),
    })),
    nextStage: nextStage(stages, { now, recoveredAt: incident.recoveredAt }),
    departments: departments.map((d) => ({
      id: d.id,
      key: d.key,
      name: d.name,
      nameEn: d.nameEn,
      stage: d.stage,
      manualFrom: d.manualFrom,
      backAt: d.backAt,
      minutesOnPaper: minutesOnPaper(d.manualFrom, d.backAt, now),
      reentryState: d.reentryState,
      reentryEngineer: person(d.reentryEngineerId),
      reentryStartedAt: d.reentryStartedAt,
      reentryDoneAt: d.reentryDoneAt,
      reentryNote: internal ? d.reentryNote : null,
      waivedReason: d.waivedReason,
    })),
    reentryOutstanding: reentryOutstanding(departments),
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      position: i.position,
      text: i.text,
      doneAt: i.doneAt,
      doneBy: internal ? person(i.doneById) : null,
      note: internal ? i.note : null,
    })),
    vendorTeam: vendorTeam.map((m) => ({ userId: m.userId, name: names.get(m.userId) ?? '', designation: m.designation, phone: m.phone })),
    hospitalTeam: plan?.content.hospitalTeam ?? [],
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at,
      actor: internal ? person(e.actorId) : null,
      body: e.body,
      data: e.data,
      isInternal: e.isInternal,
    })),
    mayActivate: mayActivatePlan(
      actor,
      vendorTeam.map((m) => m.userId),
    ),
    actions: actions.map((a) => ({
      id: a.id,
      description: a.description,
      owner: person(a.ownerId) ?? { id: a.ownerId, name: '' },
      dueDate: a.dueDate,
      doneAt: a.doneAt,
      doneNote: a.doneNote,
      isOverdue: !a.doneAt && a.dueDate < localDateOf(now, timeZone),
    })),
  };
}

/** Runs one change on a locked incident the actor may work, then answers the incident as it now is. */
async function change(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  work: (tx: Tx, incident: IncidentRow, now: Date) => Promise<LiveEvent[] | undefined>,
  options: { isStaffOnly?: boolean | (() => boolean) } = {},
): Promise<IncidentDetail> {
  const now = deps.clock();
  const { detail, live } = await deps.db.transaction(async (tx) => {
    const incident = await loadIncident(tx, actor, incidentId, { forUpdate: true, action: 'incident.work' });
    const live = (await work(tx, incident, now)) ?? [];
    const fresh = (await findIncident(tx, incidentId)) ?? incident;
    const isStaffOnly = typeof options.isStaffOnly === 'function' ? options.isStaffOnly() : Boolean(options.isStaffOnly);
    // Every change tells the war rooms (and, unless only internal data changed, the hospital's portal) to refetch.
    live.push(incidentChanged(fresh, actor.id, isStaffOnly));
    return { detail: await incidentDetail(tx, actor, fresh, now, deps.config.timeZone), live };
  });
  publish(deps, live);
  return detail;
}

/** Ticks a checklist item. Step 3 of the activation (2.5) only by a manager or a member of the plan's vendor team. */
export async function tickItem({
  deps,
  actor,
  incidentId,
  itemId,
  note,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  itemId: string;
  note?: string;
}) {
  let isInternal = false;
  return change(
    deps,
    actor,
    incidentId,
    async (tx, incident, now) => {
      notClosed(incident);
      const item = await findItem(tx, incident.id, itemId);
      if (!item) throw notFound('checklist item');
      if (item.doneAt) throw new AppError('conflict', 'this item is already done');
      const isActivation = item.kind === 'activation' && item.position === ACTIVATE_STEP;
      if (isActivation) {
        const plan = await findPlanOfCustomer(tx, incident.customerId);
        if (!mayActivatePlan(actor, plan?.content.vendorTeam.map((m) => m.userId) ?? [])) {
          throw new AppError('forbidden', 'only a manager or a member of the vendor team may activate the plan');
        }
        await updateIncidentRow(tx, incident.id, { activatedAt: now });
      }
      await updateItemRow(tx, item.id, { doneAt: now, doneById: actor.id, note: note || null });
      await addEvent(tx, {
        incidentId: incident.id,
        type: 'item_done',
        at: now,
        actorId: actor.id,
        body: note || null,
        data: { kind: item.kind, position: item.position, text: item.text },
        // The hospital sees the activation procedure; playbook and measures are the vendor's working notes.
        isInternal: item.kind !== 'activation' || Boolean(note),
      });
      isInternal = item.kind !== 'activation';
      return undefined;
    },
    { isStaffOnly: () => isInternal },
  );
}

/** The system is back: no further stage fires; departments still on paper come back at the recovery instant. */
export async function recoverIncident({
  deps,
  actor,
  incidentId,
  recoveredAt,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  recoveredAt?: Date;
}) {
  return change(deps, actor, incidentId, async (tx, incident, now) => {
    if (incident.status !== 'open') throw new AppError('conflict', 'the incident is not open');
    const at = recoveredAt ?? now;
    if (at.getTime() > now.getTime()) throw badInput('recoveredAt', 'the recovery time cannot be in the future');
    if (at.getTime() < incident.failedAt.getTime()) throw badInput('recoveredAt', 'the recovery time is before the failure');
    // Stages due before the recovery and not announced yet (the job had not run) are recorded first.
    const live = await fireDueStages(tx, deps, { ...incident, recoveredAt: at }, now);
    const lastManual = (await selectDepartments(tx, incident.id)).reduce((m, d) => Math.max(m, d.manualFrom?.getTime() ?? 0), 0);
    if (at.getTime() < lastManual) throw badInput('recoveredAt', 'the recovery time is before a department went manual');
    await updateIncidentRow(tx, incident.id, { status: 'recovered', recoveredAt: at });
    const back = await markDepartmentsBack(tx, incident.id, at);
    await addEvent(tx, {
      incidentId: incident.id,
      type: 'recovered',
      at,
      actorId: actor.id,
      data: { departments: back.map((d) => d.name) },
    });
    return live;
  });
}

/** One department back on the computer before the whole recovery. */
export async function departmentBack({
  deps,
  actor,
  incidentId,
  departmentId,
  at,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  departmentId: string;
  at?: Date;
}) {
  return change(deps, actor, incidentId, async (tx, incident, now) => {
    notClosed(incident);
    const department = await findDepartment(tx, incident.id, departmentId);
    if (!department) throw notFound('department');
    if (!department.manualFrom || department.backAt) throw new AppError('conflict', 'this department is not working on paper');
    const back = at ?? now;
    if (back.getTime() > now.getTime() || back.getTime() < department.manualFrom.getTime()) {
      throw badInput('at', 'the time must be between going manual and now');
    }
    await updateDepartmentRow(tx, department.id, { backAt: back });
    await addEvent(tx, {
      incidentId: incident.id,
      type: 'department_back',
      at: back,
      actorId: actor.id,
      data: { department: department.name },
    });
    return undefined;
  });
}

/** 补录: a department that worked by hand re-enters its data (started, guided by an engineer, done) or is waived with a reason. */
export async function updateReentry({
  deps,
  actor,
  incidentId,
  departmentId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  departmentId: string;
  input: ReentryInput;
}) {
  return change(deps, actor, incidentId, async (tx, incident, now) => {
    notClosed(incident);
    if (incident.status !== 'recovered') throw new AppError('conflict', '补录 starts after the system is recovered');
    const department = await findDepartment(tx, incident.id, departmentId);
    if (!department) throw notFound('department');
    if (!department.manualFrom) throw new AppError('conflict', 'this department did not work on paper');
    const engineerId = input.engineerId ?? department.reentryEngineerId ?? actor.id;
    if (input.engineerId && !(await selectActiveStaffIds(tx, [input.engineerId])).has(input.engineerId)) {
      throw badInput('engineerId', 'the engineer must be an active staff user');
    }
    await updateDepartmentRow(tx, department.id, {
      reentryState: input.state,
      reentryEngineerId: input.state === 'waived' ? department.reentryEngineerId : engineerId,
      reentryStartedAt: department.reentryStartedAt ?? (input.state === 'waived' ? null : now),
      reentryDoneAt: input.state === 'done' ? now : null,
      reentryNote: input.note ?? department.reentryNote,
      waivedReason: input.state === 'waived' ? (input.reason ?? null) : null,
    });
    await addEvent(tx, {
      incidentId: incident.id,
      type: 'reentry',
      at: now,
      actorId: actor.id,
      body: input.state === 'waived' ? (input.reason ?? null) : null,
      data: { department: department.name, state: input.state },
    });
    return undefined;
  });
}

export async function updateReportFields({
  deps,
  actor,
  incidentId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  input: ReportFieldsInput;
}) {
  return change(
    deps,
    actor,
    incidentId,
    async (tx, incident) => {
      await updateIncidentRow(tx, incident.id, input);
      return undefined;
    },
    { isStaffOnly: true },
  );
}

export async function addIncidentNote({ deps, actor, incidentId, body }: { deps: Deps; actor: Actor; incidentId: string; body: string }) {
  return change(
    deps,
    actor,
    incidentId,
    async (tx, incident, now) => {
      await addEvent(tx, { incidentId: incident.id, type: 'note', at: now, actorId: actor.id, body, isInternal: true });
      return undefined;
    },
    { isStaffOnly: true },
  );
}

/** Closing needs the system recovered and every department that went manual re-entered or waived. A drill closed is the plan's last drill. */
export async function closeIncident({ deps, actor, incidentId }: { deps: Deps; actor: Actor; incidentId: string }) {
  return change(deps, actor, incidentId, async (tx, incident, now) => {
    notClosed(incident);
    if (incident.status !== 'recovered') throw new AppError('conflict', 'the system is not recovered yet', { status: 'not_recovered' });
    const outstanding = (await selectDepartments(tx, incident.id)).filter(
      (d) => d.manualFrom && d.reentryState !== 'done' && d.reentryState !== 'waived',
    );
    if (outstanding.length > 0) {
      throw new AppError(
        'conflict',
        `补录 outstanding: ${outstanding.map((d) => d.name).join(', ')}`,
        { reentry: 'outstanding' },
        {
          departments: outstanding.map((d) => d.name),
        },
      );
    }
    await updateIncidentRow(tx, incident.id, { status: 'closed', closedAt: now });
    if (incident.isDrill) {
      const plan = await findPlanOfCustomer(tx, incident.customerId, { forUpdate: true });
      if (plan) await updatePlanRow(tx, plan.id, { lastDrillAt: now });
    }
    await addEvent(tx, { incidentId: incident.id, type: 'closed', at: now, actorId: actor.id });
    await insertAudit(tx, { ...audit('incident.close'), actorId: actor.id, entityId: incident.id, at: now });
    return undefined;
  });
}

// ---------------------------------------------------------------- after the incident (001 2.10)

/** A corrective or preventive action with its owner and due date; the owner is reminded by the daily job when it falls due. */
export async function addCorrectiveAction({
  deps,
  actor,
  incidentId,
  input,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  input: CorrectiveActionInput;
}) {
  return change(
    deps,
    actor,
    incidentId,
    async (tx, incident, now) => {
      if (!(await selectActiveStaffIds(tx, [input.ownerId])).has(input.ownerId))
        throw badInput('ownerId', 'the owner must be an active staff user');
      await insertAction(tx, {
        incidentId: incident.id,
        description: input.description,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        createdById: actor.id,
        createdAt: now,
      });
      await addEvent(tx, {
        incidentId: incident.id,
        type: 'note',
        at: now,
        actorId: actor.id,
        body: input.description,
        data: { action: 'added', dueDate: input.dueDate },
        isInternal: true,
      });
      return undefined;
    },
    { isStaffOnly: true },
  );
}

export async function completeCorrectiveAction({
  deps,
  actor,
  incidentId,
  actionId,
  note,
}: {
  deps: Deps;
  actor: Actor;
  incidentId: string;
  actionId: string;
  note?: string;
}) {
  return change(
    deps,
    actor,
    incidentId,
    async (tx, incident, now) => {
      const action = await findAction(tx, incident.id, actionId);
      if (!action) throw notFound('corrective action');
      if (action.doneAt) throw new AppError('conflict', 'this action is already done');
      await updateActionRow(tx, action.id, { doneAt: now, doneNote: note || null });
      return undefined;
    },
    { isStaffOnly: true },
  );
}

/**
 * The daily emergency job: owners of corrective actions due today or earlier are reminded once; managers are told
 * once per overdue period when a plan has had no drill for six months (001 2.8 (2)).
 */
export async function runEmergencyReminders({ deps, now }: { deps: Deps; now?: Date }) {
  const at = now ?? deps.clock();
  const today = localDateOf(at, deps.config.timeZone);
  const live = await deps.db.transaction(async (tx) => {
    const events: LiveEvent[] = [];
    let actions = 0;
    let drills = 0;
    for (const due of await selectDueActions(tx, today)) {
      await updateActionRow(tx, due.action.id, { remindedAt: at });
      events.push(
        ...(await notifyUsers(tx, deps, {
          userIds: [due.action.ownerId],
          ticketId: due.ticketId,
          at,
          ...notification.correctiveActionDue({
            incidentId: due.action.incidentId,
            actionId: due.action.id,
            customerName: due.customerName,
            description: due.action.description,
            dueDate: due.action.dueDate,
          }),
        })),
      );
      actions += 1;
    }
    const managers = await selectManagerIds(tx);
    for (const { plan, customerName } of await selectPlansForDrillCheck(tx)) {
      if (!isDrillOverdue(plan.lastDrillAt, plan.createdAt, at)) continue;
      // Once per overdue period: a reminder after the last drill (or the plan's creation) counts.
      const since = plan.lastDrillAt ?? plan.createdAt;
      if (plan.drillRemindedAt && plan.drillRemindedAt.getTime() > since.getTime()) continue;
      await updatePlanRow(tx, plan.id, { drillRemindedAt: at });
      events.push(
        ...(await notifyUsers(tx, deps, {
          userIds: managers,
          ticketId: null,
          at,
          ...notification.drillDue({ customerId: plan.customerId, customerName, lastDrillAt: plan.lastDrillAt?.toISOString() ?? null }),
        })),
      );
      drills += 1;
    }
    return { events, actions, drills };
  });
  publish(deps, live.events);
  return { actions: live.actions, drills: live.drills };
}

/**
 * The quarterly emergency-team training reminder (001 2.8 (1)): for each plan whose customer has had no emergency
 * training this quarter (the dashboard's flag), the service department manager(s) — by designation, else the
 * managers — are told once per quarter. The quarter is recorded on the plan in the same transaction, so a restart
 * or a second run sends nothing twice.
 */
export async function runTrainingReminders({ deps, now }: { deps: Deps; now?: Date }) {
  const at = now ?? deps.clock();
  const today = localDateOf(at, deps.config.timeZone);
  const { events, reminded } = await deps.db.transaction(async (tx) => {
    const events: LiveEvent[] = [];
    let reminded = 0;
    const plans = await selectPlansForTrainingCheck(tx);
    if (plans.length === 0) return { events, reminded };
    const designated = await selectServiceManagerIds(tx);
    const recipients = designated.length > 0 ? designated : await selectManagerIds(tx);
    for (const { plan, customerName, lastTrainingOn } of plans) {
      const quarter = trainingReminderQuarter({ lastTrainingOn, today, remindedQuarter: plan.trainingRemindedQuarter });
      if (!quarter) continue;
      await updatePlanRow(tx, plan.id, { trainingRemindedQuarter: quarter });
      events.push(
        ...(await notifyUsers(tx, deps, {
          userIds: recipients,
          ticketId: null,
          at,
          ...notification.emergencyTrainingDue({ customerId: plan.customerId, customerName, quarter }),
        })),
      );
      reminded += 1;
    }
    return { events, reminded };
  });
  publish(deps, events);
  return { reminded };
}

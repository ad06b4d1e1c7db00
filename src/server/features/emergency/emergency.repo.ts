import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { ContinuityStage, DepartmentKey, PlanContent } from '../../../domain/emergency/template.ts';
import type { Tx } from '../../db/client.ts';
import {
  customers,
  emergencyPlans,
  emergencyPlanVersions,
  incidentActions,
  incidentDepartments,
  incidentEvents,
  incidentItems,
  incidentStages,
  incidents,
  tickets,
  users,
} from '../../db/schema.ts';

export type IncidentRow = typeof incidents.$inferSelect;
export type PlanRow = typeof emergencyPlans.$inferSelect;

// ---- plans ----

export async function findPlanOfCustomer(tx: Tx, customerId: string, options: { forUpdate?: boolean } = {}) {
  const query = tx.select().from(emergencyPlans).where(eq(emergencyPlans.customerId, customerId));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertPlan(tx: Tx, values: { customerId: string; content: PlanContent; at: Date }) {
  const [row] = await tx
    .insert(emergencyPlans)
    .values({ customerId: values.customerId, content: values.content, version: 1, createdAt: values.at, updatedAt: values.at })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updatePlanRow(
  tx: Tx,
  id: string,
  patch: Partial<Pick<PlanRow, 'content' | 'version' | 'lastDrillAt' | 'drillRemindedAt' | 'trainingRemindedQuarter' | 'updatedAt'>>,
) {
  const [row] = await tx.update(emergencyPlans).set(patch).where(eq(emergencyPlans.id, id)).returning();
  return row;
}

export async function insertPlanVersion(tx: Tx, values: typeof emergencyPlanVersions.$inferInsert) {
  await tx.insert(emergencyPlanVersions).values(values);
}

export async function selectPlanVersions(tx: Tx, planId: string) {
  return tx
    .select({
      version: emergencyPlanVersions.version,
      changedAt: emergencyPlanVersions.changedAt,
      changedBy: { id: users.id, name: users.name },
      reason: emergencyPlanVersions.reason,
      content: emergencyPlanVersions.content,
    })
    .from(emergencyPlanVersions)
    .innerJoin(users, eq(users.id, emergencyPlanVersions.changedById))
    .where(eq(emergencyPlanVersions.planId, planId))
    .orderBy(desc(emergencyPlanVersions.version));
}

export async function selectPlans(tx: Tx) {
  const openIncidents = sql<number>`(select count(*)::int from ${incidents} where ${incidents.planId} = ${emergencyPlans.id} and ${incidents.status} <> 'closed')`;
  return tx
    .select({
      id: emergencyPlans.id,
      customerId: emergencyPlans.customerId,
      customerName: customers.name,
      version: emergencyPlans.version,
      lastDrillAt: emergencyPlans.lastDrillAt,
      createdAt: emergencyPlans.createdAt,
      openIncidents,
      // The emergency team's quarterly training (features/trainings records it as kind emergency_quarterly).
      lastTrainingOn: sql<
        string | null
      >`(select max(s.session_date)::text from training_sessions s where s.customer_id = ${emergencyPlans.customerId} and s.kind = 'emergency_quarterly')`,
      openActions: sql<number>`(select count(*)::int from ${incidentActions} a join ${incidents} i on i.id = a.incident_id where i.plan_id = ${emergencyPlans.id} and a.done_at is null)`,
    })
    .from(emergencyPlans)
    .innerJoin(customers, eq(customers.id, emergencyPlans.customerId))
    .orderBy(asc(customers.name));
}

export async function findCustomerName(tx: Tx, customerId: string) {
  const [row] = await tx.select({ name: customers.name }).from(customers).where(eq(customers.id, customerId));
  return row?.name;
}

export async function selectUserNames(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active staff among these ids (the vendor team must name staff users). */
export async function selectActiveStaffIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...new Set(ids)]), ne(users.role, 'customer'), eq(users.isActive, true)));
  return new Set(rows.map((r) => r.id));
}

/** The hospital's own users: told when a stage sends their departments to paper. */
export async function selectCustomerUserIds(tx: Tx, customerId: string) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.customerId, customerId), eq(users.role, 'customer'), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}

// ---- incidents ----

export async function findTicketBrief(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, severity: tickets.severity, customerId: tickets.customerId })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  return row;
}

export async function findOpenIncidentOfTicket(tx: Tx, ticketId: string) {
  const [row] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.ticketId, ticketId), ne(incidents.status, 'closed')));
  return row;
}

/** Null when the ticket already has an open incident (the partial unique index decides under concurrency). */
export async function insertIncident(tx: Tx, values: typeof incidents.$inferInsert) {
  const [row] = await tx.insert(incidents).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function insertStages(tx: Tx, values: (typeof incidentStages.$inferInsert)[]) {
  await tx.insert(incidentStages).values(values);
}
export async function insertDepartments(tx: Tx, values: (typeof incidentDepartments.$inferInsert)[]) {
  if (values.length > 0) await tx.insert(incidentDepartments).values(values);
}
export async function insertItems(tx: Tx, values: (typeof incidentItems.$inferInsert)[]) {
  if (values.length > 0) await tx.insert(incidentItems).values(values);
}
export async function insertIncidentEvent(tx: Tx, values: typeof incidentEvents.$inferInsert) {
  await tx.insert(incidentEvents).values(values);
}

export async function findIncident(tx: Tx, id: string, options: { forUpdate?: boolean } = {}) {
  const query = tx.select().from(incidents).where(eq(incidents.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateIncidentRow(tx: Tx, id: string, patch: Partial<IncidentRow>) {
  const [row] = await tx.update(incidents).set(patch).where(eq(incidents.id, id)).returning();
  return row;
}

export async function selectIncidents(tx: Tx, filter: { status: 'open' | 'closed' | 'all'; customerId?: string; ticketId?: string }) {
  const conditions: SQL[] = [];
  if (filter.status === 'open') conditions.push(ne(incidents.status, 'closed'));
  if (filter.status === 'closed') conditions.push(eq(incidents.status, 'closed'));
  if (filter.customerId) conditions.push(eq(incidents.customerId, filter.customerId));
  if (filter.ticketId) conditions.push(eq(incidents.ticketId, filter.ticketId));
  return tx
    .select({
      incident: incidents,
      ticketNumber: tickets.number,
      ticketTitle: tickets.title,
      customerName: customers.name,
      reentryTotal: sql<number>`(select count(*)::int from ${incidentDepartments} d where d.incident_id = ${incidents.id} and d.manual_from is not null)`,
      reentryFinished: sql<number>`(select count(*)::int from ${incidentDepartments} d where d.incident_id = ${incidents.id} and d.manual_from is not null and d.reentry_state in ('done', 'waived'))`,
      onPaper: sql<
        { key: DepartmentKey | null; name: string; nameEn: string }[]
      >`coalesce((select json_agg(json_build_object('key', d.key, 'name', d.name, 'nameEn', d.name_en) order by d.name) from ${incidentDepartments} d where d.incident_id = ${incidents.id} and d.manual_from is not null and d.back_at is null), '[]'::json)`,
    })
    .from(incidents)
    .innerJoin(tickets, eq(tickets.id, incidents.ticketId))
    .innerJoin(customers, eq(customers.id, incidents.customerId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(incidents.declaredAt))
    .limit(200);
}

export async function selectStages(tx: Tx, incidentId: string) {
  return tx.select().from(incidentStages).where(eq(incidentStages.incidentId, incidentId)).orderBy(asc(incidentStages.dueAt));
}
export async function selectDepartments(tx: Tx, incidentId: string) {
  return tx
    .select()
    .from(incidentDepartments)
    .where(eq(incidentDepartments.incidentId, incidentId))
    .orderBy(asc(incidentDepartments.stage), asc(incidentDepartments.name));
}
export async function selectItems(tx: Tx, incidentId: string) {
  return tx
    .select()
    .from(incidentItems)
    .where(eq(incidentItems.incidentId, incidentId))
    .orderBy(asc(incidentItems.kind), asc(incidentItems.position));
}
export async function selectIncidentEvents(tx: Tx, incidentId: string, options: { includeInternal: boolean }) {
  const conditions = [eq(incidentEvents.incidentId, incidentId)];
  if (!options.includeInternal) conditions.push(eq(incidentEvents.isInternal, false));
  return tx
    .select()
    .from(incidentEvents)
    .where(and(...conditions))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
}

export async function findItem(tx: Tx, incidentId: string, itemId: string) {
  const [row] = await tx
    .select()
    .from(incidentItems)
    .where(and(eq(incidentItems.id, itemId), eq(incidentItems.incidentId, incidentId)));
  return row;
}
export async function updateItemRow(tx: Tx, itemId: string, patch: Partial<typeof incidentItems.$inferInsert>) {
  await tx.update(incidentItems).set(patch).where(eq(incidentItems.id, itemId));
}

export async function findDepartment(tx: Tx, incidentId: string, departmentId: string) {
  const [row] = await tx
    .select()
    .from(incidentDepartments)
    .where(and(eq(incidentDepartments.id, departmentId), eq(incidentDepartments.incidentId, incidentId)));
  return row;
}
export async function updateDepartmentRow(tx: Tx, departmentId: string, patch: Partial<typeof incidentDepartments.$inferInsert>) {
  await tx.update(incidentDepartments).set(patch).where(eq(incidentDepartments.id, departmentId));
}

/** Departments still on paper get their back-at (the recovery instant). */
export async function markDepartmentsBack(tx: Tx, incidentId: string, at: Date) {
  return tx
    .update(incidentDepartments)
    .set({ backAt: at })
    .where(
      and(
        eq(incidentDepartments.incidentId, incidentId),
        sql`${incidentDepartments.manualFrom} is not null`,
        isNull(incidentDepartments.backAt),
      ),
    )
    .returning({ name: incidentDepartments.name });
}

/** Departments of a stage not yet on paper go manual from the stage's due time. */
export async function sendStageToPaper(tx: Tx, incidentId: string, stage: ContinuityStage, from: Date) {
  return tx
    .update(incidentDepartments)
    .set({ manualFrom: from })
    .where(
      and(eq(incidentDepartments.incidentId, incidentId), eq(incidentDepartments.stage, stage), isNull(incidentDepartments.manualFrom)),
    )
    .returning({ name: incidentDepartments.name });
}

/** Incidents with a stage due at `now`, not closed, whose system was not back before the due time. */
export async function selectIncidentsWithDueStages(tx: Tx, now: Date, limit: number) {
  const rows = await tx
    .selectDistinct({ incidentId: incidentStages.incidentId })
    .from(incidentStages)
    .innerJoin(incidents, eq(incidents.id, incidentStages.incidentId))
    .where(
      and(
        isNull(incidentStages.firedAt),
        lte(incidentStages.dueAt, now),
        ne(incidents.status, 'closed'),
        or(isNull(incidents.recoveredAt), sql`${incidentStages.dueAt} < ${incidents.recoveredAt}`),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.incidentId);
}

export async function markStageFired(
  tx: Tx,
  incidentId: string,
  stage: ContinuityStage,
  values: { firedAt: Date; recordedAt: Date; departments: string[] },
) {
  await tx
    .update(incidentStages)
    .set(values)
    .where(and(eq(incidentStages.incidentId, incidentId), eq(incidentStages.stage, stage)));
}

// ---- corrective actions and reminders ----

export async function insertAction(tx: Tx, values: typeof incidentActions.$inferInsert) {
  const [row] = await tx.insert(incidentActions).values(values).returning();
  return row;
}
export async function selectActions(tx: Tx, incidentId: string) {
  return tx
    .select()
    .from(incidentActions)
    .where(eq(incidentActions.incidentId, incidentId))
    .orderBy(asc(incidentActions.dueDate), asc(incidentActions.createdAt));
}
export async function findAction(tx: Tx, incidentId: string, actionId: string) {
  const [row] = await tx
    .select()
    .from(incidentActions)
    .where(and(eq(incidentActions.id, actionId), eq(incidentActions.incidentId, incidentId)));
  return row;
}
export async function updateActionRow(tx: Tx, actionId: string, patch: Partial<typeof incidentActions.$inferInsert>) {
  await tx.update(incidentActions).set(patch).where(eq(incidentActions.id, actionId));
}

/** Open actions due on or before `today` whose owner was not reminded yet; locked so each reminder goes once. */
export async function selectDueActions(tx: Tx, today: string) {
  return tx
    .select({ action: incidentActions, customerId: incidents.customerId, ticketId: incidents.ticketId, customerName: customers.name })
    .from(incidentActions)
    .innerJoin(incidents, eq(incidents.id, incidentActions.incidentId))
    .innerJoin(customers, eq(customers.id, incidents.customerId))
    .where(and(isNull(incidentActions.doneAt), isNull(incidentActions.remindedAt), lte(incidentActions.dueDate, today)))
    .for('update', { of: incidentActions, skipLocked: true });
}

export async function selectPlansForDrillCheck(tx: Tx) {
  return tx
    .select({ plan: emergencyPlans, customerName: customers.name })
    .from(emergencyPlans)
    .innerJoin(customers, eq(customers.id, emergencyPlans.customerId))
    .for('update', { of: emergencyPlans, skipLocked: true });
}

/** Every plan with the customer's last emergency-team training (features/trainings, kind emergency_quarterly), locked for the reminder. */
export async function selectPlansForTrainingCheck(tx: Tx) {
  return tx
    .select({
      plan: emergencyPlans,
      customerName: customers.name,
      lastTrainingOn: sql<
        string | null
      >`(select max(s.session_date)::text from training_sessions s where s.customer_id = ${emergencyPlans.customerId} and s.kind = 'emergency_quarterly')`,
    })
    .from(emergencyPlans)
    .innerJoin(customers, eq(customers.id, emergencyPlans.customerId))
    .for('update', { of: emergencyPlans, skipLocked: true });
}

/** Active staff users with a designation (001 2.2), in name order: a new plan's vendor team. */
export async function selectDesignatedStaff(tx: Tx) {
  return tx
    .select({ id: users.id, designation: users.designation })
    .from(users)
    .where(and(isNotNull(users.designation), ne(users.role, 'customer'), eq(users.isActive, true)))
    .orderBy(asc(users.name), asc(users.id));
}

/** The users designated service department manager (active staff): told when the quarter's emergency training is due. */
export async function selectServiceManagerIds(tx: Tx) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.designation, 'service_department_manager'), ne(users.role, 'customer'), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}

/** Managers and administrators: told when a plan's drill is overdue. */
export async function selectManagerIds(tx: Tx) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, ['manager', 'admin']), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}

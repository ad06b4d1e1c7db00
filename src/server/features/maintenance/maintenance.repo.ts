import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ChecklistItem, ItemResult, Measurement } from '../../../domain/maintenance/checklist.ts';
import type { RoundStatus, SkipReason } from '../../../domain/maintenance/schedule.ts';
import type { Tx } from '../../db/client.ts';
import {
  customers,
  maintenanceChecklists,
  maintenanceProfiles,
  maintenanceResults,
  maintenanceRounds,
  serviceContracts,
  serviceTiers,
  systemAssessments,
  systemContracts,
  tickets,
  users,
  workOrders,
} from '../../db/schema.ts';

/** The customer row, locked: one regeneration of a customer's rounds at a time. */
export async function lockCustomer(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: customers.id, name: customers.name, responsibleEngineerId: customers.responsibleEngineerId })
    .from(customers)
    .where(eq(customers.id, id))
    .for('update');
  return row;
}

export async function findCustomerBasics(tx: Tx, id: string) {
  const [row] = await tx.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.id, id));
  return row;
}

/** What a customer's rounds are generated from: its paid contracts with their tier's frequency, and its system contracts. */
export async function selectPlanningSources(tx: Tx, customerId: string) {
  const contracts = await tx
    .select({
      id: serviceContracts.id,
      startDate: serviceContracts.startDate,
      endDate: serviceContracts.endDate,
      frequency: serviceTiers.routineMaintenance,
      residentEngineerId: serviceContracts.residentEngineerId,
    })
    .from(serviceContracts)
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .where(eq(serviceContracts.customerId, customerId))
    .orderBy(asc(serviceContracts.startDate));
  const systems = await tx
    .select({ id: systemContracts.id, finalAcceptanceDate: systemContracts.finalAcceptanceDate })
    .from(systemContracts)
    .where(and(eq(systemContracts.customerId, customerId), isNotNull(systemContracts.finalAcceptanceDate)));
  return { contracts, systems };
}

const skippedBy = alias(users, 'skipped_by');

const roundColumns = {
  id: maintenanceRounds.id,
  customerId: maintenanceRounds.customerId,
  customerName: customers.name,
  serviceContractId: maintenanceRounds.serviceContractId,
  systemContractId: maintenanceRounds.systemContractId,
  contractYear: maintenanceRounds.contractYear,
  windowStart: maintenanceRounds.windowStart,
  windowEnd: maintenanceRounds.windowEnd,
  plannedDate: maintenanceRounds.plannedDate,
  isPlannedByHand: maintenanceRounds.isPlannedByHand,
  replanReason: maintenanceRounds.replanReason,
  status: maintenanceRounds.status,
  assigneeId: maintenanceRounds.assigneeId,
  assigneeName: users.name,
  ticketId: maintenanceRounds.ticketId,
  workOrderId: maintenanceRounds.workOrderId,
  workOrderNumber: workOrders.number,
  workOrderStatus: workOrders.status,
  checklistId: maintenanceRounds.checklistId,
  checklistVersion: maintenanceChecklists.version,
  overdueWarnedAt: maintenanceRounds.overdueWarnedAt,
  finishedAt: maintenanceRounds.finishedAt,
  skipReason: maintenanceRounds.skipReason,
  skipNote: maintenanceRounds.skipNote,
  skippedAt: maintenanceRounds.skippedAt,
  skippedById: maintenanceRounds.skippedById,
  skippedByName: skippedBy.name,
  /** The start of the period the round is owed under (the contract, or the free year's acceptance). */
  periodStart: sql<string>`coalesce(${serviceContracts.startDate}, ${systemContracts.finalAcceptanceDate})`,
  accountOwnerId: serviceContracts.accountOwnerId,
  customerEngineerId: customers.responsibleEngineerId,
};

function roundsQuery(tx: Tx) {
  return tx
    .select(roundColumns)
    .from(maintenanceRounds)
    .innerJoin(customers, eq(customers.id, maintenanceRounds.customerId))
    .leftJoin(users, eq(users.id, maintenanceRounds.assigneeId))
    .leftJoin(skippedBy, eq(skippedBy.id, maintenanceRounds.skippedById))
    .leftJoin(workOrders, eq(workOrders.id, maintenanceRounds.workOrderId))
    .leftJoin(maintenanceChecklists, eq(maintenanceChecklists.id, maintenanceRounds.checklistId))
    .leftJoin(serviceContracts, eq(serviceContracts.id, maintenanceRounds.serviceContractId))
    .leftJoin(systemContracts, eq(systemContracts.id, maintenanceRounds.systemContractId));
}
export type RoundRow = Awaited<ReturnType<typeof findRound>> & {};

export async function selectCustomerRounds(tx: Tx, customerId: string) {
  return roundsQuery(tx).where(eq(maintenanceRounds.customerId, customerId)).orderBy(asc(maintenanceRounds.windowStart));
}

export async function findRound(tx: Tx, id: string) {
  const [row] = await roundsQuery(tx).where(eq(maintenanceRounds.id, id));
  return row;
}

export async function lockRound(tx: Tx, id: string) {
  const [row] = await tx.select().from(maintenanceRounds).where(eq(maintenanceRounds.id, id)).for('update');
  return row;
}

/** Rounds not done or skipped whose planned date (or, unplanned, window end) is by `until`: overdue ones first. */
export async function selectOpenRounds(tx: Tx, { until, overdueBefore }: { until?: string; overdueBefore?: string }) {
  const open = inArray(maintenanceRounds.status, ['planned', 'in_progress']);
  const filter = overdueBefore
    ? and(open, lt(maintenanceRounds.windowEnd, overdueBefore))
    : and(
        open,
        or(
          lte(sql`coalesce(${maintenanceRounds.plannedDate}, ${maintenanceRounds.windowEnd})`, until ?? '9999-12-31'),
          lte(maintenanceRounds.windowStart, until ?? '9999-12-31'),
        ),
      );
  return roundsQuery(tx).where(filter).orderBy(asc(maintenanceRounds.windowEnd), asc(maintenanceRounds.plannedDate)).limit(500);
}

/** Overdue rounds whose account owner was not warned yet. */
export async function selectRoundsToWarn(tx: Tx, today: string) {
  return roundsQuery(tx).where(
    and(
      inArray(maintenanceRounds.status, ['planned', 'in_progress']),
      lt(maintenanceRounds.windowEnd, today),
      isNull(maintenanceRounds.overdueWarnedAt),
    ),
  );
}

/** Marks a round warned; false when another process did it first. */
export async function markWarned(tx: Tx, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(maintenanceRounds)
    .set({ overdueWarnedAt: at })
    .where(and(eq(maintenanceRounds.id, id), isNull(maintenanceRounds.overdueWarnedAt)))
    .returning({ id: maintenanceRounds.id });
  return rows.length > 0;
}

/** Customers with anything to plan: a paid contract not long over, or a final acceptance in the last year. */
export async function selectCustomersToPlan(tx: Tx, since: string) {
  const paid = await tx
    .selectDistinct({ id: serviceContracts.customerId })
    .from(serviceContracts)
    .where(gte(serviceContracts.endDate, since));
  const free = await tx
    .selectDistinct({ id: systemContracts.customerId })
    .from(systemContracts)
    .where(gte(systemContracts.finalAcceptanceDate, sql`(${since}::date - interval '1 year')::date`));
  return [...new Set([...paid, ...free].map((r) => r.id))];
}

export type NewRound = typeof maintenanceRounds.$inferInsert;

export async function insertRounds(tx: Tx, rows: NewRound[]) {
  if (rows.length > 0) await tx.insert(maintenanceRounds).values(rows);
}

export async function deleteRounds(tx: Tx, ids: string[]) {
  if (ids.length > 0) await tx.delete(maintenanceRounds).where(inArray(maintenanceRounds.id, ids));
}

export async function updateRound(
  tx: Tx,
  id: string,
  values: Partial<{
    plannedDate: string | null;
    isPlannedByHand: boolean;
    replanReason: string | null;
    status: RoundStatus;
    ticketId: string;
    workOrderId: string;
    checklistId: string | null;
    assigneeId: string | null;
    finishedAt: Date;
    skipReason: SkipReason;
    skipNote: string | null;
    skippedById: string;
    skippedAt: Date;
    updatedAt: Date;
  }>,
) {
  const [row] = await tx.update(maintenanceRounds).set(values).where(eq(maintenanceRounds.id, id)).returning();
  return row;
}

// ---------- checklists ----------

export async function latestChecklist(tx: Tx) {
  const [row] = await tx.select().from(maintenanceChecklists).orderBy(desc(maintenanceChecklists.version)).limit(1);
  return row;
}

/** Every version, newest first. */
export async function selectChecklists(tx: Tx) {
  return tx.select().from(maintenanceChecklists).orderBy(desc(maintenanceChecklists.version));
}

export async function findChecklist(tx: Tx, id: string) {
  const [row] = await tx.select().from(maintenanceChecklists).where(eq(maintenanceChecklists.id, id));
  return row;
}

export async function insertChecklist(
  tx: Tx,
  values: { version: number; items: ChecklistItem[]; createdById: string | null; createdAt: Date },
) {
  const [row] = await tx.insert(maintenanceChecklists).values(values).onConflictDoNothing().returning();
  return row;
}

// ---------- results ----------

export async function selectResults(tx: Tx, roundId: string) {
  return tx
    .select({
      itemKey: maintenanceResults.itemKey,
      result: maintenanceResults.result,
      note: maintenanceResults.note,
      measurements: maintenanceResults.measurements,
      ticketId: maintenanceResults.ticketId,
      ticketNumber: tickets.number,
      recordedAt: maintenanceResults.recordedAt,
    })
    .from(maintenanceResults)
    .leftJoin(tickets, eq(tickets.id, maintenanceResults.ticketId))
    .where(eq(maintenanceResults.roundId, roundId));
}

export async function upsertResult(
  tx: Tx,
  values: {
    roundId: string;
    itemKey: string;
    result: ItemResult;
    note: string | null;
    measurements: Partial<Record<Measurement, string>>;
    recordedById: string;
    recordedAt: Date;
  },
) {
  await tx
    .insert(maintenanceResults)
    .values(values)
    .onConflictDoUpdate({
      target: [maintenanceResults.roundId, maintenanceResults.itemKey],
      set: {
        result: values.result,
        note: values.note,
        measurements: values.measurements,
        recordedById: values.recordedById,
        recordedAt: values.recordedAt,
      },
    });
}

export async function findResult(tx: Tx, roundId: string, itemKey: string) {
  const [row] = await tx
    .select()
    .from(maintenanceResults)
    .where(and(eq(maintenanceResults.roundId, roundId), eq(maintenanceResults.itemKey, itemKey)))
    .for('update');
  return row;
}

export async function linkResultTicket(tx: Tx, roundId: string, itemKey: string, ticketId: string) {
  await tx
    .update(maintenanceResults)
    .set({ ticketId })
    .where(and(eq(maintenanceResults.roundId, roundId), eq(maintenanceResults.itemKey, itemKey)));
}

// ---------- the customer's profile, the work order's signature ----------

export async function findProfile(tx: Tx, customerId: string) {
  const [row] = await tx.select().from(maintenanceProfiles).where(eq(maintenanceProfiles.customerId, customerId));
  return row;
}

export async function upsertProfile(tx: Tx, values: typeof maintenanceProfiles.$inferInsert) {
  const { customerId: _, ...set } = values;
  const [row] = await tx
    .insert(maintenanceProfiles)
    .values(values)
    .onConflictDoUpdate({ target: maintenanceProfiles.customerId, set })
    .returning();
  return row;
}

export async function selectWorkOrderSignature(tx: Tx, workOrderId: string): Promise<Uint8Array | null> {
  const [row] = await tx.select({ png: workOrders.signaturePng }).from(workOrders).where(eq(workOrders.id, workOrderId));
  return row?.png ?? null;
}

// ---------- the system operation assessment ----------

const assessmentColumns = {
  id: systemAssessments.id,
  customerId: systemAssessments.customerId,
  customerName: customers.name,
  roundId: systemAssessments.roundId,
  roundWindowStart: maintenanceRounds.windowStart,
  roundWindowEnd: maintenanceRounds.windowEnd,
  period: systemAssessments.period,
  assessedOn: systemAssessments.assessedOn,
  sections: systemAssessments.sections,
  summary: systemAssessments.summary,
  documentId: systemAssessments.documentId,
  createdById: systemAssessments.createdById,
  createdByName: users.name,
  createdAt: systemAssessments.createdAt,
};

function assessmentsQuery(tx: Tx) {
  return tx
    .select(assessmentColumns)
    .from(systemAssessments)
    .innerJoin(customers, eq(customers.id, systemAssessments.customerId))
    .innerJoin(users, eq(users.id, systemAssessments.createdById))
    .leftJoin(maintenanceRounds, eq(maintenanceRounds.id, systemAssessments.roundId));
}
export type AssessmentRow = Awaited<ReturnType<typeof findAssessment>> & {};

export async function selectAssessments(tx: Tx, customerId: string) {
  return assessmentsQuery(tx).where(eq(systemAssessments.customerId, customerId)).orderBy(desc(systemAssessments.period));
}

export async function findAssessment(tx: Tx, id: string) {
  const [row] = await assessmentsQuery(tx).where(eq(systemAssessments.id, id));
  return row;
}

export async function findAssessmentOf(tx: Tx, customerId: string, period: number) {
  const [row] = await tx
    .select({ id: systemAssessments.id })
    .from(systemAssessments)
    .where(and(eq(systemAssessments.customerId, customerId), eq(systemAssessments.period, period)));
  return row;
}

/** The new assessment; null when the customer already has one for that year (another press won). */
export async function insertAssessment(tx: Tx, values: typeof systemAssessments.$inferInsert) {
  const [row] = await tx.insert(systemAssessments).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function setAssessmentDocument(tx: Tx, id: string, documentId: string) {
  await tx.update(systemAssessments).set({ documentId }).where(eq(systemAssessments.id, id));
}

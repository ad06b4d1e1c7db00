import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { UnacceptedCase } from '../../../domain/contracts/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import {
  customerModules,
  customerProjects,
  customers,
  entitlementOverrides,
  renewalReminders,
  serviceContracts,
  serviceTiers,
  systemContracts,
  users,
  visits,
} from '../../db/schema.ts';

// ---------- tiers ----------
export async function selectTiers(tx: Tx) {
  return tx.select().from(serviceTiers).orderBy(sql`${serviceTiers.yearlyPriceFen} desc`, asc(serviceTiers.code));
}
export async function findTier(tx: Tx, id: string) {
  const [row] = await tx.select().from(serviceTiers).where(eq(serviceTiers.id, id));
  return row;
}
export async function insertTier(tx: Tx, values: typeof serviceTiers.$inferInsert) {
  const [row] = await tx.insert(serviceTiers).values(values).onConflictDoNothing().returning();
  return row;
}
export async function updateTierRow(tx: Tx, id: string, values: Partial<typeof serviceTiers.$inferInsert>) {
  const [row] = await tx.update(serviceTiers).set(values).where(eq(serviceTiers.id, id)).returning();
  return row;
}

// ---------- customers ----------
/** Locks the customer row: contract writes for one customer run one after the other. */
export async function lockCustomer(tx: Tx, id: string) {
  const [row] = await tx.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.id, id)).for('update');
  return row;
}

// ---------- system contracts ----------
export async function selectSystemContracts(tx: Tx, customerId: string) {
  return tx.select().from(systemContracts).where(eq(systemContracts.customerId, customerId)).orderBy(asc(systemContracts.createdAt));
}
export async function findSystemContract(tx: Tx, id: string) {
  const [row] = await tx.select().from(systemContracts).where(eq(systemContracts.id, id));
  return row;
}
export async function insertSystemContract(tx: Tx, values: typeof systemContracts.$inferInsert) {
  const [row] = await tx.insert(systemContracts).values(values).returning();
  return row;
}
export async function updateSystemContractRow(tx: Tx, id: string, values: Partial<typeof systemContracts.$inferInsert>) {
  const [row] = await tx.update(systemContracts).set(values).where(eq(systemContracts.id, id)).returning();
  return row;
}
export async function deleteSystemContractRow(tx: Tx, id: string) {
  await tx.delete(systemContracts).where(eq(systemContracts.id, id));
}

// ---------- service contracts ----------
const renewal = alias(serviceContracts, 'renewal');

export async function selectServiceContracts(
  tx: Tx,
  filter: { customerId?: string; ids?: string[]; endFrom?: string; endTo?: string; startTo?: string; notRenewed?: boolean },
) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.customerId) conditions.push(eq(serviceContracts.customerId, filter.customerId));
  if (filter.ids) conditions.push(inArray(serviceContracts.id, filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']));
  if (filter.endFrom) conditions.push(gte(serviceContracts.endDate, filter.endFrom));
  if (filter.endTo) conditions.push(lte(serviceContracts.endDate, filter.endTo));
  if (filter.startTo) conditions.push(lte(serviceContracts.startDate, filter.startTo));
  if (filter.notRenewed) conditions.push(isNull(renewal.id));
  return tx
    .select({
      contract: serviceContracts,
      customerName: customers.name,
      tier: {
        id: serviceTiers.id,
        code: serviceTiers.code,
        nameZh: serviceTiers.nameZh,
        nameEn: serviceTiers.nameEn,
        serviceWindow: serviceTiers.serviceWindow,
      },
      renewedById: renewal.id,
    })
    .from(serviceContracts)
    .innerJoin(customers, eq(customers.id, serviceContracts.customerId))
    .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
    .leftJoin(renewal, eq(renewal.renewalOfId, serviceContracts.id))
    .where(and(...conditions))
    .orderBy(asc(serviceContracts.endDate), asc(serviceContracts.id));
}

export async function findServiceContract(tx: Tx, id: string) {
  const [row] = await tx.select().from(serviceContracts).where(eq(serviceContracts.id, id));
  return row;
}

/** Another contract of the customer whose [start, end] meets this one's. */
export async function findOverlapping(tx: Tx, customerId: string, startDate: string, endDate: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: serviceContracts.id, startDate: serviceContracts.startDate, endDate: serviceContracts.endDate })
    .from(serviceContracts)
    .where(
      and(
        eq(serviceContracts.customerId, customerId),
        lte(serviceContracts.startDate, endDate),
        gte(serviceContracts.endDate, startDate),
        exceptId ? ne(serviceContracts.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function insertServiceContract(tx: Tx, values: typeof serviceContracts.$inferInsert) {
  const [row] = await tx.insert(serviceContracts).values(values).returning();
  return row;
}
export async function updateServiceContractRow(tx: Tx, id: string, values: Partial<typeof serviceContracts.$inferInsert>) {
  const [row] = await tx.update(serviceContracts).set(values).where(eq(serviceContracts.id, id)).returning();
  return row;
}
export async function deleteServiceContractRow(tx: Tx, id: string) {
  await tx.delete(renewalReminders).where(eq(renewalReminders.contractId, id));
  await tx.delete(serviceContracts).where(eq(serviceContracts.id, id));
}

export async function countContractVisits(tx: Tx, contractId: string) {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(visits).where(eq(visits.serviceContractId, contractId));
  return row?.n ?? 0;
}

export async function selectContractVisits(tx: Tx, contractIds: string[]) {
  if (contractIds.length === 0) return [];
  return tx
    .select({
      serviceContractId: visits.serviceContractId,
      visitDate: visits.visitDate,
      isOverQuota: visits.isOverQuota,
      type: visits.type,
    })
    .from(visits)
    .where(inArray(visits.serviceContractId, contractIds));
}

// ---------- entitlement overrides ----------
export async function insertOverride(tx: Tx, values: typeof entitlementOverrides.$inferInsert) {
  const [row] = await tx.insert(entitlementOverrides).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function selectOverrides(tx: Tx, customerId: string) {
  return tx
    .select({
      id: entitlementOverrides.id,
      customerId: entitlementOverrides.customerId,
      reason: entitlementOverrides.reason,
      fromDate: entitlementOverrides.fromDate,
      untilDate: entitlementOverrides.untilDate,
      createdAt: entitlementOverrides.createdAt,
      createdByName: users.name,
    })
    .from(entitlementOverrides)
    .innerJoin(users, eq(users.id, entitlementOverrides.createdById))
    .where(eq(entitlementOverrides.customerId, customerId))
    .orderBy(desc(entitlementOverrides.createdAt));
}

// ---------- entitlement facts ----------
export async function loadArchiveFacts(tx: Tx, customerId: string) {
  const [sys, modules, project, contracts, visitRows, overrides] = await Promise.all([
    tx
      .select({
        acceptanceDate: systemContracts.acceptanceDate,
        finalAcceptanceDate: systemContracts.finalAcceptanceDate,
        freeServiceUntil: systemContracts.freeServiceUntil,
        totalPriceFen: systemContracts.totalPriceFen,
      })
      .from(systemContracts)
      .where(eq(systemContracts.customerId, customerId)),
    tx
      .select({
        acceptanceState: customerModules.acceptanceState,
        goLiveDate: customerModules.goLiveDate,
        acceptanceDate: customerModules.acceptanceDate,
        system: customerModules.system,
        genuineLicence: customerModules.genuineLicence,
      })
      .from(customerModules)
      .where(eq(customerModules.customerId, customerId)),
    tx
      .select({
        initialAcceptanceDate: customerProjects.initialAcceptanceDate,
        finalAcceptanceDate: customerProjects.finalAcceptanceDate,
        unacceptedCase: customerProjects.unacceptedCase,
        urgeLetterDate: customerProjects.urgeLetterDate,
        urgeLetterMethod: customerProjects.urgeLetterMethod,
        refundFen: customerProjects.refundFen,
        negotiationDueDate: customerProjects.negotiationDueDate,
      })
      .from(customerProjects)
      .where(eq(customerProjects.customerId, customerId)),
    tx
      .select({
        id: serviceContracts.id,
        startDate: serviceContracts.startDate,
        endDate: serviceContracts.endDate,
        visitQuota: serviceContracts.visitQuota,
        tier: { code: serviceTiers.code, nameZh: serviceTiers.nameZh, nameEn: serviceTiers.nameEn },
      })
      .from(serviceContracts)
      .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
      .where(eq(serviceContracts.customerId, customerId)),
    tx
      .select({
        serviceContractId: visits.serviceContractId,
        visitDate: visits.visitDate,
        isOverQuota: visits.isOverQuota,
        type: visits.type,
      })
      .from(visits)
      .where(eq(visits.customerId, customerId)),
    tx
      .select({ reason: entitlementOverrides.reason, from: entitlementOverrides.fromDate, until: entitlementOverrides.untilDate })
      .from(entitlementOverrides)
      .where(eq(entitlementOverrides.customerId, customerId)),
  ]);
  return {
    overrides,
    systemContracts: sys,
    modules,
    project: project[0] ? { ...project[0], unacceptedCase: project[0].unacceptedCase as UnacceptedCase | null } : null,
    serviceContracts: contracts,
    visits: visitRows,
  };
}

// ---------- renewal reminders ----------
/** Contracts ending within `horizonDays` of today, not yet renewed, with the reminders already recorded. */
export async function selectContractsNeedingReminders(tx: Tx, today: string, lastEnd: string) {
  const rows = await tx
    .select({
      id: serviceContracts.id,
      customerId: serviceContracts.customerId,
      customerName: customers.name,
      endDate: serviceContracts.endDate,
      accountOwnerId: serviceContracts.accountOwnerId,
      sent: sql<
        number[]
      >`coalesce((select array_agg(${renewalReminders.daysBefore}) from ${renewalReminders} where ${renewalReminders.contractId} = "service_contracts"."id"), '{}')`,
    })
    .from(serviceContracts)
    .innerJoin(customers, eq(customers.id, serviceContracts.customerId))
    .leftJoin(renewal, eq(renewal.renewalOfId, serviceContracts.id))
    .where(and(gte(serviceContracts.endDate, today), lte(serviceContracts.endDate, lastEnd), isNull(renewal.id)));
  return rows;
}

/** Records a reminder; false when another process recorded it first (the unique key decides). */
export async function insertReminder(tx: Tx, contractId: string, daysBefore: number, at: Date) {
  const rows = await tx.insert(renewalReminders).values({ contractId, daysBefore, sentAt: at }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function selectReminders(tx: Tx, contractId: string) {
  return tx.select().from(renewalReminders).where(eq(renewalReminders.contractId, contractId)).orderBy(asc(renewalReminders.sentAt));
}

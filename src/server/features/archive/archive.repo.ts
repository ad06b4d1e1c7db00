import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import {
  configurationItems,
  customerDocuments,
  customerModules,
  customerProjects,
  customers,
  entitlementOverrides,
  handoverItems,
  maintenanceRounds,
  quotes,
  serviceContracts,
  serviceTiers,
  systemContracts,
  tickets,
  users,
  visits,
} from '../../db/schema.ts';

export async function updateProfileRow(tx: Tx, id: string, values: Partial<typeof customers.$inferInsert>) {
  const [row] = await tx.update(customers).set(values).where(eq(customers.id, id)).returning();
  return row;
}

export async function selectModules(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(customerModules)
    .where(eq(customerModules.customerId, customerId))
    .orderBy(asc(customerModules.system), asc(customerModules.module));
}
export async function findModule(tx: Tx, id: string) {
  const [row] = await tx.select().from(customerModules).where(eq(customerModules.id, id));
  return row;
}
export async function insertModules(tx: Tx, values: (typeof customerModules.$inferInsert)[]) {
  if (values.length === 0) return [];
  return tx.insert(customerModules).values(values).onConflictDoNothing().returning();
}
export async function updateModuleRow(tx: Tx, id: string, values: Partial<typeof customerModules.$inferInsert>) {
  const [row] = await tx.update(customerModules).set(values).where(eq(customerModules.id, id)).returning();
  return row;
}
export async function deleteModuleRow(tx: Tx, id: string) {
  await tx.delete(customerModules).where(eq(customerModules.id, id));
}

export async function selectConfigItems(tx: Tx, customerId: string) {
  return tx
    .select()
    .from(configurationItems)
    .where(eq(configurationItems.customerId, customerId))
    .orderBy(asc(configurationItems.kind), asc(configurationItems.name));
}
export async function findConfigItem(tx: Tx, id: string) {
  const [row] = await tx.select().from(configurationItems).where(eq(configurationItems.id, id));
  return row;
}
export async function insertConfigItem(tx: Tx, values: typeof configurationItems.$inferInsert) {
  const [row] = await tx.insert(configurationItems).values(values).returning();
  return row;
}
export async function updateConfigItemRow(tx: Tx, id: string, values: Partial<typeof configurationItems.$inferInsert>) {
  const [row] = await tx.update(configurationItems).set(values).where(eq(configurationItems.id, id)).returning();
  return row;
}
export async function deleteConfigItemRow(tx: Tx, id: string) {
  await tx.delete(configurationItems).where(eq(configurationItems.id, id));
}

export async function findProject(tx: Tx, customerId: string) {
  const [row] = await tx.select().from(customerProjects).where(eq(customerProjects.customerId, customerId));
  return row;
}
export async function upsertProject(tx: Tx, values: typeof customerProjects.$inferInsert) {
  const [row] = await tx
    .insert(customerProjects)
    .values(values)
    .onConflictDoUpdate({ target: customerProjects.customerId, set: values })
    .returning();
  return row;
}
export async function selectHandover(tx: Tx, customerId: string) {
  return tx.select().from(handoverItems).where(eq(handoverItems.customerId, customerId));
}
export async function upsertHandover(tx: Tx, values: typeof handoverItems.$inferInsert) {
  await tx
    .insert(handoverItems)
    .values(values)
    .onConflictDoUpdate({ target: [handoverItems.customerId, handoverItems.item], set: values });
}

export async function insertDocument(tx: Tx, values: typeof customerDocuments.$inferInsert) {
  const [row] = await tx.insert(customerDocuments).values(values).returning();
  return row;
}
export async function findDocument(tx: Tx, id: string) {
  const [row] = await tx.select().from(customerDocuments).where(eq(customerDocuments.id, id));
  return row;
}
export async function selectDocuments(tx: Tx, customerId: string, includeInternal: boolean) {
  return tx
    .select()
    .from(customerDocuments)
    .where(and(eq(customerDocuments.customerId, customerId), includeInternal ? undefined : eq(customerDocuments.isInternal, false)))
    .orderBy(desc(customerDocuments.createdAt));
}

/** Everything the timeline joins, newest first, at most `limit` of each kind. */
export async function selectTimelineSources(tx: Tx, customerId: string, limit: number) {
  const [t, v, sc, sys, d, q, o, sk] = await Promise.all([
    tx
      .select({ id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status, createdAt: tickets.createdAt })
      .from(tickets)
      .where(eq(tickets.customerId, customerId))
      .orderBy(desc(tickets.createdAt))
      .limit(limit),
    tx.select().from(visits).where(eq(visits.customerId, customerId)).orderBy(desc(visits.visitDate)).limit(limit),
    tx
      .select({ c: serviceContracts, tierZh: serviceTiers.nameZh, tierEn: serviceTiers.nameEn })
      .from(serviceContracts)
      .innerJoin(serviceTiers, eq(serviceTiers.id, serviceContracts.tierId))
      .where(eq(serviceContracts.customerId, customerId))
      .orderBy(desc(serviceContracts.startDate))
      .limit(limit),
    tx
      .select()
      .from(systemContracts)
      .where(eq(systemContracts.customerId, customerId))
      .orderBy(desc(systemContracts.createdAt))
      .limit(limit),
    tx
      .select()
      .from(customerDocuments)
      .where(eq(customerDocuments.customerId, customerId))
      .orderBy(desc(customerDocuments.createdAt))
      .limit(limit),
    tx.select().from(quotes).where(eq(quotes.customerId, customerId)).orderBy(desc(quotes.createdAt)).limit(limit),
    tx
      .select()
      .from(entitlementOverrides)
      .where(eq(entitlementOverrides.customerId, customerId))
      .orderBy(desc(entitlementOverrides.createdAt))
      .limit(limit),
    // Routine rounds skipped (issue 13): who, when, why.
    tx
      .select({
        id: maintenanceRounds.id,
        windowStart: maintenanceRounds.windowStart,
        windowEnd: maintenanceRounds.windowEnd,
        skipReason: maintenanceRounds.skipReason,
        skipNote: maintenanceRounds.skipNote,
        skippedAt: maintenanceRounds.skippedAt,
        skippedByName: users.name,
      })
      .from(maintenanceRounds)
      .leftJoin(users, eq(users.id, maintenanceRounds.skippedById))
      .where(and(eq(maintenanceRounds.customerId, customerId), eq(maintenanceRounds.status, 'skipped')))
      .orderBy(desc(maintenanceRounds.skippedAt))
      .limit(limit),
  ]);
  return { tickets: t, visits: v, serviceContracts: sc, systemContracts: sys, documents: d, quotes: q, overrides: o, skippedRounds: sk };
}

import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { priceSettings, spareParts } from '../../db/schema.ts';

export async function selectSpareParts(tx: Tx) {
  return tx.select().from(spareParts).orderBy(asc(spareParts.name), asc(spareParts.model));
}

export async function findSparePartForUpdate(tx: Tx, id: string) {
  const [row] = await tx.select().from(spareParts).where(eq(spareParts.id, id)).for('update');
  return row;
}

/** Inserts unless the name + model is taken (undefined then). */
export async function insertSparePart(tx: Tx, values: typeof spareParts.$inferInsert) {
  const [row] = await tx.insert(spareParts).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateSparePartRow(tx: Tx, id: string, values: Partial<typeof spareParts.$inferInsert>) {
  const [row] = await tx.update(spareParts).set(values).where(eq(spareParts.id, id)).returning();
  return row;
}

export async function findPriceSetting(tx: Tx, key: string) {
  const [row] = await tx.select().from(priceSettings).where(eq(priceSettings.key, key));
  return row;
}

export async function upsertPriceSetting(tx: Tx, key: string, valueFen: number, at: Date) {
  const [row] = await tx
    .insert(priceSettings)
    .values({ key, valueFen, updatedAt: at })
    .onConflictDoUpdate({ target: priceSettings.key, set: { valueFen, updatedAt: at } })
    .returning();
  return row;
}

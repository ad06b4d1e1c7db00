import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { attachments } from '../../db/schema.ts';

export async function insertAttachment(tx: Tx, values: typeof attachments.$inferInsert) {
  const [row] = await tx.insert(attachments).values(values).returning();
  return row;
}

export async function findAttachment(tx: Tx, id: string) {
  const [row] = await tx.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

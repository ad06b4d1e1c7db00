import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { documentCounters } from '../db/schema.ts';

/**
 * The next number of a document series in a year (gapless: the counter row stays locked until the
 * transaction ends, so take it as late as possible in the transaction, like request numbers).
 */
export async function nextDocumentSequence(tx: Tx, series: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ series, year, last: 1 })
    .onConflictDoUpdate({ target: [documentCounters.series, documentCounters.year], set: { last: sql`${documentCounters.last} + 1` } })
    .returning({ last: documentCounters.last });
  return row.last;
}

/** `BJ`, 2026, 7 → `BJ-2026-0007` (more digits once a year passes 9,999). */
export const formatDocumentNumber = (prefix: string, year: number, sequence: number) =>
  `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;

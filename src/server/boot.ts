import type { Database } from './db/client.ts';
import { backfillSearchVectors } from './features/search/search.repo.ts';
import { ensureBuiltinSla } from './features/sla/sla.service.ts';

/** Brings a database to the current schema with the built-in calendars and default SLA policy. */
export async function prepareDatabase(database: Database, at: Date = new Date()): Promise<void> {
  await database.migrate();
  await database.db.transaction((tx) => ensureBuiltinSla(tx, at));
  // Requests written before migration 0003 get their search vectors (idempotent: only rows without one).
  await backfillSearchVectors(database.db);
}

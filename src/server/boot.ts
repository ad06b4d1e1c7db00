import { sql } from 'drizzle-orm';
import type { Database } from './db/client.ts';
import { backfillSearchVectors } from './features/search/search.repo.ts';
import { ensureBuiltinSla } from './features/sla/sla.service.ts';

/** Brings a database to the current schema with the built-in calendars and default SLA policy. */
export async function prepareDatabase(database: Database, at: Date = new Date()): Promise<void> {
  await database.migrate();
  await assertGuards(database);
  await database.db.transaction((tx) => ensureBuiltinSla(tx, at));
  // Requests written before migration 0003 get their search vectors (idempotent: only rows without one).
  await backfillSearchVectors(database.db);
}

/**
 * The database's own guards must be there: start-up stops with a clear message rather than run without
 * them. Migration 0008 creates btree_gist (and fails when the server cannot), so this only trips on a
 * database whose constraint was dropped by hand.
 */
async function assertGuards(database: Database): Promise<void> {
  const result = (await database.db.execute(
    sql`select 1 from pg_constraint where conname = 'service_contracts_no_overlap' and contype = 'x'`,
  )) as unknown as { rows: unknown[] };
  if (result.rows.length === 0) {
    throw new Error(
      'The exclusion constraint service_contracts_no_overlap is missing: install the btree_gist extension ' +
        '(PostgreSQL contrib, e.g. apt install postgresql-contrib) and restart, or re-create the constraint (migration 0008).',
    );
  }
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { type PgliteThread, startPgliteThread } from './pglite-thread.ts';
import * as schema from './schema.ts';

// The only place that knows which driver is in use; everything else sees `Db` and `Tx`.
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: repositories accept either. */
export type Tx = Db | PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending versioned migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Set for the embedded database only: its files as a tar (tests dump the migrated template). */
  dumpDataDir?: () => Promise<Blob>;
  /**
   * The pool, for LISTEN/NOTIFY and bulk loads. On the embedded database it has one connection to
   * the PGlite thread, which a transaction or a `connect()`ed client holds until it is released.
   */
  pool?: pg.Pool;
  /** Set for PostgreSQL only: the connection string. */
  url?: string;
};

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

// Arbitrary constant: serialises migrations when several app processes start together.
const MIGRATION_LOCK_KEY = 7_254_001;

export type OpenOptions = { databaseUrl?: string; dataDir?: string; loadDataDir?: Blob; poolSize?: number };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // Before anything touches the files: a second process on one data dir destroys it.
    lock = lockDataDir(dataDir);
  }
  let thread: PgliteThread;
  try {
    // Off the main thread: PGlite's queries would otherwise stop the event loop while they run.
    thread = await startPgliteThread({ dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined, loadDataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // One process holds the data dir (the lock above): migrations need no advisory lock.
  return pgliteDatabase(thread, thread.pool, async () => {
    try {
      await thread.close();
    } finally {
      lock?.release();
    }
  });
}

/** A `Database` over one pool of a PGlite thread; `close` is what ending this handle means. */
function pgliteDatabase(thread: PgliteThread, pool: PgliteThread['pool'], close: () => Promise<void>): Database {
  const db = drizzleNodePg(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    pool,
    migrate: () => migrateNodePg(db, { migrationsFolder: MIGRATIONS_DIR }),
    dumpDataDir: () => thread.dumpDataDir(),
    close,
  };
}

/**
 * One embedded database whose thread serves `Database` handles one after another, each on a pool of its own
 * (the test suites reuse one PGlite per worker process, see testing/shared-pglite.ts). A handle's `close()` ends
 * its pool only: the thread then resets the session (open transaction, prepared statements, settings, temp
 * tables, LISTENs, advisory locks), and the next handle's connection is served. `close()` of the host ends it all.
 */
export type PgliteHost = { connect(): Database; close(): Promise<void> };

export async function openPgliteHost(loadDataDir: Blob): Promise<PgliteHost> {
  const thread = await startPgliteThread({ loadDataDir });
  return {
    connect() {
      const pool = thread.openPool();
      let closing: Promise<void> | undefined;
      return pgliteDatabase(thread, pool, () => {
        closing ??= pool.end();
        return closing;
      });
    },
    close: () => thread.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Instants are exchanged as UTC; the server's own zone must never leak into stored times.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  const db = drizzleNodePg(pool, { schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    pool,
    url,
    migrate: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        await client.end();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * One embedded database per vitest worker process, reset to the migrated template for each test file.
 *
 * Loading the template tarball into a new PGlite costs about a second of CPU per test file. Workers keep their
 * modules between files (`isolate: false`), so the first file of a worker loads the template once and records it
 * (the rows of every table, every sequence, a fingerprint of the schema); each later file gets a new connection
 * (the thread resets the session when the previous one ends) over data put back as it was: the tables that differ
 * from the record are truncated and their rows re-inserted, and the sequences set back. When the schema itself
 * changed (a test created, altered or analysed something) or the previous file never closed its database, the
 * instance is dropped and the next file loads the template afresh.
 */
import type pg from 'pg';
import { type Database, openPgliteHost, type PgliteHost } from '../db/client.ts';

type Table = {
  /** Quoted, schema-qualified. */
  name: string;
  /** Quoted columns a row can be written to (generated ones are computed again). */
  columns: string;
  /** The template's rows as JSON, or null when it has none. */
  rows: string | null;
  /** md5 of the template's rows, compared with the current ones (only for tables with rows). */
  hash: string | null;
  /** Tables with a foreign key to this one: truncated together with it. */
  referencedBy: string[];
};

type Baseline = {
  tables: Table[];
  sequences: { name: string; value: string; called: boolean }[];
  /** The planner's size figures of every relation, as JSON (a TRUNCATE, VACUUM or ANALYZE of an empty table changes them). */
  relationSizes: string;
  fingerprint: string;
};

type Shared = { templatePath: string; host: PgliteHost; baseline: Baseline; current: Database | null; closed: boolean; file: number };

// Not the database's own schemas: those of PostgreSQL and PGlite.
const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'`;

/** One catalogue's rows as text, in a stable order. */
const listed = (row: string, from: string) => `(select string_agg(s, ',' order by s) from (select ${row} as s ${from}) x)`;

/** What a test could change that a data reset does not put back: any change here means a new instance. */
const FINGERPRINT = `select md5(concat_ws('|',
  ${listed('n.nspname', `from pg_namespace n where ${USER_SCHEMAS}`)},
  ${listed(`concat_ws(':', n.nspname, c.relname, c.relkind, c.relpersistence)`, `from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${USER_SCHEMAS}`)},
  ${listed(
    `concat_ws(':', a.attrelid::regclass::text, a.attnum, a.attname, a.atttypid, a.attnotnull, a.attisdropped, a.attgenerated,
       a.attidentity, pg_get_expr(d.adbin, d.adrelid))`,
    `from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum where ${USER_SCHEMAS} and a.attnum > 0`,
  )},
  ${listed(`concat_ws(':', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid))`, `from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${USER_SCHEMAS}`)},
  ${listed(`concat_ws(':', t.tgrelid::regclass::text, t.tgname, t.tgenabled, t.tgfoid)`, 'from pg_trigger t')},
  ${listed(`concat_ws(':', n.nspname, p.proname, md5(p.prosrc))`, `from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${USER_SCHEMAS}`)},
  ${listed(`concat_ws(':', n.nspname, t.typname, t.typtype)`, `from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${USER_SCHEMAS}`)},
  ${listed(`concat_ws(':', e.enumtypid, e.enumlabel)`, 'from pg_enum e')},
  ${listed(`concat_ws(':', extname, extversion)`, 'from pg_extension')},
  ${listed('rolname', 'from pg_roles')},
  (select count(*) from pg_db_role_setting),
  (select count(*) from pg_statistic s join pg_class c on c.oid = s.starelid join pg_namespace n on n.oid = c.relnamespace
     where ${USER_SCHEMAS}),
  (select count(*) from pg_statistic_ext),
  (select count(*) from pg_largeobject_metadata)
)) as fingerprint`;

/** The user relations and their TOAST tables, with the planner's size figures. */
const RELATION_SIZES = `select coalesce(json_agg(json_build_object('oid', c.oid, 'relpages', c.relpages, 'reltuples', c.reltuples,
    'relallvisible', c.relallvisible) order by c.oid), '[]')::text as sizes
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where ${USER_SCHEMAS} or c.oid in (select t.reltoastrelid from pg_class t join pg_namespace n on n.oid = t.relnamespace where ${USER_SCHEMAS})`;

/** A table's rows in a stable order, hashed: equal hashes, equal rows. */
const contentHash = (table: string) => `(select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from ${table} t)`;

async function one<T>(client: pg.PoolClient | pg.Pool, text: string, values: unknown[] = []): Promise<T> {
  return (await client.query(text, values)).rows[0] as T;
}

async function captureBaseline(pool: pg.Pool): Promise<Baseline> {
  const tables = (
    await pool.query<{ oid: number; name: string; columns: string | null }>(
      `select c.oid, format('%I.%I', n.nspname, c.relname) as name,
         (select string_agg(quote_ident(a.attname), ', ' order by a.attnum) from pg_attribute a
           where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where ${USER_SCHEMAS} and c.relkind in ('r', 'p') and not c.relispartition
       order by 1`,
    )
  ).rows;
  const references = (
    await pool.query<{ child: number; parent: number }>(
      `select distinct conrelid::int as child, confrelid::int as parent from pg_constraint where contype = 'f' and conrelid <> confrelid`,
    )
  ).rows;
  const nameOf = new Map(tables.map((t) => [t.oid, t.name]));
  const baseline: Table[] = [];
  for (const table of tables) {
    const { rows, hash } = await one<{ rows: string | null; hash: string }>(
      pool,
      `select (select json_agg(t)::text from ${table.name} t) as rows, ${contentHash(table.name)} as hash`,
    );
    baseline.push({
      name: table.name,
      columns: table.columns ?? '',
      rows,
      hash: rows === null ? null : hash,
      referencedBy: references.filter((r) => r.parent === table.oid).flatMap((r) => nameOf.get(r.child) ?? []),
    });
  }
  const sequences = await sequenceStates(pool);
  const { fingerprint } = await one<{ fingerprint: string }>(pool, FINGERPRINT);
  const { sizes } = await one<{ sizes: string }>(pool, RELATION_SIZES);
  return { tables: baseline, sequences, relationSizes: sizes, fingerprint };
}

async function sequenceStates(client: pg.PoolClient | pg.Pool) {
  const names = (
    await client.query<{ name: string }>(
      `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where ${USER_SCHEMAS} and c.relkind = 'S' order by 1`,
    )
  ).rows.map((r) => r.name);
  if (names.length === 0) return [];
  const union = names.map(
    (name, i) => `select ${i} as i, $${i + 1}::text as name, last_value::text as value, is_called as called from ${name}`,
  );
  const rows = (await client.query<{ name: string; value: string; called: boolean }>(`${union.join(' union all ')} order by i`, names))
    .rows;
  return rows.map(({ name, value, called }) => ({ name, value, called }));
}

/** Puts the data back as the template had it; false when the schema changed (the instance cannot be reused). */
async function reset(pool: pg.Pool, baseline: Baseline): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { fingerprint } = await one<{ fingerprint: string }>(client, FINGERPRINT);
    if (fingerprint !== baseline.fingerprint) {
      await client.query('rollback');
      return false;
    }
    const probes = baseline.tables.map((t, i) =>
      t.hash === null
        ? `select ${i} as i where exists (select from ${t.name})`
        : `select ${i} as i where ${contentHash(t.name)} <> '${t.hash}'`,
    );
    const changed = (await client.query<{ i: number }>(probes.join(' union all '))).rows.map((r) => baseline.tables[r.i]);
    if (changed.length > 0) {
      // With every table that refers to one of them (TRUNCATE would refuse otherwise), and those re-filled too.
      const byName = new Map(baseline.tables.map((t) => [t.name, t]));
      const affected = new Set(changed);
      for (const table of affected) for (const child of table.referencedBy) affected.add(byName.get(child) as Table);
      await client.query(`truncate ${[...affected].map((t) => t.name).join(', ')}`);
      // Rows as they were, without firing triggers or checking foreign keys on the way (they held in the template).
      await client.query('set local session_replication_role = replica');
      for (const table of affected) {
        if (table.rows === null) continue;
        await client.query(
          `insert into ${table.name} (${table.columns}) overriding system value
           select ${table.columns} from json_populate_recordset(null::${table.name}, $1::json)`,
          [table.rows],
        );
      }
    }
    if (baseline.sequences.length > 0) {
      await client.query(
        `select ${baseline.sequences.map((_, i) => `setval($${3 * i + 1}::regclass, $${3 * i + 2}::bigint, $${3 * i + 3}::boolean)`).join(', ')}`,
        baseline.sequences.flatMap((s) => [s.name, s.value, s.called]),
      );
    }
    // As the template had them: the planner estimates from these (TRUNCATE and VACUUM change them, ANALYZE too).
    await client.query(
      `update pg_class c set relpages = b.relpages, reltuples = b.reltuples, relallvisible = b.relallvisible
       from json_to_recordset($1::json) as b(oid oid, relpages int, reltuples real, relallvisible int)
       where c.oid = b.oid and (c.relpages, c.reltuples, c.relallvisible) is distinct from (b.relpages, b.reltuples, b.relallvisible)`,
      [baseline.relationSizes],
    );
    await client.query('commit');
    return true;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

let shared: Shared | null = null;
let loads = 0;

/** How many times this worker loaded the template (its test proves a reset reuses the instance). */
export function sharedPgliteLoads() {
  return loads;
}
/** Counts test files (setup-file.ts calls `startTestFile` before each): tells a second open from a leak. */
let testFile = 0;

export function startTestFile() {
  testFile++;
}

async function load(templatePath: string, tar: () => Promise<Blob>): Promise<Shared> {
  const host = await openPgliteHost(await tar());
  loads++;
  const database = host.connect();
  try {
    const baseline = await captureBaseline(database.pool as pg.Pool);
    return { templatePath, host, baseline, current: null, closed: true, file: 0 };
  } finally {
    await database.close();
  }
}

async function drop() {
  const old = shared;
  shared = null;
  // A handle never closed (its file timed out or forgot): its connection ends with the thread, unheard.
  old?.current?.pool?.on('error', () => undefined);
  await old?.host.close().catch(() => undefined);
}

/**
 * A database equal to the template at `templatePath`: this worker's shared instance, reset; or null when the
 * shared instance is busy (a test file opening a second database gets an instance of its own).
 */
export function openSharedPglite(templatePath: string, tar: () => Promise<Blob>): Promise<Database | null> {
  // One at a time: two opens at once in one file must not both load (the second gets an instance of its own).
  const opened = opening.then(() => open(templatePath, tar));
  opening = opened.catch(() => undefined);
  return opened;
}

let opening: Promise<unknown> = Promise.resolve();

async function open(templatePath: string, tar: () => Promise<Blob>): Promise<Database | null> {
  if (shared && !shared.closed) {
    if (shared.file === testFile) return null;
    // The previous test file never closed its database: its connection would hold the thread for ever.
    await drop();
  }
  if (shared && shared.templatePath !== templatePath) await drop();
  shared ??= await load(templatePath, tar);
  let database = shared.host.connect();
  if (!(await reset(database.pool as pg.Pool, shared.baseline))) {
    await database.close();
    await drop();
    shared = await load(templatePath, tar);
    database = shared.host.connect();
  }
  const entry = shared;
  Object.assign(entry, { current: database, closed: false, file: testFile });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      if (entry.current === database) entry.closed = true;
    },
  };
}

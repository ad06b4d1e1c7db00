// `npm run seed:scale -- --requests 1000000`: a large, realistic archive for search and benchmarks,
// written in big batches (multi-row INSERT … SELECT FROM unnest(arrays)) into the configured database
// (PGlite in AFTERSALES_DATA_DIR, or PostgreSQL when DATABASE_URL is set), after running migrations.
// Deterministic: the same seed and a past --until give the same data (today's archive ends now). Refuses a database that already has requests.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { yearIn } from '../src/domain/time-zone.ts';
import { CAUSE_CATEGORIES, CONTENT_CATEGORIES, OPEN_STATUSES, type Status } from '../src/domain/vocabulary.ts';
import { prepareDatabase } from '../src/server/boot.ts';
import { ConfigError, loadConfig } from '../src/server/config.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { DataDirLockedError } from '../src/server/db/data-dir-lock.ts';
import { hashPassword } from '../src/server/features/auth/password.ts';
import { searchDocuments } from '../src/server/features/search/search.repo.ts';
import { formatTicketNumber } from '../src/server/features/tickets/tickets.service.ts';
import { createRandom, type Random } from './demo/random.ts';
import {
  type CustomerGen,
  generateArrivals,
  generateContacts,
  generateCustomers,
  personName,
  requestText,
  uuidFrom,
} from './seed-scale/generate.ts';

const USAGE = `Usage: npm run seed:scale -- [--requests N] [--customers N] [--contacts N] [--years N] [--seed N] [--until YYYY-MM-DD] [--batch N]

  --requests N    service requests to write (default 100000)
  --customers N   organisations (default 2000)
  --contacts N    contacts across them (default 50000)
  --years N       span of the archive, ending at --until (default 5)
  --until DATE    last day of the archive (default today, UTC; never later than now)
  --seed N        random seed (default 20261125)
  --batch N       requests per INSERT (default 5000)

Accounts (password from SEED_PASSWORD, default scale-password-1): admin@scale.example,
agent-001…060@scale.example, engineer-001…150@scale.example, manager-01…06@scale.example,
cust-0001…@scale.example (one per organisation, 0001 = the busiest).`;

const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

type Options = {
  requests: number;
  customers: number;
  contacts: number;
  years: number;
  until: number;
  seed: number;
  batch: number;
};

function parseCommandLine(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string', default: '100000' },
      customers: { type: 'string', default: '2000' },
      contacts: { type: 'string', default: '50000' },
      years: { type: 'string', default: '5' },
      until: { type: 'string', default: new Date().toISOString().slice(0, 10) },
      seed: { type: 'string', default: '20261125' },
      batch: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const endOfDay = Date.parse(`${values.until}T16:00:00Z`); // end of that day in Beijing time
  if (Number.isNaN(endOfDay)) throw new UsageError('--until must be a date (YYYY-MM-DD)');
  // Never later than now: a request received in the future would head the queue with a false time.
  const until = Math.min(endOfDay, Date.now());
  return {
    requests: int('requests', values.requests, 0),
    customers: int('customers', values.customers, 1),
    contacts: int('contacts', values.contacts, 1),
    years: int('years', values.years, 1),
    until,
    seed: int('seed', values.seed, 0),
    batch: int('batch', values.batch, 100),
  };
}

class UsageError extends Error {}

/** One connection (PostgreSQL) or the embedded database: raw parameterised SQL, no ORM in the hot loop. */
type Exec = { query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; close(): Promise<void> };

async function rawConnection(database: Database): Promise<Exec> {
  if (database.kind === 'pglite' && database.pool) {
    // The embedded database's one connection, held until close (nothing else runs meanwhile).
    const lite = await database.pool.connect();
    await lite.query('set synchronous_commit = off');
    await lite.query(`set maintenance_work_mem = '256MB'`);
    return { query: (text, params) => lite.query(text, params), close: async () => lite.release() };
  }
  const client = new pg.Client({ connectionString: database.url, options: '-c TimeZone=UTC' });
  await client.connect();
  await client.query('set synchronous_commit = off');
  await client.query(`set maintenance_work_mem = '512MB'`);
  return { query: (text, params) => client.query(text, params), close: () => client.end() };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

type StaffIds = { admin: string; managers: string[]; agents: string[]; engineers: string[]; customerUsers: string[] };

async function insertPeople(db: Exec, random: Random, customers: CustomerGen[], contactCount: number, password: string): Promise<StaffIds> {
  await db.query(
    `insert into customers (id, name, kind, province, city, grade, distance_class, beds)
     select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])`,
    [
      customers.map((c) => c.id),
      customers.map((c) => c.name),
      customers.map((c) => c.kind),
      customers.map((c) => c.province),
      customers.map((c) => c.city),
      customers.map((c) => c.grade),
      customers.map((c) => c.distanceClass),
      customers.map((c) => c.beds),
    ],
  );
  const contacts = generateContacts(random, customers, contactCount);
  for (let i = 0; i < contacts.length; i += 10_000) {
    const part = contacts.slice(i, i + 10_000);
    await db.query(
      `insert into contacts (id, customer_id, name, role, title, phone, is_primary)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[])`,
      [
        part.map((c) => c.id),
        part.map((c) => customers[c.customerIndex].id),
        part.map((c) => c.name),
        part.map((c) => c.role),
        part.map((c) => c.title || null),
        part.map((c) => c.phone || null),
        part.map((c) => c.isPrimary),
      ],
    );
  }
  // One scrypt hash for every account: hashing 2,000 passwords would take minutes and prove nothing.
  const hash = await hashPassword(password);
  const users: { id: string; email: string; name: string; role: string; customerId: string | null; team: string | null }[] = [];
  const add = (email: string, role: string, customerId: string | null = null, team: string | null = null) => {
    const id = uuidFrom(random);
    users.push({ id, email, name: personName(random), role, customerId, team });
    return id;
  };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const ids: StaffIds = {
    admin: add('admin@scale.example', 'admin'),
    managers: Array.from({ length: 6 }, (_, i) => add(`manager-${pad(i + 1, 2)}@scale.example`, 'manager', null, 'service_center')),
    agents: Array.from({ length: 60 }, (_, i) => add(`agent-${pad(i + 1, 3)}@scale.example`, 'agent', null, 'service_center')),
    engineers: Array.from({ length: 150 }, (_, i) =>
      add(`engineer-${pad(i + 1, 3)}@scale.example`, 'engineer', null, i % 5 === 0 ? 'field' : i % 7 === 0 ? 'rnd' : 'technical_center'),
    ),
    customerUsers: [],
  };
  // cust-0001 belongs to the busiest organisation, and so on down.
  const bySize = customers.map((c, i) => ({ w: c.weight, i })).sort((a, b) => b.w - a.w);
  ids.customerUsers = new Array(customers.length);
  bySize.forEach(({ i }, rank) => {
    ids.customerUsers[i] = add(`cust-${pad(rank + 1, 4)}@scale.example`, 'customer', customers[i].id);
  });
  await db.query(
    `insert into users (id, email, name, role, customer_id, team, password_hash)
     select u.id, u.email, u.name, u.role, u.customer_id, u.team, $7 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[]) as u(id, email, name, role, customer_id, team)`,
    [
      users.map((u) => u.id),
      users.map((u) => u.email),
      users.map((u) => u.name),
      users.map((u) => u.role),
      users.map((u) => u.customerId),
      users.map((u) => u.team),
      hash,
    ],
  );
  const contactsByCustomer = new Map<number, string[]>();
  for (const c of contacts) contactsByCustomer.set(c.customerIndex, [...(contactsByCustomer.get(c.customerIndex) ?? []), c.id]);
  contactIndex = contactsByCustomer;
  return ids;
}

let contactIndex = new Map<number, string[]>();
const yearCache = new Map<number, number>();

/** Secondary indexes of the bulk-loaded tables: dropped for the load, rebuilt once at the end (much faster). */
async function secondaryIndexes(db: Exec): Promise<{ name: string; def: string }[]> {
  const { rows } = await db.query(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid in ('tickets'::regclass, 'ticket_events'::regclass)
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`);
  return rows as { name: string; def: string }[];
}

function statusFor(random: Random, ageMs: number): Status {
  if (ageMs < 3 * DAY)
    return random.weighted<Status>([
      ['new', 20],
      ['acknowledged', 15],
      ['in_progress', 30],
      ['waiting_on_customer', 10],
      ['resolved', 15],
      ['closed', 10],
    ]);
  if (ageMs < 30 * DAY)
    return random.weighted<Status>([
      ['new', 2],
      ['acknowledged', 3],
      ['in_progress', 15],
      ['waiting_on_customer', 8],
      ['resolved', 20],
      ['confirmed', 10],
      ['closed', 40],
      ['cancelled', 2],
    ]);
  return random.weighted<Status>([
    ['closed', 72],
    ['confirmed', 10],
    ['resolved', 6],
    ['cancelled', 4],
    ['in_progress', 4],
    ['waiting_on_customer', 3],
    ['acknowledged', 0.5],
    ['new', 0.5],
  ]);
}

const TICKET_INSERT = `
  insert into tickets (id, number, customer_id, contact_id, channel, kind, content_category, cause_category, severity, module, title,
    description, status, assignee_id, team, resolution_summary, resolved_at, confirmed_at, confirmed_by_name, closed_at, first_responded_at,
    created_by_id, version, created_at, updated_at, search_vector)
  select u.id, u.number, u.customer_id, u.contact_id, u.channel, u.kind, u.content_category, u.cause_category, u.severity, u.module, u.title,
    u.description, u.status, u.assignee_id, u.team, u.resolution_summary, u.resolved_at, u.confirmed_at, u.confirmed_by_name, u.closed_at,
    u.first_responded_at, u.created_by_id, u.version, u.created_at, u.updated_at,
    setweight(to_tsvector('simple', u.a), 'A') || setweight(to_tsvector('simple', u.b), 'B') ||
    setweight(to_tsvector('simple', u.c), 'C') || setweight(to_tsvector('simple', u.d), 'D')
  from unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
    $11::text[], $12::text[], $13::text[], $14::uuid[], $15::text[], $16::text[], $17::timestamptz[], $18::timestamptz[], $19::text[],
    $20::timestamptz[], $21::timestamptz[], $22::uuid[], $23::int[], $24::timestamptz[], $25::timestamptz[],
    $26::text[], $27::text[], $28::text[], $29::text[])
    as u(id, number, customer_id, contact_id, channel, kind, content_category, cause_category, severity, module, title, description, status,
      assignee_id, team, resolution_summary, resolved_at, confirmed_at, confirmed_by_name, closed_at, first_responded_at, created_by_id,
      version, created_at, updated_at, a, b, c, d)`;

const EVENT_INSERT = `
  insert into ticket_events (ticket_id, actor_id, type, is_internal, body, data, created_at)
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::bool[], $5::text[], $6::jsonb[], $7::timestamptz[])`;

type Batch = { tickets: unknown[][]; events: unknown[][]; eventCount: number; statuses: Map<Status, number> };

function buildBatch(
  random: Random,
  arrivals: { at: number; customer: number }[],
  start: number,
  end: number,
  ctx: { customers: CustomerGen[]; staff: StaffIds; until: number; timeZone: string; counters: Map<number, number> },
): Batch {
  const t: unknown[][] = Array.from({ length: 29 }, () => []);
  const e: unknown[][] = Array.from({ length: 7 }, () => []);
  const statuses = new Map<Status, number>();
  const iso = (ms: number | null) => (ms === null ? null : new Date(Math.min(ms, ctx.until)).toISOString());
  for (let i = start; i < end; i++) {
    const { at, customer } = arrivals[i];
    const c = ctx.customers[customer];
    const id = uuidFrom(random);
    // Intl formatting is slow; a request's year only changes at an hour boundary in any zone.
    const hour = Math.floor(at / HOUR);
    let year = yearCache.get(hour);
    if (year === undefined) {
      year = yearIn(ctx.timeZone, new Date(at));
      yearCache.set(hour, year);
    }
    const seq = (ctx.counters.get(year) ?? 0) + 1;
    ctx.counters.set(year, seq);
    const text = requestText(random);
    const status = statusFor(random, ctx.until - at);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const channel = random.weighted([
      ['phone', 45],
      ['web', 25],
      ['email', 10],
      ['remote', 10],
      ['api', 8],
      ['fax', 2],
    ] as const);
    const engineer = random.pick(ctx.staff.engineers);
    const agent = random.pick(ctx.staff.agents);
    const creator = channel === 'web' ? ctx.staff.customerUsers[customer] : agent;
    const contacts = contactIndex.get(customer) ?? [];
    const severity = random.weighted([
      ['critical', 3],
      ['urgent', 17],
      ['normal', 80],
    ] as const);
    const team = random.weighted([
      ['technical_center', 70],
      ['field', 15],
      ['rnd', 10],
      ['service_center', 5],
    ] as const);
    // The timeline: created → assigned → reply (first response) → [note] → resolved → confirmed → closed.
    const events: [string | null, string, boolean, string | null, string, number][] = [];
    const ev = (actor: string | null, type: string, isInternal: boolean, body: string | null, data: object, when: number) =>
      events.push([actor, type, isInternal, body, JSON.stringify(data), Math.min(when, ctx.until)]);
    ev(creator, 'created', false, null, { channel, severity }, at);
    const isNew = status === 'new';
    const assignedAt = at + random.int(1, 20) * MINUTE;
    const ackAt = assignedAt + random.int(2, 45) * MINUTE;
    const replyAt = ackAt + random.int(5, 180) * MINUTE;
    const resolvedAt = replyAt + -Math.log(1 - random.next()) * 30 * HOUR;
    const confirmedAt = resolvedAt + random.int(1, 72) * HOUR;
    const closedAt = (status === 'closed' ? confirmedAt : resolvedAt) + random.int(1, 48) * HOUR;
    const publicTexts: string[] = [];
    let firstResponse: number | null = null;
    if (!isNew) {
      ev(agent, 'assigned', false, null, { assignee: { id: engineer }, team }, assignedAt);
      if (status === 'cancelled')
        ev(agent, 'status_changed', false, '客户已自行解决，撤销。', { from: 'acknowledged', to: 'cancelled' }, ackAt);
      else {
        ev(engineer, 'reply', false, text.replies[0], {}, replyAt);
        publicTexts.push(text.replies[0]);
        firstResponse = replyAt;
        if (text.replies[1]) {
          ev(engineer, 'reply', false, text.replies[1], {}, replyAt + 20 * MINUTE);
          publicTexts.push(text.replies[1]);
        }
        if (text.note) ev(engineer, 'note', true, text.note, {}, replyAt + 30 * MINUTE);
        if (status === 'waiting_on_customer')
          ev(engineer, 'status_changed', false, null, { from: 'in_progress', to: status }, replyAt + HOUR);
        if (status === 'in_progress') ev(engineer, 'status_changed', false, null, { from: 'acknowledged', to: status }, replyAt + HOUR);
      }
    }
    const isResolved = status === 'resolved' || status === 'confirmed' || status === 'closed';
    if (isResolved)
      ev(engineer, 'status_changed', false, null, { from: 'in_progress', to: 'resolved', resolution: text.resolution }, resolvedAt);
    if (status === 'confirmed' || status === 'closed')
      ev(ctx.staff.customerUsers[customer], 'status_changed', false, null, { from: 'resolved', to: 'confirmed' }, confirmedAt);
    if (status === 'closed') ev(agent, 'status_changed', false, null, { from: 'confirmed', to: 'closed' }, closedAt);
    const last = events[events.length - 1][5];
    const docs = searchDocuments({
      title: text.title,
      customerName: c.name,
      module: text.module,
      description: text.description,
      resolutionSummary: isResolved ? text.resolution : null,
      publicTexts,
    });
    const row = [
      id,
      formatTicketNumber(year, seq),
      c.id,
      contacts.length ? random.pick(contacts) : null,
      channel,
      random.weighted([
        ['request', 80],
        ['consultation', 15],
        ['complaint', 5],
      ] as const),
      random.pick(CONTENT_CATEGORIES),
      isResolved ? random.pick(CAUSE_CATEGORIES) : null,
      severity,
      text.module,
      text.title,
      text.description,
      status,
      isNew ? null : engineer,
      isNew ? null : team,
      isResolved ? text.resolution : null,
      isResolved ? iso(resolvedAt) : null,
      status === 'confirmed' || status === 'closed' ? iso(confirmedAt) : null,
      null,
      status === 'closed' || status === 'cancelled' ? iso(status === 'closed' ? closedAt : ackAt) : null,
      iso(firstResponse),
      creator,
      events.length,
      iso(at),
      iso(last),
      ...docs,
    ];
    row.forEach((v, k) => {
      t[k].push(v);
    });
    for (const [actor, type, isInternal, body, data, when] of events) {
      e[0].push(id);
      e[1].push(actor);
      e[2].push(type);
      e[3].push(isInternal);
      e[4].push(body);
      e[5].push(data);
      e[6].push(new Date(when).toISOString());
    }
  }
  return { tickets: t, events: e, eventCount: e[0].length, statuses };
}

async function main() {
  const options = parseCommandLine(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const password = process.env.SEED_PASSWORD ?? 'scale-password-1';
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const started = performance.now();
  let db: Exec | undefined;
  let dropped: { name: string; def: string }[] = [];
  try {
    await prepareDatabase(database);
    db = await rawConnection(database);
    const existing = Number((await db.query('select count(*)::int as n from tickets')).rows[0].n);
    if (existing > 0) throw new UsageError(`the database already has ${fmt(existing)} requests; seed:scale writes into an empty one`);
    const target = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
    const from = options.until - options.years * 365 * DAY;
    console.log(
      `Seeding ${target}: ${fmt(options.requests)} requests, ${fmt(options.customers)} organisations, ${fmt(options.contacts)} contacts, ` +
        `${new Date(from).toISOString().slice(0, 10)} … ${new Date(options.until).toISOString().slice(0, 10)}, seed ${options.seed}`,
    );
    const random = createRandom(options.seed);
    const customers = generateCustomers(random, options.customers, from, options.until);
    const staff = await insertPeople(db, random, customers, options.contacts, password);
    console.log(
      `  people: ${fmt(customers.length)} organisations, ${fmt(options.contacts)} contacts, users in ${secs(performance.now() - started)}`,
    );

    const arrivals = generateArrivals(random, customers, options.requests, from, options.until);
    dropped = await secondaryIndexes(db);
    for (const index of dropped) await db.query(`drop index ${index.name}`);
    // Foreign keys are not checked row by row during the load (all ids come from this run); needs a superuser.
    await db.query('set session_replication_role = replica').catch(() => console.log('  (not a superuser: foreign keys checked per row)'));

    const ctx = { customers, staff, until: options.until, timeZone: config.timeZone, counters: new Map<number, number>() };
    const loadStart = performance.now();
    let events = 0;
    const statuses = new Map<Status, number>();
    let inFlight: Promise<unknown> | null = null;
    let generateMs = 0;
    for (let start = 0; start < arrivals.length; start += options.batch) {
      const end = Math.min(arrivals.length, start + options.batch);
      const g0 = performance.now();
      const batch = buildBatch(random, arrivals, start, end, ctx);
      generateMs += performance.now() - g0;
      // One batch on the wire while the next is generated (PostgreSQL works in its own process).
      if (inFlight) await inFlight;
      inFlight = db.query(TICKET_INSERT, batch.tickets).then(() => db?.query(EVENT_INSERT, batch.events));
      events += batch.eventCount;
      for (const [s, n] of batch.statuses) statuses.set(s, (statuses.get(s) ?? 0) + n);
      const elapsed = performance.now() - loadStart;
      const rate = end / (elapsed / 1000);
      if ((start / options.batch) % 10 === 9 || end === arrivals.length) {
        console.log(
          `  requests ${fmt(end)} / ${fmt(arrivals.length)} (${Math.round((end / arrivals.length) * 100)}%), events ${fmt(events)} · ` +
            `${fmt(Math.round(rate))} requests/s · ETA ${secs(((arrivals.length - end) / rate) * 1000)}`,
        );
      }
    }
    if (inFlight) await inFlight;
    await db.query('set session_replication_role = origin').catch(() => undefined);
    const loadMs = performance.now() - loadStart;
    console.log(
      `  loaded ${fmt(arrivals.length)} requests and ${fmt(events)} events in ${secs(loadMs)} (generating them: ${secs(generateMs)})`,
    );

    // Triggers were off during the load (replica role): the per-status summary is computed once here.
    await db.query('delete from ticket_status_counts');
    await db.query(
      'insert into ticket_status_counts (customer_id, status, n) select customer_id, status, count(*) from tickets group by 1, 2',
    );
    for (const [year, last] of ctx.counters) {
      await db.query(
        'insert into ticket_counters (year, last) values ($1, $2) on conflict (year) do update set last = greatest(ticket_counters.last, excluded.last)',
        [year, last],
      );
    }
    const indexStart = performance.now();
    for (const index of dropped) {
      const t0 = performance.now();
      await db.query(index.def);
      console.log(`  index ${index.name} rebuilt in ${secs(performance.now() - t0)}`);
    }
    dropped = [];
    const indexMs = performance.now() - indexStart;
    const analyzeStart = performance.now();
    await db.query('analyze');
    console.log(`  analyze in ${secs(performance.now() - analyzeStart)}`);
    const total = performance.now() - started;
    const closed = statuses.get('closed') ?? 0;
    const open = OPEN_STATUSES.reduce((s, k) => s + (statuses.get(k) ?? 0), 0);
    console.log(
      `\nDone in ${secs(total)} (load ${secs(loadMs)}, indexes ${secs(indexMs)}): ${fmt(arrivals.length)} requests ` +
        `(${Math.round((closed / Math.max(1, arrivals.length)) * 100)}% closed, ${fmt(open)} open), ${fmt(events)} timeline events ` +
        `(${(events / Math.max(1, arrivals.length)).toFixed(1)} per request).`,
    );
    console.log(
      `Sign in as admin@scale.example / ${password === 'scale-password-1' ? password : '$SEED_PASSWORD'} (see --help for the other accounts).`,
    );
  } finally {
    // A failed load must not leave the tables without their indexes.
    for (const index of dropped) await db?.query(index.def.replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS')).catch(() => undefined);
    await db?.close();
    await database.close();
  }
}

main().catch((error) => {
  if (error instanceof DataDirLockedError) {
    // Refused at once, with who holds the data dir: no stack trace, nothing was touched.
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(error.message);
    if (error instanceof UsageError) console.error(`\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

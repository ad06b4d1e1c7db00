import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../domain/vocabulary.ts';
import { build } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { openLiveBus } from '../db/live-notify.ts';
import type { Deps } from '../deps.ts';
import { addContact, createCustomer } from '../features/customers/customers.service.ts';
import { createUser } from '../features/users/users.service.ts';
import { CSRF_HEADER } from '../http/authenticate.ts';
import type { Actor } from '../policy.ts';
import { openSharedPglite } from './shared-pglite.ts';

export type TestClock = { (): Date; set(iso: string | Date): void; advance(ms: number): void };

/** A clock tests move by hand: nothing in a test sleeps. */
export function createTestClock(start = '2026-03-02T01:00:00Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (at) => {
    now = new Date(at).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/**
 * A database for one test file, indistinguishable from a fresh copy of the migrated template. On PostgreSQL a
 * copy of the template database; on PGlite this worker's one instance, reset to the template (shared-pglite.ts),
 * unless `fresh` asks for an instance of its own (a test of the embedded database's thread or lifecycle).
 */
export async function openTestDatabase(options: { fresh?: boolean } = {}): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (serverUrl && template) {
    const name = `${template}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  }
  const templatePath = inject('pgliteTemplatePath');
  const tar = async () => new Blob([await readFile(templatePath)]);
  // AFTERSALES_TEST_FRESH_PGLITE=1: every file loads the template (as before the shared instance; to compare).
  if (!options.fresh && process.env.AFTERSALES_TEST_FRESH_PGLITE !== '1') {
    const shared = await openSharedPglite(templatePath, tar);
    if (shared) return shared;
  }
  return openDatabase({ loadDataDir: await tar() });
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** The request tests create unless they say otherwise: a critical outpatient-billing outage by phone. */
export const SAMPLE_TICKET = {
  title: '门诊收费系统无法登录',
  description: '全院门诊收费窗口无法登录，提示数据库连接失败',
  severity: 'critical',
  channel: 'phone',
  kind: 'request',
} as const;

export type Session = {
  cookie: string;
  csrf: string;
  user: { id: string; email: string; role: Role; customerId: string | null; name: string };
};

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/** Opens the same test database once more, as a second server process would (PostgreSQL only). */
export async function openSecondConnection(database: Database): Promise<Database | null> {
  return database.url ? openDatabase({ databaseUrl: database.url, poolSize: 5 }) : null;
}

/** The app wired as in production, over a fresh database, with a hand-moved clock. */

export async function createTestContext(options: { env?: Record<string, string>; webDir?: string; ssrDir?: string } = {}) {
  const database = await openTestDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'aftersales-data-'));
  const clock = createTestClock();
  const config = loadConfig({ AFTERSALES_DATA_DIR: dataDir, AFTERSALES_MAX_UPLOAD_MB: '1', LOG_LEVEL: 'silent', ...options.env });
  // As in production: NOTIFY on PostgreSQL (each test file's database is its own channel), in-process on PGlite.
  const live = await openLiveBus({ database, onError: (error) => console.error('live bus:', error) });
  const deps: Deps = { db: database.db, config, clock, live };
  const app = await build({ deps, webDir: options.webDir, ssrDir: options.ssrDir });
  const bootstrapActor: Actor = {
    id: '00000000-0000-0000-0000-000000000000',
    role: 'admin',
    customerId: null,
    name: 'bootstrap',
    via: 'token',
  };

  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}-${randomBytes(3).toString('hex')}`;

  async function call(method: string, url: string, options: { as?: Session; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) {
      headers.cookie = options.as.cookie;
      if (method !== 'GET') headers[CSRF_HEADER] = options.as.csrf;
    }
    return app.inject({ method: method as 'GET', url, headers, payload: options.body as object | undefined });
  }

  async function signIn(email: string, password = TEST_PASSWORD): Promise<Session> {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const body = res.json();
    return { cookie, csrf: body.csrfToken, user: body.user };
  }

  /** Creates a user directly through the service and signs in as them. */
  async function user(role: Role, extra: { customerId?: string; name?: string } = {}): Promise<Session> {
    const email = `${unique(role)}@example.com`;
    await createUser({
      deps,
      actor: bootstrapActor,
      input: { email, name: extra.name ?? unique(role), password: TEST_PASSWORD, role, customerId: extra.customerId },
    });
    return signIn(email);
  }

  async function customer(name = unique('医院')) {
    const row = await createCustomer({
      deps,
      actor: bootstrapActor,
      input: { name, kind: 'hospital', province: '湖北省', city: '武汉市', grade: '三级甲等', distanceClass: 'same_city' },
    });
    const contact = await addContact({
      deps,
      actor: bootstrapActor,
      customerId: row.id,
      input: { name: '张主任', role: 'it_director', phone: '027-88886666', isPrimary: true },
    });
    return { ...row, contact };
  }

  async function ticket(as: Session, customerId: string, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/v1/tickets', {
      as,
      body: { ...SAMPLE_TICKET, customerId, ...extra },
    });
    if (res.statusCode !== 201) throw new Error(`ticket create failed: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  /** Runs raw SQL and returns its rows, on either driver. */
  async function rows<T>(query: SQL): Promise<T[]> {
    const result = (await database.db.execute(query)) as unknown as { rows: T[] };
    return result.rows;
  }

  /** Row counts of every table: "nothing changed" is asserted by comparing two snapshots. */
  async function snapshot() {
    // Every table, so a table added later is covered without anyone remembering to list it here.
    const tables = (
      await rows<{ name: string }>(
        sql.raw(
          "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
        ),
      )
    ).map((row) => row.name);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from "${t}"`)))[0].n;
    counts.ticketVersions = (await rows<{ v: number }>(sql.raw('select coalesce(sum(version),0)::int as v from tickets')))[0].v;
    return counts;
  }

  async function close() {
    await app.close();
    await live.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  return { app, deps, database, clock, call, signIn, user, customer, ticket, snapshot, rows, unique, close, dataDir };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CSRF_HEADER } from './http/authenticate.ts';
import { forTicket, type LiveStream, openLiveStream } from './testing/live-stream.ts';
import { SAMPLE_TICKET } from './testing/test-context.ts';

// Two real server processes (`src/server/main.ts`) on one PostgreSQL database, as behind a load
// balancer. PostgreSQL only (see vitest.config.ts): an embedded data directory has one process.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_EMAIL = 'admin@two-servers.test';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

type Server = { name: string; port: number; child: ChildProcess; output: () => string; exited: Promise<number | null> };
type Session = { cookie: string; csrf: string };

let databaseName = '';
let databaseUrl = '';
let dataDir = '';
let inspect: pg.Client | null = null;
let a: Server;
let b: Server;
const servers: Server[] = [];
const streams: LiveStream[] = [];

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `main.ts`; resolves once it logs that it is serving, rejects if it exits or takes too long. */
async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  // Plain node with tsx's loader rather than the tsx wrapper: one process, so a signal reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      // No password: the process that creates the administrator prints a generated one.
      AFTERSALES_ADMIN_EMAIL: ADMIN_EMAIL,
      AFTERSALES_ADMIN_PASSWORD: '',
      // One directory for both, as a shared volume would be.
      AFTERSALES_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SMTP_HOST: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: Server = { name, port, child, output: () => output, exited };
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Aftersales is serving')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before serving:\n${output}`));
    });
  });
  return server;
}

/** SIGTERM, then SIGKILL if the graceful shutdown does not finish in time; resolves with the exit code. */
async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await server.exited;
  clearTimeout(timer);
  return code;
}

async function api(server: Server, method: string, url: string, options: { as?: Session; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.as) {
    headers.cookie = options.as.cookie;
    if (method !== 'GET') headers[CSRF_HEADER] = options.as.csrf;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${server.port}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function signIn(server: Server, password: string): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in on ${server.name} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie()[0].split(';')[0], csrf: body.csrfToken };
}

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('this file runs on PostgreSQL only (TEST_DATABASE_URL)');
  // Named after the template, so the global teardown drops it even if afterAll does not get to.
  databaseName = `${template}_two_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${databaseName} template ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  inspect = new pg.Client({ connectionString: databaseUrl });
  await inspect.connect();
  dataDir = await mkdtemp(path.join(tmpdir(), 'aftersales-two-servers-'));
  // Started together, as after a deploy: migrations, built-ins and the first administrator race.
  [a, b] = await Promise.all([startServer('A'), startServer('B')]);
}, 2 * START_TIMEOUT_MS);

afterAll(
  async () => {
    for (const stream of streams) stream.close();
    // Every process this file started, even when a test (or the start itself) failed.
    await Promise.all(servers.map(stopServer));
    await inspect?.end();
    if (databaseName && process.env.TEST_DATABASE_URL) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  },
  2 * STOP_TIMEOUT_MS + 10_000,
);

describe('two server processes on one PostgreSQL database', () => {
  let session: Session;
  let customerId: string;
  let ticket: { id: string; number: string; version: number };

  test('started together, exactly one creates the administrator, and its printed password works on both', async () => {
    const printed = [a, b].map((s) => /Password \(shown once\): (\S+)/.exec(s.output())?.[1]).filter((p) => p !== undefined);
    expect(printed).toHaveLength(1);
    const { rows } = await (inspect as pg.Client).query<{ n: number }>(
      "select count(*)::int as n from users where role = 'admin' and email = $1",
      [ADMIN_EMAIL],
    );
    expect(rows).toEqual([{ n: 1 }]);
    session = await signIn(a, printed[0] as string);
    expect((await api(b, 'GET', '/api/v1/health')).body).toEqual({ status: 'ok' });
  });

  test('a session opened on one process is honoured by the other: sessions live in the database', async () => {
    const onB = await api(b, 'GET', '/api/v1/auth/me', { as: session });
    expect(onB.status).toBe(200);
    expect(onB.body.user.email).toBe(ADMIN_EMAIL);
  });

  test('a request made through A is read through B, and an agent on B hears of it live', async () => {
    const streamOnB = await openLiveStream({ port: b.port, cookie: session.cookie });
    streams.push(streamOnB);
    expect(streamOnB.status).toBe(200);

    const customer = await api(a, 'POST', '/api/v1/customers', {
      as: session,
      body: { name: `两台服务器医院-${randomBytes(3).toString('hex')}`, province: '湖北省', city: '武汉市' },
    });
    expect(customer.status).toBe(201);
    customerId = customer.body.id;
    const created = await api(a, 'POST', '/api/v1/tickets', {
      as: session,
      body: { ...SAMPLE_TICKET, customerId },
    });
    expect(created.status).toBe(201);
    ticket = created.body;

    const heard = await streamOnB.next(forTicket(ticket.id, 'ticket.created'));
    expect(heard.data).toMatchObject({ ticketId: ticket.id, number: ticket.number, customerId });
    const readOnB = await api(b, 'GET', `/api/v1/tickets/${ticket.id}`, { as: session });
    expect(readOnB.status).toBe(200);
    expect(readOnB.body).toMatchObject({ id: ticket.id, number: ticket.number, version: ticket.version, title: '门诊收费系统无法登录' });
  });

  test('a change through B reaches A live, and A writing with the version it read before gets 409', async () => {
    const streamOnA = await openLiveStream({ port: a.port, cookie: session.cookie });
    streams.push(streamOnA);
    const onB = await api(b, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: session,
      body: { severity: 'urgent', version: ticket.version },
    });
    expect(onB.status).toBe(200);
    expect(onB.body.version).toBe(ticket.version + 1);
    await streamOnA.next(forTicket(ticket.id, 'ticket.updated'));

    // The version A's user saw is stale now: optimistic concurrency holds across processes.
    const stale = await api(a, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      as: session,
      body: { severity: 'normal', version: ticket.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    const now = await api(a, 'GET', `/api/v1/tickets/${ticket.id}`, { as: session });
    expect(now.body).toMatchObject({ severity: 'urgent', version: ticket.version + 1 });
    for (const stream of streams) stream.close();
  });

  test('signing out on one process ends the session on the other', async () => {
    const out = await api(b, 'POST', '/api/v1/auth/logout', { as: session });
    expect(out.status).toBe(204);
    expect((await api(a, 'GET', '/api/v1/auth/me', { as: session })).status).toBe(401);
  });

  test('both shut down cleanly on SIGTERM (the live listener included)', async () => {
    expect(await Promise.all([stopServer(a), stopServer(b)])).toEqual([0, 0]);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SAMPLE_TICKET } from './testing/test-context.ts';

// The real server as an operator runs it, on embedded PGlite, killed without warning.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ADMIN_EMAIL = 'admin@durability.example.com';
const ADMIN_PASSWORD = 'durable-password-2026';
const BOOT_LIMIT_MS = 90_000;

let dataDir: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'aftersales-durability-'));
}, 120_000);
afterAll(async () => {
  for (const child of running) killGroup(child);
  await rm(dataDir, { recursive: true, force: true });
}, 120_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * tsx runs the script in a child node process: the server gets its own process group so that
 * SIGKILL reaches the process holding the database, not only the tsx wrapper.
 */
function killGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

type Server = { child: ChildProcess; base: string; exited: Promise<void>; output: () => string };

async function startServer(): Promise<Server> {
  const server = await spawnServer();
  const { child, output } = server;

  // An external process offers no event to wait on: poll its health, within a bound.
  const deadline = Date.now() + BOOT_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited while starting:\n${output()}`);
    try {
      const res = await fetch(`${server.base}/api/v1/health`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  killGroup(child);
  throw new Error(`server not healthy after ${BOOT_LIMIT_MS} ms:\n${output()}`);
}

/** `npm run serve` on the test's data dir (or `script`, e.g. the demo loader), not waited for. */
async function spawnServer(script = 'src/server/main.ts'): Promise<Server> {
  const port = await freePort();
  // PGlite in the data directory: no DATABASE_URL, whatever the test run itself uses.
  const { DATABASE_URL: _db, TEST_DATABASE_URL: _testDb, ...env } = process.env;
  const child = spawn(TSX, [script], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      AFTERSALES_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      AFTERSALES_ADMIN_EMAIL: ADMIN_EMAIL,
      AFTERSALES_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    },
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, exited, output: () => output };
}

type Session = { cookie: string; csrf: string };

async function signIn(server: Server): Promise<Session> {
  const res = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  const body = (await res.json()) as { csrfToken: string };
  expect(cookie).toBeTruthy();
  expect(body.csrfToken).toBeTruthy();
  return { cookie: cookie as string, csrf: body.csrfToken };
}

async function call(server: Server, session: Session, method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.base}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf, 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('a request the API acknowledged survives kill -9 of the server on PGlite', async () => {
  const first = await startServer();
  expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
  const session = await signIn(first);
  const customer = await call(first, session, 'POST', '/api/v1/customers', {
    name: '武汉市第一人民医院',
    kind: 'hospital',
    province: '湖北省',
    city: '武汉市',
  });
  expect(customer.status).toBe(201);
  const created = await call(first, session, 'POST', '/api/v1/tickets', {
    customerId: customer.json.id,
    title: '住院医生站无法开医嘱',
    description: '内科病区全部医生站开医嘱时报错',
    severity: 'critical',
    channel: 'phone',
    kind: 'request',
  });
  expect(created.status).toBe(201);
  const ticket = created.json as { id: string; number: string };
  expect(ticket.number).toMatch(/^SR-\d{4}-\d{6}$/);

  // Acknowledged: pull the plug at once, with no chance to flush or shut down.
  killGroup(first.child);
  await first.exited;
  expect(first.child.signalCode).toBe('SIGKILL');
  await expect(fetch(`${first.base}/api/v1/health`)).rejects.toThrow();

  const second = await startServer();
  const again = await signIn(second);
  const fetched = await call(second, again, 'GET', `/api/v1/tickets/${ticket.id}`);
  expect(fetched.status).toBe(200);
  expect(fetched.json).toMatchObject({
    id: ticket.id,
    number: ticket.number,
    title: '住院医生站无法开医嘱',
    customerId: customer.json.id,
    status: 'new',
  });
  const listed = await call(second, again, 'GET', `/api/v1/tickets?customerId=${String(customer.json.id)}`);
  expect((listed.json.items as { number: string }[]).map((t) => t.number)).toEqual([ticket.number]);

  killGroup(second.child);
  await second.exited;
}, 240_000);

test('a second process on the same PGlite data dir is refused at once, and the first keeps serving', async () => {
  const first = await startServer();
  const session = await signIn(first);
  const customer = await call(first, session, 'POST', '/api/v1/customers', {
    name: '襄阳市中心医院',
    kind: 'hospital',
    province: '湖北省',
    city: '襄阳市',
  });
  expect(customer.status).toBe(201);
  const lock = JSON.parse(await readFile(path.join(dataDir, 'aftersales.lock'), 'utf8')) as { pid: number };

  // A second server (another port) and the README's demo loader: both refuse before touching the files.
  for (const script of ['src/server/main.ts', 'scripts/demo.ts']) {
    const second = await spawnServer(script);
    await second.exited;
    expect(second.child.exitCode, second.output()).not.toBe(0);
    expect(second.output()).toContain(`is in use by process ${lock.pid}`);
    expect(second.output()).toContain('src/server/main.ts');
    expect(second.output()).toMatch(/Stop that process first/);
    expect(second.output()).toMatch(/DATABASE_URL/);
    expect(second.output()).not.toMatch(/Loading demo data|is serving/);
  }

  // The first still serves, reads and writes: nothing forked the database under it.
  const created = await call(first, session, 'POST', '/api/v1/tickets', { ...SAMPLE_TICKET, customerId: customer.json.id });
  expect(created.status).toBe(201);
  const listed = await call(first, session, 'GET', `/api/v1/tickets?customerId=${String(customer.json.id)}`);
  expect((listed.json.items as { number: string }[]).map((t) => t.number)).toEqual([created.json.number]);

  // A clean stop releases the lock: the next server starts without any stale-lock takeover.
  // To the server process itself (the holder named in the lock), as a service manager would.
  process.kill(lock.pid, 'SIGTERM');
  await first.exited;
  expect(first.child.exitCode).toBe(0);
  expect(existsSync(path.join(dataDir, 'aftersales.lock'))).toBe(false);
  const next = await startServer();
  killGroup(next.child);
  await next.exited;
}, 240_000);

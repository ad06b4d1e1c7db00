/**
 * `npm run bench`: HTTP benchmarks against a running server (figures, not tests).
 *
 *   BENCH_URL=http://127.0.0.1:3000 BENCH_EMAIL=admin@scale.example BENCH_PASSWORD=scale-password-1 \
 *   BENCH_CUSTOMER_EMAIL=cust-0001@scale.example BENCH_DB=postgres npm run bench
 *
 * 1. Latency (one client, sequential; p50/p95/p99 over BENCH_SAMPLES requests after a warm-up) of:
 *    agent queue views (common filters and sorts, next page), counts, request detail with timeline,
 *    search (a Chinese word, an English word, a request number; the queue's text filter), create, status change.
 * 2. Throughput of the main reads with BENCH_CONNECTIONS concurrent connections (autocannon).
 * 3. Mixed loads for BENCH_DURATION seconds each: agents browsing, searching, opening, replying and creating,
 *    and customer users doing the same within their organisation, over many concurrent connections — a
 *    service centre's mix (mostly reading) and a search- and intake-heavy one (see MIXES for the weights).
 * Writes bench/results/<date>-<db>-<size>[-<suffix>].json and .md. `--only search` (BENCH_ONLY=search) runs
 * just the search latencies and throughput, `--only mixed` just the mixed load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import autocannon, { type Result } from 'autocannon';

const { values: flags } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.BENCH_URL ?? 'http://127.0.0.1:3000' },
    /** More server processes on the same database (comma-separated): the mixed loads spread their connections over all. */
    'also-url': { type: 'string', default: process.env.BENCH_ALSO_URL ?? '' },
    email: { type: 'string', default: process.env.BENCH_EMAIL ?? 'admin@scale.example' },
    password: { type: 'string', default: process.env.BENCH_PASSWORD ?? 'scale-password-1' },
    'customer-email': { type: 'string', default: process.env.BENCH_CUSTOMER_EMAIL ?? 'cust-0001@scale.example' },
    db: { type: 'string', default: process.env.BENCH_DB ?? 'unknown' },
    samples: { type: 'string', default: process.env.BENCH_SAMPLES ?? '200' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '16' },
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '30' },
    'throughput-seconds': { type: 'string', default: process.env.BENCH_THROUGHPUT_SECONDS ?? '8' },
    /** `search`: only the search latencies and search throughput (quick iterations); `mixed`: only the mixed load. */
    only: { type: 'string', default: process.env.BENCH_ONLY ?? '' },
    /** Appended to the results' file names (`-<suffix>`), so a re-run does not overwrite earlier figures. */
    suffix: { type: 'string', default: process.env.BENCH_SUFFIX ?? '' },
  },
});
const BASE = flags.url.replace(/\/$/, '');
const API = `${BASE}/api/v1`;
const MIXED_BASES = [
  BASE,
  ...flags['also-url']
    .split(',')
    .filter(Boolean)
    .map((u) => u.replace(/\/$/, '')),
];
const SAMPLES = Number(flags.samples);
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);
const THROUGHPUT_SECONDS = Number(flags['throughput-seconds']);
const ONLY = flags.only;
if (!['', 'search', 'mixed'].includes(ONLY)) throw new Error(`--only must be search or mixed, not ${ONLY}`);
const runs = (part: 'latency' | 'search' | 'throughput' | 'mixed') =>
  ONLY === '' || (ONLY === 'search' && (part === 'search' || part === 'throughput')) || (ONLY === 'mixed' && part === 'mixed');

type Session = { cookie: string; csrf: string; headers: Record<string, string> };

async function login(email: string, password: string): Promise<Session> {
  const res = await fetch(`${API}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

async function call<T = unknown>(s: Session, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${API}${path}`, { method, headers: s.headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

const round = (n: number) => Math.round(n * 10) / 10;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

type Latency = { n: number; p50: number; p95: number; p99: number; max: number; mean: number; errors: number };

/** Sequential requests from one client: latency as one user sees it, with the server otherwise idle. */
async function measure(name: string, next: (i: number) => Promise<{ status: number }>, samples = SAMPLES, warmup = 10): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await next(-1 - i);
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const { status } = await next(i);
    times.push(performance.now() - t0);
    if (status >= 400) errors++;
  }
  const result = latencyOf(times, errors);
  console.log(
    `  ${name.padEnd(44)} p50 ${result.p50} ms · p95 ${result.p95} ms · p99 ${result.p99} ms${errors ? ` · ${errors} errors` : ''}`,
  );
  return result;
}

function latencyOf(times: number[], errors: number): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0, errors };
  return {
    n: sorted.length,
    p50: round(pct(sorted, 50)),
    p95: round(pct(sorted, 95)),
    p99: round(pct(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((s, t) => s + t, 0) / sorted.length),
    errors,
  };
}

// Runs in a thread of its own, so that the load generator's busy event loop does not add to what it measures.
const HEALTH_PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
parentPort.once('message', () => { stop = true; });
(async () => {
  const times = [];
  let errors = 0;
  while (!stop) {
    const t0 = performance.now();
    try {
      const res = await fetch(workerData.url, { signal: AbortSignal.timeout(10000) });
      await res.arrayBuffer();
      if (!res.ok) errors++;
    } catch { errors++; }
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  parentPort.postMessage({ times, errors });
})();
`;

/**
 * `GET /health` (no query) one after another, 50 ms apart, while \`load\` runs: how long a request that
 * needs no database waits behind the others. On the embedded database this shows whether PGlite's work
 * stops the server's event loop (issue 9 item 22).
 */
async function healthDuring<T>(load: Promise<T>): Promise<{ result: T; health: Latency }> {
  const probe = new Worker(HEALTH_PROBE, { eval: true, workerData: { url: `${API}/health` } });
  const measured = new Promise<{ times: number[]; errors: number }>((resolve, reject) => {
    probe.once('message', resolve);
    probe.once('error', reject);
  });
  try {
    const result = await load;
    probe.postMessage('stop');
    const { times, errors } = await measured;
    return { result, health: latencyOf(times, errors) };
  } finally {
    await probe.terminate();
  }
}

type Throughput = { requestsPerSecond: number; p50: number; p95approx: number; p99: number; errors: number; non2xx: number };

function summarise(r: Result): Throughput {
  return {
    requestsPerSecond: round(r.requests.average),
    p50: r.latency.p50,
    // autocannon reports p90 and p97.5; p95 lies between them.
    p95approx: round((r.latency.p90 + r.latency.p97_5) / 2),
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Several autocannon runs as one: rates and counts add up, latencies are the busiest run's (an upper bound). */
function mergeResults(parts: Result[]): Result {
  const slowest = parts.reduce((a, b) => (b.latency.p99 > a.latency.p99 ? b : a));
  return {
    ...slowest,
    requests: { ...slowest.requests, average: parts.reduce((sum, p) => sum + p.requests.average, 0) },
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    timeouts: parts.reduce((sum, p) => sum + p.timeouts, 0),
    non2xx: parts.reduce((sum, p) => sum + p.non2xx, 0),
  };
}

async function throughput(name: string, s: Session, paths: string[]): Promise<Throughput> {
  let i = 0;
  const result = await autocannon({
    url: BASE,
    connections: CONNECTIONS,
    duration: THROUGHPUT_SECONDS,
    headers: { cookie: s.cookie },
    requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/v1${paths[i++ % paths.length]}` }) }],
  });
  const t = summarise(result);
  console.log(`  ${name.padEnd(44)} ${t.requestsPerSecond} req/s · p50 ${t.p50} ms · p99 ${t.p99} ms · errors ${t.errors + t.non2xx}`);
  return t;
}

const SEARCH_WORDS = [
  '打印',
  '门诊收费',
  '数据库置疑',
  '医保',
  '交换机',
  '卡顿',
  '无法登录',
  '接口',
  'printer',
  'timeout',
  'login',
  '读卡器',
];
const OPEN = 'new,acknowledged,in_progress,waiting_on_customer';

async function main() {
  const loadBefore = loadavg()[0];
  console.log(`Benchmarking ${BASE} (${flags.db}); load average ${loadBefore.toFixed(1)}`);
  const admin = await login(flags.email, flags.password);
  const customer = await login(flags['customer-email'], flags.password);
  const counts = (await call<{ byStatus: Record<string, number> }>(admin, 'GET', '/tickets/counts')).json;
  const size = Object.values(counts.byStatus).reduce((s, n) => s + n, 0);
  console.log(`  ${size.toLocaleString('en-US')} requests in the database`);

  // Sample data to address: ids across the archive, customers, a request number, the customer's own requests.
  const pages = await Promise.all(
    ['sort=created_asc', 'sort=created_desc', 'status=closed', `status=${OPEN}`, 'sort=updated_desc'].map((q) =>
      call<{ items: { id: string; number: string; customerId: string; status: string }[] }>(admin, 'GET', `/tickets?limit=200&${q}`),
    ),
  );
  const sample = pages.flatMap((p) => p.json.items);
  const ids = sample.map((t) => t.id);
  const numbers = sample.map((t) => t.number);
  const customerIds = [...new Set(sample.map((t) => t.customerId))];
  const openIds = sample.filter((t) => OPEN.includes(t.status)).map((t) => t.id);
  const own = (await call<{ items: { id: string; customerId: string }[] }>(customer, 'GET', '/tickets?limit=200')).json.items;
  const ownCustomer = own[0]?.customerId;
  const big = (await call<{ items: { customerId: string }[] }>(admin, 'GET', '/tickets?limit=1')).json.items[0]?.customerId;
  const firstPage = (await call<{ nextCursor: string }>(admin, 'GET', `/tickets?status=${OPEN}&limit=50`)).json.nextCursor;
  const pick = <T>(xs: T[], i: number) => xs[Math.abs(i) % xs.length];

  console.log('\nLatency (one client, sequential):');
  const queueViews: Record<string, string> = {
    'queue: open, newest first': `/tickets?status=${OPEN}&limit=50`,
    'queue: open, most severe first': `/tickets?status=${OPEN}&sort=severity&limit=50`,
    'queue: unassigned new': '/tickets?status=new&assigneeId=none&limit=50',
    'queue: waiting on customer': '/tickets?status=waiting_on_customer&limit=50',
    'queue: all, recently updated': '/tickets?sort=updated_desc&limit=50',
    'queue: closed, newest first': '/tickets?status=closed&limit=50',
    'queue: one customer': `/tickets?customerId=${big}&limit=50`,
    'queue: open, page 2 (cursor)': `/tickets?status=${OPEN}&limit=50&cursor=${firstPage}`,
    'queue: customer user (own organisation)': '/tickets?limit=50',
  };
  const latency: Record<string, Latency> = {};
  if (runs('latency')) {
    for (const [name, path] of Object.entries(queueViews)) {
      const as = name.includes('customer user') ? customer : admin;
      latency[name] = await measure(name, () => call(as, 'GET', path), Math.ceil(SAMPLES / 2));
    }
    latency.counts = await measure('counts (queue header)', () => call(admin, 'GET', '/tickets/counts'), Math.ceil(SAMPLES / 2));
    latency['detail with timeline'] = await measure('detail with timeline', (i) => call(admin, 'GET', `/tickets/${pick(ids, i)}`));
  }
  const searches: Record<string, (i: number) => string> = {
    'search: Chinese word (打印)': () => '/search?q=打印',
    'search: Chinese compound (门诊收费)': () => `/search?q=${encodeURIComponent('门诊收费')}`,
    'search: rare Chinese word (数据库置疑)': () => `/search?q=${encodeURIComponent('数据库置疑')}`,
    'search: English word (printer)': () => '/search?q=printer',
    'search: request number': (i) => `/search?q=${pick(numbers, i)}`,
    'search: mixed words': (i) => `/search?q=${encodeURIComponent(pick(SEARCH_WORDS, i))}`,
    'queue text filter (打印, ranked)': () => `/tickets?text=${encodeURIComponent('打印')}&limit=50`,
    'queue text filter (打印, newest first)': () => `/tickets?text=${encodeURIComponent('打印')}&sort=created_desc&limit=50`,
    'search: customer user (打印)': () => `/search?q=${encodeURIComponent('打印')}`,
    'search: customer user (mixed words)': (i) => `/search?q=${encodeURIComponent(pick(SEARCH_WORDS, i))}`,
  };
  for (const [name, path] of Object.entries(searches)) {
    if (!runs('search')) break;
    const as = name.includes('customer user') ? customer : admin;
    latency[name] = await measure(name, (i) => call(as, 'GET', encodeURI(decodeURI(path(i)))));
  }
  const created: string[] = [];
  if (runs('latency')) {
    latency.create = await measure(
      'create',
      async (i) => {
        const res = await call<{ id: string }>(admin, 'POST', '/tickets', {
          customerId: pick(customerIds, i),
          title: `基准测试：门诊收费系统打印发票失败 ${i}`,
          description: 'Benchmark request: 门诊收费窗口打印发票时提示打印机脱机，重启后依旧。',
          severity: 'normal',
          channel: 'phone',
          kind: 'request',
        });
        if (res.json?.id && i >= 0) created.push(res.json.id);
        return res;
      },
      SAMPLES,
      5,
    );
    latency['status change'] = await measure(
      'status change (new → acknowledged)',
      (i) => call(admin, 'POST', `/tickets/${created[i >= 0 ? i : created.length + i]}/transitions`, { to: 'acknowledged' }),
      SAMPLES - 5,
      5,
    );
    latency.reply = await measure('reply (public comment)', (i) =>
      call(admin, 'POST', `/tickets/${pick(created, i)}/comments`, { body: `已远程排查打印机驱动，第 ${i} 次回复` }),
    );
  }

  console.log(`\nThroughput (${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s each):`);
  const tput: Record<string, Throughput> = {};
  if (ONLY === '') {
    tput['queue: open, newest first'] = await throughput('queue: open, newest first', admin, [`/tickets?status=${OPEN}&limit=50`]);
    tput['detail with timeline'] = await throughput(
      'detail with timeline',
      admin,
      ids.map((id) => `/tickets/${id}`),
    );
  }
  if (runs('throughput'))
    tput.search = await throughput(
      'search (Chinese and English words)',
      admin,
      SEARCH_WORDS.map((w) => `/search?q=${encodeURIComponent(w)}`),
    );

  type Call = { method: string; path: string; body?: string };
  const rnd = () => Math.floor(Math.random() * 1e9);
  const search = (): Call => ({ method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(pick(SEARCH_WORDS, rnd()))}` });
  const agentCreate = (): Call => ({
    method: 'POST',
    path: '/api/v1/tickets',
    body: JSON.stringify({
      customerId: pick(customerIds, rnd()),
      title: '混合负载：住院医生站打印机脱机',
      description: 'Mixed load request: 住院医生站打印机脱机。',
      severity: 'normal',
      channel: 'phone',
      kind: 'request',
    }),
  });
  const customerCreate = (): Call => ({
    method: 'POST',
    path: '/api/v1/tickets',
    body: JSON.stringify({
      customerId: ownCustomer,
      title: '门户提交：自助机读卡器无法读卡',
      description: '门诊大厅自助机读卡器无法读取医保卡。',
      severity: 'normal',
      channel: 'web',
      kind: 'request',
    }),
  });
  const reply = (): Call => ({
    method: 'POST',
    path: `/api/v1/tickets/${pick(openIds.length ? openIds : created, rnd())}/comments`,
    body: JSON.stringify({ body: '已远程排查，请观察', internal: Math.random() < 0.3 }),
  });
  const ownIds = own.map((t) => t.id);
  /** What each kind of user does, with weights: one mix is a list of [weight, call] per role. */
  type Mix = { name: string; description: string; agents: [number, () => Call][]; customers: [number, () => Call][] };
  const MIXES: Mix[] = [
    {
      // What a service centre does (the primary figure): mostly reading the queue and requests,
      // some searching, replies and intake. Weights per 20 agent and 10 customer actions.
      name: 'service centre',
      description:
        'agents: open queue 3, queue by severity 2, counts 2, detail 7, search 2, reply or internal note 3, create 1; customers: own queue 4, detail 4, search 1, create 1',
      agents: [
        [3, () => ({ method: 'GET', path: `/api/v1/tickets?status=${OPEN}&limit=50` })],
        [2, () => ({ method: 'GET', path: `/api/v1/tickets?status=${OPEN}&sort=severity&limit=50` })],
        [2, () => ({ method: 'GET', path: '/api/v1/tickets/counts' })],
        [7, () => ({ method: 'GET', path: `/api/v1/tickets/${pick(ids, rnd())}` })],
        [2, search],
        [3, reply],
        [1, agentCreate],
      ],
      customers: [
        [4, () => ({ method: 'GET', path: '/api/v1/tickets?limit=50' })],
        [4, () => ({ method: 'GET', path: `/api/v1/tickets/${pick(ownIds, rnd())}` })],
        [1, search],
        [1, customerCreate],
      ],
    },
    {
      // The earlier, deliberately heavy mix: an eighth of agent and a quarter of customer actions are
      // searches, as many are creates. Kept so figures stay comparable across runs.
      name: 'search and intake heavy',
      description:
        'agents: open queue, queue by severity, counts, detail ×2, search, reply, create (1 each); customers: own queue, detail, search, create (1 each)',
      agents: [
        [1, () => ({ method: 'GET', path: `/api/v1/tickets?status=${OPEN}&limit=50` })],
        [1, () => ({ method: 'GET', path: '/api/v1/tickets/counts' })],
        [2, () => ({ method: 'GET', path: `/api/v1/tickets/${pick(ids, rnd())}` })],
        [1, search],
        [1, () => ({ method: 'GET', path: `/api/v1/tickets?status=${OPEN}&sort=severity&limit=50` })],
        [1, reply],
        [1, agentCreate],
      ],
      customers: [
        [1, () => ({ method: 'GET', path: '/api/v1/tickets?limit=50' })],
        [1, () => ({ method: 'GET', path: `/api/v1/tickets/${pick(ownIds, rnd())}` })],
        [1, search],
        [1, customerCreate],
      ],
    },
  ];
  const pickWeighted = (calls: [number, () => Call][]): Call => {
    const total = calls.reduce((sum, [w]) => sum + w, 0);
    let r = Math.random() * total;
    for (const [w, call] of calls) {
      r -= w;
      if (r < 0) return call();
    }
    return calls[calls.length - 1][1]();
  };
  // Sessions live in the database: one sign-in works on every process. Connections are spread over them.
  const mixedRun = async (s: Session, connections: number, calls: [number, () => Call][]): Promise<Result> => {
    const parts = await Promise.all(
      MIXED_BASES.map((url, i) =>
        autocannon({
          url,
          connections: Math.floor(connections / MIXED_BASES.length) + (i < connections % MIXED_BASES.length ? 1 : 0),
          duration: DURATION,
          requests: [{ setupRequest: (req) => ({ ...req, ...pickWeighted(calls), headers: { ...s.headers } }) }],
        }),
      ),
    );
    return parts.length === 1 ? parts[0] : mergeResults(parts);
  };
  type MixedResult = {
    name: string;
    description: string;
    connections: number;
    durationSeconds: number;
    requestsPerSecond: number;
    agents: Throughput;
    customers: Throughput;
    errors: number;
    non2xx: number;
    /** `GET /health` meanwhile, from a client of its own. */
    health: Latency;
  };
  const mixes: MixedResult[] = [];
  // A request that needs no database, with the server idle and while 8 clients search.
  let healthIdle: Latency | undefined;
  let healthSearching: (Latency & { searchesPerSecond: number }) | undefined;
  if (runs('mixed')) {
    console.log('\nGET /health (needs no query):');
    healthIdle = await measure('idle', () => fetch(`${API}/health`).then(async (r) => ({ status: r.status, body: await r.text() })));
    let i = 0;
    const { result: searching, health } = await healthDuring(
      autocannon({
        url: BASE,
        connections: 8,
        duration: Math.min(DURATION, 20),
        headers: { cookie: admin.cookie },
        requests: [
          { setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/v1/search?q=${encodeURIComponent(pick(SEARCH_WORDS, i++))}` }) },
        ],
      }),
    );
    healthSearching = { ...health, searchesPerSecond: round(searching.requests.average) };
    console.log(
      `  ${'while 8 clients search'.padEnd(44)} p50 ${health.p50} ms · p95 ${health.p95} ms · p99 ${health.p99} ms · max ${health.max} ms (${healthSearching.searchesPerSecond} searches/s)`,
    );
  }
  if (runs('mixed'))
    for (const mix of MIXES) {
      console.log(
        `\nMixed load "${mix.name}" (${DURATION} s, ${CONNECTIONS * 2} agent + ${CONNECTIONS} customer connections, ${MIXED_BASES.length} server process(es)):`,
      );
      const {
        result: [agentsResult, customersResult],
        health,
      } = await healthDuring(Promise.all([mixedRun(admin, CONNECTIONS * 2, mix.agents), mixedRun(customer, CONNECTIONS, mix.customers)]));
      const result: MixedResult = {
        name: mix.name,
        description: mix.description,
        connections: CONNECTIONS * 3,
        durationSeconds: DURATION,
        requestsPerSecond: round(agentsResult.requests.average + customersResult.requests.average),
        agents: summarise(agentsResult),
        customers: summarise(customersResult),
        errors: agentsResult.errors + agentsResult.timeouts + customersResult.errors + customersResult.timeouts,
        non2xx: agentsResult.non2xx + customersResult.non2xx,
        health,
      };
      console.log(
        `  ${result.requestsPerSecond} req/s · agents p50 ${result.agents.p50} ms p99 ${result.agents.p99} ms · customers p50 ${result.customers.p50} ms p99 ${result.customers.p99} ms · errors ${result.errors} · non-2xx ${result.non2xx} · health p50 ${health.p50} ms p99 ${health.p99} ms`,
      );
      mixes.push(result);
    }

  const at = new Date().toISOString();
  const sizeLabel = size >= 1_000_000 ? `${Math.round(size / 100_000) / 10}m` : `${Math.round(size / 1000)}k`;
  const figures = {
    at,
    url: BASE,
    database: flags.db,
    requests: size,
    node: process.version,
    machine: '2 cores, shared by server, database and client',
    serverProcesses: MIXED_BASES.length,
    loadAverage: { before: round(loadBefore), after: round(loadavg()[0]) },
    samples: SAMPLES,
    latency,
    throughput: tput,
    health: { idle: healthIdle, whileEightSearch: healthSearching },
    mixed: mixes,
  };
  mkdirSync('bench/results', { recursive: true });
  const stem = `bench/results/${at.slice(0, 10)}-${flags.db}-${sizeLabel}${flags.suffix ? `-${flags.suffix}` : ''}`;
  writeFileSync(`${stem}.json`, `${JSON.stringify(figures, null, 2)}\n`);
  const md = [
    `# HTTP benchmark: ${flags.db}, ${size.toLocaleString('en-US')} requests (${at.slice(0, 10)}${flags.suffix ? `, ${flags.suffix}` : ''}${ONLY ? `, ${ONLY} only` : ''})`,
    '',
    `Server, database and client on one 2-core machine (1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, the benchmark's own load included). Latency: one client, sequential, ${SAMPLES} samples (queue views ${Math.ceil(SAMPLES / 2)}).`,
    '',
    '| operation | p50 ms | p95 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(latency).map(([k, v]) => `| ${k} | ${v.p50} | ${v.p95} | ${v.p99} | ${v.errors} |`),
    '',
    `Throughput, ${CONNECTIONS} connections, ${THROUGHPUT_SECONDS} s each:`,
    '',
    '| operation | req/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(tput).map(([k, v]) => `| ${k} | ${v.requestsPerSecond} | ${v.p50} | ${v.p99} | ${v.errors + v.non2xx} |`),
    '',
    ...(healthIdle && healthSearching
      ? [
          `\`GET /health\` (needs no query): idle p50 ${healthIdle.p50} ms / p95 ${healthIdle.p95} ms; while 8 clients search (${healthSearching.searchesPerSecond} searches/s) p50 ${healthSearching.p50} ms / p95 ${healthSearching.p95} ms / p99 ${healthSearching.p99} ms / max ${healthSearching.max} ms.`,
          '',
        ]
      : []),
    ...mixes.flatMap((m) => [
      `Mixed load "${m.name}", ${DURATION} s, ${CONNECTIONS * 2} agent + ${CONNECTIONS} customer connections over ${MIXED_BASES.length} server process(es) (${m.description}):`,
      `**${m.requestsPerSecond} req/s**, agents p50 ${m.agents.p50} ms / p99 ${m.agents.p99} ms, customers p50 ${m.customers.p50} ms / p99 ${m.customers.p99} ms, errors ${m.errors}, non-2xx ${m.non2xx}; \`GET /health\` meanwhile p50 ${m.health.p50} ms / p95 ${m.health.p95} ms / p99 ${m.health.p99} ms.`,
      '',
    ]),
  ].join('\n');
  writeFileSync(`${stem}.md`, md);
  console.log(`\nwrote ${stem}.json and ${stem}.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

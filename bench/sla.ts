/**
 * `npm run bench:sla`: figures, not tests.
 *  1. Due-time computations per second: 100,000 requests over 50 calendars (zones, lunch breaks,
 *     holidays, 调休), with addBusinessMillis and businessMillisBetween.
 *  2. The scheduler's cost per tick with 100,000 open requests (400,000 running clocks): an idle tick
 *     (nothing due) and a tick that fires 100 breaches. On PGlite, or on PostgreSQL when DATABASE_URL is set.
 * Writes bench/results/<date>-sla-<db>.json and prints a summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import {
  addBusinessMillis,
  businessMillisBetween,
  type CalendarInput,
  type CompiledCalendar,
  compileCalendar,
} from '../src/domain/calendar/index.ts';
import { prepareDatabase } from '../src/server/boot.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import type { Deps } from '../src/server/deps.ts';
import { runSlaTick } from '../src/server/features/sla/escalation.ts';
import { createLocalBus } from '../src/server/lib/live-bus.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const CALENDARS = 50;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'UTC',
  'Europe/London',
  'America/New_York',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Europe/Berlin',
];

function randomCalendar(random: () => number, i: number): CalendarInput {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (i % 10 === 0) {
    const allDay: [string, string][] = [['00:00', '24:00']];
    return {
      timeZone: ZONES[i % ZONES.length],
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    };
  }
  const open = 7 + Math.floor(random() * 3);
  const day: [string, string][] = [
    [`${pad(open)}:30`, '12:00'],
    ['13:30', `${pad(17 + Math.floor(random() * 3))}:30`],
  ];
  const holidays = Array.from({ length: 10 }, () => `2026-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`);
  return {
    timeZone: ZONES[i % ZONES.length],
    weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: i % 3 === 0 ? [['09:00', '12:00']] : [], sun: [] },
    holidays: [...new Set(holidays)],
    workdays: [],
    statutory: i % 2 === 0 ? 'CN' : undefined,
  };
}

function benchCalendars() {
  const random = rng(42);
  const compileStart = performance.now();
  const calendars: CompiledCalendar[] = Array.from({ length: CALENDARS }, (_, i) => compileCalendar(randomCalendar(random, i)));
  const compileMs = performance.now() - compileStart;
  const base = Date.UTC(2026, 0, 1);
  const cases = Array.from({ length: REQUESTS }, () => ({
    cal: calendars[Math.floor(random() * CALENDARS)],
    start: new Date(base + Math.floor(random() * 365 * 86_400_000)),
    // Targets from 10 minutes to 3 days, as the service documents set them.
    ms: (10 + Math.floor(random() * 4310)) * 60_000,
  }));
  for (const c of cases.slice(0, 2000)) addBusinessMillis(c.cal, c.start, c.ms); // warm-up
  const t0 = performance.now();
  const dues = cases.map((c) => addBusinessMillis(c.cal, c.start, c.ms));
  const addMs = performance.now() - t0;
  const t1 = performance.now();
  let check = 0;
  for (let i = 0; i < cases.length; i++) check += businessMillisBetween(cases[i].cal, cases[i].start, dues[i]) === cases[i].ms ? 1 : 0;
  const betweenMs = performance.now() - t1;
  return {
    calendars: CALENDARS,
    requests: REQUESTS,
    compileAllMs: round(compileMs),
    addBusinessMillisPerSecond: Math.round(REQUESTS / (addMs / 1000)),
    businessMillisBetweenPerSecond: Math.round(REQUESTS / (betweenMs / 1000)),
    roundTripsExact: check,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function benchScheduler() {
  const config = loadConfig({
    ...process.env,
    AFTERSALES_DATA_DIR: process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), `aftersales-bench-sla-${Date.now()}`),
    LOG_LEVEL: 'silent',
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await prepareDatabase(database);
  const now = new Date('2026-03-02T01:00:00Z');
  let clock = now;
  const deps: Deps = { db: database.db, config, clock: () => clock, live: createLocalBus() };
  const exec = (q: ReturnType<typeof sql>) => database.db.execute(q);

  const loadStart = performance.now();
  await exec(sql`delete from ticket_sla_targets`);
  await exec(sql`insert into customers (name, province, city) values ('基准医院', '湖北省', '武汉市') on conflict do nothing`);
  await exec(
    sql`insert into users (email, name, role, password_hash) values ('bench@example.com', 'bench', 'agent', 'x') on conflict do nothing`,
  );
  await exec(sql`
    insert into tickets (number, customer_id, channel, kind, severity, title, description, status, created_by_id, sla_policy_id, created_at, updated_at)
    select 'BENCH-' || g, (select id from customers where name = '基准医院'), 'phone', 'request', 'normal', '门诊收费系统故障 ' || g, '基准测试', 'in_progress',
           (select id from users where email = 'bench@example.com'), (select id from sla_policies where is_builtin), ${now}, ${now}
    from generate_series(1, ${REQUESTS}) g
    on conflict do nothing`);
  // Four running clocks per request, due between 1 hour and 30 days ahead; the first 100 are due now.
  await exec(sql`
    insert into ticket_sla_targets (ticket_id, metric, policy_id, calendar_id, target_ms, elapsed_ms, running_since, state, due_at, warn_at, started_at)
    select t.id, m.metric, t.sla_policy_id, (select id from calendars where name like '7×24%'), 3600000, 0, ${now}, 'running',
           ${now}::timestamptz + make_interval(secs => 3600 + (abs(hashtext(t.number || m.metric)) % 2592000)),
           ${now}::timestamptz + make_interval(secs => 2880 + (abs(hashtext(t.number || m.metric)) % 2592000)),
           ${now}
    from tickets t cross join (values ('first_response'), ('reply'), ('solution'), ('resolution')) m(metric)
    where t.number like 'BENCH-%'`);
  await exec(
    sql`update ticket_sla_targets set due_at = ${new Date(now.getTime() - 1000)} where id in (select id from ticket_sla_targets order by id limit 100)`,
  );
  await exec(sql`analyze`);
  const loadMs = performance.now() - loadStart;

  const time = async () => {
    const t = performance.now();
    const result = await runSlaTick({ deps });
    return { ms: round(performance.now() - t), breached: result.breached, warned: result.warned };
  };
  const firing = await time();
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push((await time()).ms);
  idle.sort((a, b) => a - b);
  clock = new Date(now.getTime() + 1);
  await database.close();
  return {
    database: database.kind,
    openRequests: REQUESTS,
    runningClocks: REQUESTS * 4,
    loadSeconds: round(loadMs / 1000),
    tickFiring100BreachesMs: firing.ms,
    breachesFired: firing.breached,
    idleTickMedianMs: idle[Math.floor(idle.length / 2)],
    idleTickMaxMs: idle[idle.length - 1],
  };
}

async function main() {
  console.log(`Calendar arithmetic: ${REQUESTS} requests over ${CALENDARS} calendars…`);
  const calendar = benchCalendars();
  console.log(calendar);
  console.log(`Scheduler: ${REQUESTS} open requests…`);
  const scheduler = await benchScheduler();
  console.log(scheduler);
  const figures = { at: new Date().toISOString(), node: process.version, machine: '2 cores', calendar, scheduler };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${figures.at.slice(0, 10)}-sla-${scheduler.database}.json`;
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
  console.log(
    `| due-time computations/s | between/s | idle tick (median) | tick firing 100 breaches |\n| ${calendar.addBusinessMillisPerSecond} | ${calendar.businessMillisBetweenPerSecond} | ${scheduler.idleTickMedianMs} ms | ${scheduler.tickFiring100BreachesMs} ms |`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

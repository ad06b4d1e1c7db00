/**
 * `npm test`: every check the project has — lint, types, unit and API tests on the embedded database, the
 * database tests again on PostgreSQL when TEST_DATABASE_URL names one, and the browser suite when Chromium is
 * installed (the PostgreSQL stage then runs beside it, see `overlap`). Prints each stage's time, then a summary
 * table and one line counting every test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

type Counts = { passed: number; failed: number };
const total: Counts = { passed: 0, failed: 0 };
/** Each failed test with the first lines of its error, printed last: CI keeps only the tail of the output. */
const failures: string[] = [];
const firstLines = (text: string) =>
  stripVTControlCharacters(text)
    .split('\n')
    .slice(0, 6)
    .map((l) => `      ${l}`)
    .join('\n');
const notes: string[] = [];
let hasFailed = false;
type Stage = { label: string; status: 'passed' | 'failed' | 'skipped'; seconds: number | null };
const stages: Stage[] = [];
const started = Date.now();

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const t0 = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (Date.now() - t0) / 1000;
  const ok = result.status === 0;
  stages.push({ label, status: ok ? 'passed' : 'failed', seconds });
  if (!ok) {
    hasFailed = true;
    console.log(`✖ ${label} failed (exit ${result.status}) after ${seconds.toFixed(1)} s`);
  } else {
    console.log(`✔ ${label}: ${seconds.toFixed(1)} s`);
  }
  return ok;
}

/** As run(), without blocking the event loop (so background stages can start their next step meanwhile). */
async function runAsync(label: string, command: string, args: string[]): Promise<boolean> {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const t0 = Date.now();
  const child = spawn(command, args, { stdio: 'inherit', env: process.env });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const seconds = (Date.now() - t0) / 1000;
  const ok = code === 0;
  stages.push({ label, status: ok ? 'passed' : 'failed', seconds });
  if (!ok) {
    hasFailed = true;
    console.log(`✖ ${label} failed (exit ${code}) after ${seconds.toFixed(1)} s`);
  } else console.log(`✔ ${label}: ${seconds.toFixed(1)} s`);
  return ok;
}

/**
 * Starts a stage in the background with its output in a log file (printed when it ends), so it can share the
 * machine with the browser stage; resolve the result with `finish()`.
 */
function runInBackground(label: string, command: string, args: string[], logFile: string, env: Record<string, string> = {}) {
  console.log(`\n▶ ${label} (in the background, log: ${logFile}): ${command} ${args.join(' ')}`);
  const t0 = Date.now();
  const fd = openSync(logFile, 'w');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  // Timed at its own exit, not when the foreground stage gets round to reading it.
  const exited = new Promise<{ code: number | null; seconds: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, seconds: (Date.now() - t0) / 1000 })),
  );
  return async function finish(): Promise<boolean> {
    const { code, seconds } = await exited;
    closeSync(fd);
    console.log(`\n── ${label}: output ──`);
    process.stdout.write(readFileSync(logFile, 'utf8'));
    const ok = code === 0;
    stages.push({ label, status: ok ? 'passed' : 'failed', seconds });
    if (!ok) {
      hasFailed = true;
      console.log(`✖ ${label} failed (exit ${code}) after ${seconds.toFixed(1)} s`);
    } else console.log(`✔ ${label}: ${seconds.toFixed(1)} s (beside the browser stage)`);
    return ok;
  };
}

function skip(label: string, note: string) {
  stages.push({ label, status: 'skipped', seconds: null });
  notes.push(note);
}

/**
 * The test files that touch a database: the PostgreSQL run executes only these (pure unit tests
 * that happen to live in src/server already ran on PGlite and say nothing new on PostgreSQL).
 * A quick grep: files that open a test database, or are PostgreSQL-only (`*.postgres.test.ts`);
 * `*.pglite.test.ts` are about the embedded database and stay out.
 */
function databaseTestFiles(root = 'src'): string[] {
  const uses = /\b(createTestContext|openTestDatabase|openSecondConnection)\b|inject\(\s*'postgresTemplate'/;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return walk(full);
      if (!/\.test\.tsx?$/.test(e.name) || e.name.endsWith('.pglite.test.ts')) return [];
      return e.name.endsWith('.postgres.test.ts') || uses.test(readFileSync(full, 'utf8')) ? [full] : [];
    });
  return walk(root).sort();
}

function printSummary() {
  const rows = stages.map((s) => [s.label, s.status, s.seconds === null ? '—' : `${s.seconds.toFixed(1)} s`]);
  rows.push(['total', hasFailed ? 'failed' : 'passed', `${((Date.now() - started) / 1000).toFixed(1)} s`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['stage', 'result', 'time'][i].length));
  const line = (r: string[]) => `  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padStart(widths[2])}`;
  console.log(`\n${line(['stage', 'result', 'time'])}`);
  console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
};

function addVitest(file: string, label: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
  for (const result of report.testResults) {
    const where = path.relative(process.cwd(), result.name);
    for (const test of result.assertionResults.filter((t) => t.status === 'failed')) {
      failures.push(`  ✖ [${label}] ${where} › ${test.fullName}\n${firstLines(test.failureMessages.join('\n'))}`);
    }
    if (result.assertionResults.length === 0 && result.message) {
      failures.push(`  ✖ [${label}] ${where}\n${firstLines(result.message)}`);
    }
  }
}

function addPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
    suites: PlaywrightSuite[];
  };
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.at(-1)?.error?.message ?? '';
        failures.push(`  ✖ [browser] ${spec.file} › ${[...titles, spec.title].join(' › ')}\n${firstLines(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
}

type PlaywrightSuite = {
  title: string;
  specs?: { title: string; file: string; tests?: { status: string; results?: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
};

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const bin = 'node_modules/.bin';

run('lint', `${bin}/biome`, ['ci', '.']);
run('types', `${bin}/tsc`, ['-p', '.']);

const vitestArgs = (out: string, extra: string[] = []) => [
  'run',
  ...extra,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
];
// With a PostgreSQL stage to follow, the 100,000-request plan test runs there only (vitest.config.ts).
const pgliteEnv = { TEST_DATABASE_URL: '', AFTERSALES_POSTGRES_STAGE_FOLLOWS: process.env.TEST_DATABASE_URL ? '1' : '' };
const pgliteLabel = 'unit + API tests (PGlite)';
const postgresLabel = 'database tests (PostgreSQL)';
const browserLabel = 'browser tests (Playwright + Chromium)';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
const postgresFiles = process.env.TEST_DATABASE_URL ? databaseTestFiles() : [];
if (process.env.TEST_DATABASE_URL) console.log(`\nPostgreSQL: ${postgresFiles.length} test files touch the database`);

/** The vitest stages in order: PGlite, then PostgreSQL when a server is named. */
const vitestStages: { label: string; args: string[]; env: Record<string, string>; report: string; log: string }[] = [
  {
    label: pgliteLabel,
    args: vitestArgs('test-results/vitest-pglite.json'),
    env: pgliteEnv,
    report: 'test-results/vitest-pglite.json',
    log: 'test-results/pglite.log',
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          label: postgresLabel,
          args: vitestArgs('test-results/vitest-postgres.json', postgresFiles),
          env: {},
          report: 'test-results/vitest-postgres.json',
          log: 'test-results/postgres.log',
        },
      ]
    : []),
];

/**
 * The PGlite stage runs alone (its two workers fill both cores). With Chromium, the PostgreSQL stage then runs on
 * one worker beside the browser suite, which waits on the browser and the server much of the time and leaves
 * most of the second core idle; its output is printed when it ends. Measured on this 2-core machine (clean-clone
 * `.ci/run`): 12 min 26 s against 14 min 32 s in turn. Running the PGlite stage beside the browser suite too
 * (even at `nice 10`) was slower: 446 s for it, and the browser tests slowed by half.
 * AFTERSALES_TEST_SEQUENTIAL=1 runs every stage in turn.
 */
const [pgliteStage, postgresStage] = vitestStages;
run(pgliteStage.label, `${bin}/vitest`, pgliteStage.args, pgliteStage.env);
const built = hasChromium && run('web build', `${bin}/tsx`, ['scripts/build-web.ts', '--quiet']);
const overlap = built && postgresStage !== undefined && process.env.AFTERSALES_TEST_SEQUENTIAL !== '1';
if (overlap) {
  const finish = runInBackground(
    postgresStage.label,
    `${bin}/vitest`,
    [...postgresStage.args, '--maxWorkers=1'],
    postgresStage.log,
    postgresStage.env,
  );
  await runAsync(browserLabel, `${bin}/playwright`, ['test']);
  addPlaywright('test-results/e2e.json');
  await finish();
} else {
  if (postgresStage) run(postgresStage.label, `${bin}/vitest`, postgresStage.args, postgresStage.env);
  if (built) {
    run(browserLabel, `${bin}/playwright`, ['test']);
    addPlaywright('test-results/e2e.json');
  }
}
for (const stage of vitestStages) addVitest(stage.report, stage.label);
if (!process.env.TEST_DATABASE_URL) {
  skip(
    postgresLabel,
    'PostgreSQL suite not run: set TEST_DATABASE_URL=postgres://… to run the database tests against a PostgreSQL server (.ci/run does).',
  );
}
if (!hasChromium) {
  skip('web build', `Browser suite not run: Chromium is not installed at ${chromium} (apt-get install chromium).`);
  stages.push({ label: browserLabel, status: 'skipped', seconds: null });
}

printSummary();
if (failures.length > 0) console.log(`\nFailed tests:\n${failures.join('\n')}`);
console.log('');
for (const note of notes) console.log(`NOTE: ${note}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(hasFailed ? 1 : 0);

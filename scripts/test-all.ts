/**
 * `npm test`: every check the project has, in order — lint, types, unit and API tests on the
 * embedded database, the API suite again on PostgreSQL when TEST_DATABASE_URL names one, and the
 * browser suite when Chromium is installed. Ends with one line counting every test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

type Counts = { passed: number; failed: number };
const total: Counts = { passed: 0, failed: 0 };
const notes: string[] = [];
let hasFailed = false;

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  if (!ok) {
    hasFailed = true;
    console.log(`✖ ${label} failed (exit ${result.status})`);
  }
  return ok;
}

function addVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
}

function addPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
}

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
const pgliteEnv = { TEST_DATABASE_URL: '' };
run('unit + API tests (PGlite)', `${bin}/vitest`, vitestArgs('test-results/vitest-pglite.json'), pgliteEnv);
addVitest('test-results/vitest-pglite.json');

if (process.env.TEST_DATABASE_URL) {
  run('API tests (PostgreSQL)', `${bin}/vitest`, vitestArgs('test-results/vitest-postgres.json', ['src/server']));
  addVitest('test-results/vitest-postgres.json');
} else {
  notes.push(
    'PostgreSQL suite not run: set TEST_DATABASE_URL=postgres://… to run the API tests against a PostgreSQL server (.ci/run does).',
  );
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  if (run('web build', `${bin}/vite`, ['build', '--logLevel', 'warn'])) {
    run('browser tests (Playwright + Chromium)', `${bin}/playwright`, ['test']);
    addPlaywright('test-results/e2e.json');
  }
} else {
  notes.push(`Browser suite not run: Chromium is not installed at ${chromium} (apt-get install chromium).`);
}

console.log('');
for (const note of notes) console.log(`NOTE: ${note}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(hasFailed ? 1 : 0);

// `npm run demo`: loads a realistic bilingual demo data set into the configured database
// (PGlite in AFTERSALES_DATA_DIR, or PostgreSQL when DATABASE_URL is set). Safe to run twice.
import { parseArgs } from 'node:util';
import { STATUSES } from '../src/domain/vocabulary.ts';
import { prepareDatabase } from '../src/server/boot.ts';
import { ConfigError, loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { DataDirLockedError } from '../src/server/db/data-dir-lock.ts';
import type { Deps } from '../src/server/deps.ts';
import { systemClock } from '../src/server/lib/clock.ts';
import { createLocalBus } from '../src/server/lib/live-bus.ts';
import { DEMO_MARKER_CUSTOMER } from './demo/demo-data.ts';
import { DEFAULT_REQUESTS, DEFAULT_SEED, type DemoAccount, type LoadResult, loadDemoData, validateRequestCount } from './demo/load.ts';

const USAGE = `Usage: npm run demo -- [--requests N] [--seed N]

  --requests N   how many service requests to create (default ${DEFAULT_REQUESTS})
  --seed N       random seed; the same seed gives the same data (default ${DEFAULT_SEED})

The target database comes from the usual configuration: DATABASE_URL, else PGlite in AFTERSALES_DATA_DIR.`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]): { requests: number; seed: number } | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string', default: String(DEFAULT_REQUESTS) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const requests = Number(values.requests);
  const seed = Number(values.seed);
  try {
    validateRequestCount(requests);
  } catch (error) {
    throw new UsageError(`--requests: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Number.isSafeInteger(seed)) throw new UsageError('--seed must be a whole number');
  return { requests, seed };
}

/** Terminal columns a string takes: CJK characters are two wide. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => pad(c, widths[i]))
      .join('  ')
      .trimEnd()}`;
  const rule = `  ${widths.map((w) => '─'.repeat(w)).join('  ')}`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function printSummary(result: Extract<LoadResult, { status: 'loaded' }>, seconds: number) {
  const statuses = STATUSES.map((status) => `${status} ${result.byStatus[status] ?? 0}`).join(', ');
  console.log(
    `\nLoaded ${result.customers} organisations, ${result.contacts} contacts, ${result.contracts} service contracts and ${result.requests} requests in ${seconds.toFixed(1)} s.`,
  );
  console.log(`Requests by status (whole database): ${statuses}\n`);
  const rows = result.accounts.map((a: DemoAccount) => [a.role, a.name, a.email, a.password, a.detail]);
  console.log(formatTable(['role', 'name', 'email', 'password', 'team / organisation'], rows));
  console.log('\nStart the server with `npm start` and sign in with any account above.');
}

async function main() {
  const options = parseCommandLine(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(database);
    const deps: Deps = { db: database.db, config, clock: systemClock, live: createLocalBus() };
    const target = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
    console.log(`Loading demo data into ${target} (${options.requests} requests, seed ${options.seed})`);
    const started = performance.now();
    const result = await loadDemoData({ deps, ...options, onProgress: (message) => console.log(`  ${message}`) });
    if (result.status === 'already_present') {
      console.log(`Demo data is already present (customer “${DEMO_MARKER_CUSTOMER}” exists); nothing to do.`);
      return;
    }
    printSummary(result, (performance.now() - started) / 1000);
  } finally {
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

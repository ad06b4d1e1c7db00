import { build } from './app.ts';
import { prepareDatabase } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openLiveBus } from './db/live-notify.ts';
import { ensureInitialAdmin } from './features/users/users.service.ts';
import { ensureSystemJobs, startJobRunner } from './jobs/runner.ts';
import { systemClock } from './lib/clock.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  await prepareDatabase(database);
  // The app's logger does not exist yet when the bus opens; its errors are logged through it once it does.
  let logError = (error: unknown, message: string) => console.error(message, error);
  const live = await openLiveBus({ database, onError: (error) => logError(error, 'live updates') });
  const deps = { db: database.db, config, clock: systemClock, live };
  const app = await build({ deps, logger: { level: config.logLevel }, shouldWarmFirstScreen: true });
  logError = (err, message) => app.log.error({ err }, message);
  // Durable scheduled work (SLA tick, renewal reminders, outgoing mail): one timer runs whatever is due.
  await ensureSystemJobs({ deps });
  const jobRunner = startJobRunner({
    deps,
    onError: (err) => app.log.error({ err }, 'job runner pass failed'),
    onAttemptFailed: (job, err) => app.log.warn({ err, job: job.name, jobId: job.id, attempt: job.attempts }, 'job attempt failed'),
  });

  const admin = await ensureInitialAdmin({ deps });
  if (admin?.generatedPassword) {
    // Printed once, on the first start only: the operator must keep it.
    console.log(`\n  Administrator created: ${admin.email}\n  Password (shown once): ${admin.generatedPassword}\n`);
  } else if (admin) {
    app.log.info({ email: admin.email }, 'administrator created from configuration');
  }

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await jobRunner.stop();
    await app.close();
    await live.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `Aftersales is serving http://localhost:${config.port} (database: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
  );
}

main().catch((error) => {
  if (error instanceof DataDirLockedError) {
    // Refused at once, with who holds the data dir: no stack trace, nothing was touched.
    console.error(error.message);
    process.exit(1);
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});

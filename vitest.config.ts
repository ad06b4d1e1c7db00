import { configDefaults, defineConfig } from 'vitest/config';

// `*.postgres.test.ts` need a PostgreSQL server (several processes on one database, which the
// embedded database cannot host): only the PostgreSQL run (TEST_DATABASE_URL set) includes them.
// `*.pglite.test.ts` test the embedded database itself (its thread, its one connection): not on a server.
const needsPostgres = process.env.TEST_DATABASE_URL ? ['src/**/*.pglite.test.ts'] : ['src/**/*.postgres.test.ts'];
// The 100,000-request query-plan test (~90 s on PGlite) runs once per `npm test`: in the PostgreSQL stage when one
// follows (PGlite is the same PostgreSQL planner, with the same default costs), else in this one.
const runsInPostgresStage = process.env.AFTERSALES_POSTGRES_STAGE_FOLLOWS === '1' ? ['src/server/features/search/query-plans.test.ts'] : [];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...needsPostgres, ...runsInPostgresStage],
    globalSetup: ['src/server/testing/global-setup.ts'],
    // Cheap password hashes: the suites create thousands of accounts (password.test.ts checks the real cost).
    setupFiles: ['src/server/testing/setup-file.ts'],
    // PGlite instances are large: two files at a time fit this machine's two cores.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

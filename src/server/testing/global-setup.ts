import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../boot.ts';
import { openDatabase } from '../db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a migrated data directory dumped once, loaded by every test file. */
    pgliteTemplatePath: string;
    /** PostgreSQL: a migrated template database each test file copies. */
    postgresTemplate: string;
  }
}

/** Migrates once, so no test file pays for initdb and migrations. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'aftersales-test-'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  let dropTemplate = async () => {};
  if (serverUrl) {
    const name = `aftersales_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
    await prepareDatabase(database);
    await database.close();
    project.provide('postgresTemplate', name);
    dropTemplate = async () => {
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${name}%`]);
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  } else {
    project.provide('postgresTemplate', '');
  }
  const database = await openDatabase({});
  await prepareDatabase(database);
  const dump = await database.dumpDataDir?.();
  await database.close();
  const templatePath = path.join(dir, 'template.tar');
  if (dump) await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplatePath', templatePath);
  return async () => {
    await dropTemplate();
    await rm(dir, { recursive: true, force: true });
  };
}

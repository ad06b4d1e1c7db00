import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { openDatabase } from './client.ts';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'aftersales-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The pid of a process that has run and ended: nobody holds it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a second open of the same PGlite data dir is refused with who holds it and what to do', async () => {
  // The migrated template, loaded into the directory: cheaper than an initdb.
  const first = await openDatabase({ dataDir, loadDataDir: new Blob([await readFile(inject('pgliteTemplatePath'))]) });
  try {
    const error = await openDatabase({ dataDir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(`is in use by process ${process.pid} on ${hostname()}`);
    expect(message).toMatch(/since \d{4}-\d\d-\d\dT/);
    expect(message).toContain('Stop that process first');
    expect(message).toContain('DATABASE_URL');
    // The first is untouched.
    await first.db.execute(sql`select 1`);
  } finally {
    await first.close();
  }
  // Closing releases it.
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  lockDataDir(dataDir).release();
}, 240_000);

test('a lock left by a process that died is taken over', async () => {
  const pid = deadPid();
  await writeFile(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({ pid, hostname: hostname(), command: 'src/server/main.ts', since: '2026-01-01T00:00:00.000Z' }),
  );
  const lock = lockDataDir(dataDir);
  const written = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'));
  expect(written).toMatchObject({ pid: process.pid, hostname: hostname() });
  lock.release();
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
});

test('a lock held by a live process, or by another machine, is not taken over', async () => {
  // This test runner's parent is alive.
  await writeFile(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({ pid: process.ppid, hostname: hostname(), command: 'scripts/demo.ts', since: '2026-01-01T00:00:00.000Z' }),
  );
  expect(() => lockDataDir(dataDir)).toThrow(`is in use by process ${process.ppid} on ${hostname()} (scripts/demo.ts), since 2026-01-01`);

  await writeFile(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({ pid: deadPid(), hostname: 'another-host', command: 'src/server/main.ts', since: '2026-01-01T00:00:00.000Z' }),
  );
  expect(() => lockDataDir(dataDir)).toThrow(/on another-host .*\n[\s\S]*another machine/);
  // Refusing never removes someone else's lock.
  expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
});

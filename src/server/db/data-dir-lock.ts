import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * The embedded database (PGlite) is one process: a second process on the same data directory (a
 * second server, `npm run demo` beside a running server, `seed:scale`, migrations) silently forks the
 * database and destroys it. Whoever opens the directory first holds `aftersales.lock` until it closes
 * the database or exits; everyone else is refused at once with who holds it and what to do.
 *
 * The lock is a file created exclusively (O_EXCL) holding the owner's pid, host, command and start
 * time. A lock whose pid no longer runs on this host (a crash, kill -9, power loss) is stale and is
 * taken over, so a crashed process never leaves the directory locked for good.
 */
export const LOCK_FILE = 'aftersales.lock';

export type LockOwner = { pid: number; hostname: string; command: string; since: string };

export class DataDirLockedError extends Error {
  readonly owner: LockOwner | null;
  constructor(dataDir: string, owner: LockOwner | null) {
    const lockPath = path.join(dataDir, LOCK_FILE);
    const who = owner
      ? `process ${owner.pid} on ${owner.hostname} (${owner.command}), since ${owner.since}`
      : 'another process (its lock file is being written)';
    super(
      [
        `The embedded database in ${path.resolve(dataDir)} is in use by ${who}.`,
        'PGlite serves one process at a time: a second one would corrupt it.',
        'Stop that process first (Ctrl+C or kill its pid; `npm run demo` and `npm run seed:scale` also need the server stopped),',
        'or set DATABASE_URL to a PostgreSQL server, which many processes may share.',
        owner && owner.hostname !== hostname()
          ? `The lock belongs to another machine; delete ${lockPath} only if no process there uses this directory.`
          : `If no such process is running, delete ${lockPath}.`,
      ].join('\n'),
    );
    this.name = 'DataDirLockedError';
    this.owner = owner;
  }
}

export type DataDirLock = { readonly path: string; readonly owner: LockOwner; release(): void };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
    return { pid: parsed.pid, hostname: parsed.hostname, command: String(parsed.command ?? '?'), since: String(parsed.since ?? '?') };
  } catch {
    return null;
  }
}

function describeCommand(): string {
  const [, script, ...args] = process.argv;
  const name = script ? path.relative(process.cwd(), script) || script : process.argv0;
  return [name, ...args].join(' ').slice(0, 200);
}

const held = new Set<string>();

/** Takes the data directory's lock, or throws DataDirLockedError naming the process that holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), command: describeCommand(), since: new Date().toISOString() };
  // Twice at most: the second attempt follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readOwner(lockPath);
      // Held by this very process (another open of the same directory): still a second opener.
      const stale = current !== null && current.hostname === owner.hostname && current.pid !== process.pid && !isAlive(current.pid);
      if (!stale || attempt > 0) {
        if (current === null && attempt === 0) {
          // Just created by someone and not yet written, or garbage: give the writer a moment.
          const retry = readOwnerAfter(lockPath, 50);
          throw new DataDirLockedError(dataDir, retry);
        }
        throw new DataDirLockedError(dataDir, current);
      }
      try {
        unlinkSync(lockPath);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(owner, null, 2)}\n`);
    } finally {
      closeSync(fd);
    }
    held.add(lockPath);
    installExitHooks();
    let released = false;
    return {
      path: lockPath,
      owner,
      release() {
        if (released) return;
        released = true;
        held.delete(lockPath);
        removeIfOurs(lockPath);
      },
    };
  }
  throw new DataDirLockedError(dataDir, readOwner(lockPath));
}

function readOwnerAfter(lockPath: string, ms: number): LockOwner | null {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return readOwner(lockPath);
}

function removeIfOurs(lockPath: string) {
  const current = readOwner(lockPath);
  if (current && (current.pid !== process.pid || current.hostname !== hostname())) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

let hooksInstalled = false;

/**
 * Released on any exit: `process.exit()`, the end of the event loop, and SIGINT/SIGTERM/SIGHUP when
 * nothing else handles them (the server's own handler closes the database, which releases it). A
 * SIGKILL leaves the file behind, and the next opener takes the stale lock over.
 */
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const lockPath of held) removeIfOurs(lockPath);
    held.clear();
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    const onSignal = () => {
      // Someone else (the server's graceful shutdown) handles it and closes the database.
      if (process.listenerCount(signal) > 1) return;
      process.off(signal, onSignal);
      process.exit(code);
    };
    process.on(signal, onSignal);
  }
}

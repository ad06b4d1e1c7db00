// The embedded database off the main thread: PGlite runs here, in a worker thread, and speaks the
// PostgreSQL wire protocol to the main thread over the worker's message port. The main thread uses
// node-postgres (a one-connection pool whose "socket" is this port, see pglite-thread.ts), so queries,
// row parsing and transactions go through the same driver code as on a PostgreSQL server, and the
// main thread's event loop never waits while PGlite plans or runs a query.
//
// Plain JavaScript on purpose: a worker thread does not inherit the test runner's TypeScript transform.
//
// Messages from the main thread:
//   {type:'open', id}          a new connection (node-postgres client); served one at a time, in order
//   {type:'data', id, bytes}   protocol bytes the client wrote
//   {type:'end', id}           the client closed its connection
//   {type:'dump', req}         dumpDataDir('none') → {type:'dumped', req, bytes}
//   {type:'close', req}        close PGlite → {type:'closed', req}
// To the main thread: {type:'ready'} | {type:'failed', message, stack} once; then {type:'data', id, bytes},
// {type:'dumped', req, bytes}, {type:'closed', req}, {type:'error', req?, message, stack}.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

const port = parentPort;
if (!port) throw new Error('pglite-worker.mjs runs as a worker thread');

/** @type {PGlite} */
let db;
/** The connection whose bytes PGlite is executing; the next ones wait until it ends. */
let active = null;
/** @type {{id: number, pending: Uint8Array[], started: boolean, ended: boolean}[]} */
const waiting = [];
/** One job at a time: PGlite is a single backend. */
let queue = Promise.resolve();

function enqueue(job) {
  queue = queue.then(job).catch((error) => {
    port.postMessage({ type: 'error', message: String(error?.message ?? error), stack: error?.stack });
  });
  return queue;
}

function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Runs protocol bytes through PGlite and sends what it answered, without PGlite parsing it. */
async function execute(id, bytes) {
  const out = [];
  await db.execProtocolRawStream(bytes, {
    // The chunk is a view into PGlite's memory: copy it before the next one overwrites it.
    onRawData: (chunk) => out.push(chunk.slice()),
  });
  if (out.length === 0) return;
  const answer = concat(out);
  port.postMessage({ type: 'data', id, bytes: answer }, [answer.buffer]);
}

/**
 * Takes the whole messages at the front of the connection's bytes (the startup packet has no type
 * byte, the rest do); an incomplete tail waits for more. A Terminate ('X') is never passed on: PGlite
 * is the one backend, and a terminate would end it. The session is reset when the connection ends.
 */
function takeComplete(conn) {
  const buffer = concat(conn.pending);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = 0;
  let end = 0;
  let startup = null;
  while (!conn.terminated) {
    const headerSize = conn.started ? 5 : 4;
    if (buffer.length - at < headerSize) break;
    const total = view.getInt32(at + headerSize - 4) + headerSize - 4;
    if (buffer.length - at < total) break;
    if (!conn.started) {
      // The startup packet goes alone: PGlite recognises it by its first byte.
      conn.started = true;
      startup = buffer.subarray(0, total);
      at = total;
      break;
    }
    if (buffer[at] === 88) {
      conn.terminated = true;
      break;
    }
    at += total;
    end = at;
  }
  conn.pending = !conn.terminated && at < buffer.length ? [buffer.slice(at)] : [];
  return startup ?? (end > 0 ? buffer.subarray(0, end) : null);
}

async function pump(conn) {
  for (;;) {
    if (conn.pending.length === 0) return;
    const bytes = takeComplete(conn);
    if (!bytes) return;
    await execute(conn.id, bytes);
  }
}

/** Whatever the last connection left behind (an open transaction, prepared statements, settings) goes. */
async function resetSession() {
  // A client that vanished mid-pipeline leaves the backend waiting for Sync.
  await db.execProtocolRaw(new Uint8Array([83, 0, 0, 0, 4]));
  await db.exec('rollback');
  await db.exec('discard all');
}

function startNext() {
  while (!active && waiting.length > 0) {
    const next = waiting.shift();
    if (next.ended) continue;
    active = next;
    enqueue(() => pump(next));
  }
}

const connections = new Map();

port.on('message', (message) => {
  switch (message.type) {
    case 'open': {
      const conn = { id: message.id, pending: [], started: false, ended: false, terminated: false };
      connections.set(message.id, conn);
      waiting.push(conn);
      startNext();
      break;
    }
    case 'data': {
      const conn = connections.get(message.id);
      if (!conn) break;
      conn.pending.push(message.bytes);
      if (active === conn) enqueue(() => pump(conn));
      break;
    }
    case 'end': {
      const conn = connections.get(message.id);
      if (!conn) break;
      conn.ended = true;
      connections.delete(message.id);
      if (active === conn) {
        enqueue(async () => {
          await resetSession();
          active = null;
          startNext();
        });
      }
      break;
    }
    case 'dump':
      enqueue(async () => {
        const blob = await db.dumpDataDir('none');
        const bytes = new Uint8Array(await blob.arrayBuffer());
        port.postMessage({ type: 'dumped', req: message.req, bytes }, [bytes.buffer]);
      });
      break;
    case 'close':
      enqueue(async () => {
        await db.close();
        port.postMessage({ type: 'closed', req: message.req });
        port.close();
      });
      break;
  }
});

try {
  const { dataDir, loadDataDir } = workerData ?? {};
  // btree_gist backs the no-overlap exclusion constraint on service contracts (migration 0002).
  db = await PGlite.create(dataDir, {
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    extensions: { btree_gist },
  });
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'failed', message: String(error?.message ?? error), stack: error?.stack });
}

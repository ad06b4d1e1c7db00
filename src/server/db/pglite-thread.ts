import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

/**
 * The embedded database in a worker thread (pglite-worker.mjs), reached through node-postgres.
 *
 * PGlite executes queries synchronously in WebAssembly: on the main thread every query stops the
 * event loop (at 100,000 requests, `GET /health` went from 3 ms to 97 ms median while 8 clients
 * searched). Here PGlite runs in its own thread and the main thread talks to it in the PostgreSQL
 * wire protocol over the worker's message port, through a pg.Pool of one connection (PGlite is one
 * backend; a transaction holds the connection, so everything else queues behind it in the pool). The
 * app therefore uses drizzle's node-postgres driver on both databases.
 */
export type PgliteThread = {
  pool: pg.Pool;
  /**
   * One more one-connection pool on the same database (tests reuse one PGlite per worker: each test file gets a
   * pool of its own). The thread serves one connection at a time: the pool before must have ended.
   */
  openPool(): pg.Pool;
  /** The data directory as a tar (the migrated test template). */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
};

type FromWorker =
  | { type: 'ready' }
  | { type: 'failed' | 'error'; message: string; stack?: string; req?: number }
  | { type: 'data'; id: number; bytes: Uint8Array }
  | { type: 'dumped'; req: number; bytes: Uint8Array }
  | { type: 'closed'; req: number };

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

/** A node-postgres "socket": what the client writes goes to the worker, what the worker answers is read. */
class WorkerSocket extends Duplex {
  private ended = false;
  constructor(
    private readonly worker: Worker,
    readonly id: number,
    private readonly sockets: Map<number, WorkerSocket>,
  ) {
    super();
  }
  connect() {
    this.sockets.set(this.id, this);
    this.worker.postMessage({ type: 'open', id: this.id });
    setImmediate(() => this.emit('connect'));
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }
  override _read() {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.send([chunk]);
    callback();
  }
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void) {
    this.send(chunks.map((c) => c.chunk));
    callback();
  }
  private send(chunks: Buffer[]) {
    if (this.ended) return;
    // A fresh buffer of exactly these bytes, moved (not copied) to the worker.
    const bytes = new Uint8Array(Buffer.concat(chunks));
    this.worker.postMessage({ type: 'data', id: this.id, bytes }, [bytes.buffer]);
  }
  override _final(callback: (error?: Error | null) => void) {
    this.finish();
    this.push(null);
    callback();
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    this.finish();
    callback(error);
  }
  private finish() {
    if (this.ended) return;
    this.ended = true;
    this.sockets.delete(this.id);
    this.worker.postMessage({ type: 'end', id: this.id });
  }
  receive(bytes: Uint8Array) {
    this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}

export async function startPgliteThread(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PgliteThread> {
  const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
  const worker = new Worker(WORKER_URL, {
    workerData: { dataDir: options.dataDir, loadDataDir },
    transferList: loadDataDir ? [loadDataDir] : [],
  });
  const sockets = new Map<number, WorkerSocket>();
  const pending = new Map<number, { resolve: (value: FromWorker) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopped: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          resolve();
          break;
        case 'failed':
          reject(Object.assign(new Error(message.message), { stack: message.stack }));
          break;
        case 'data':
          sockets.get(message.id)?.receive(message.bytes);
          break;
        case 'error': {
          const error = Object.assign(new Error(`embedded database: ${message.message}`), { stack: message.stack });
          const waiter = message.req === undefined ? undefined : pending.get(message.req);
          if (waiter) {
            pending.delete(message.req as number);
            waiter.reject(error);
          } else console.error(error);
          break;
        }
        case 'dumped':
        case 'closed': {
          const waiter = pending.get(message.req);
          pending.delete(message.req);
          waiter?.resolve(message);
          break;
        }
      }
    });
    worker.once('error', (error) => {
      stopped = error;
      reject(error);
    });
    worker.once('exit', (code) => {
      stopped ??= new Error(`the embedded database's thread exited (code ${code})`);
      reject(stopped);
      for (const socket of sockets.values()) socket.destroy(stopped);
      for (const waiter of pending.values()) waiter.reject(stopped);
      pending.clear();
    });
  });
  await ready;

  function request(message: { type: 'dump' | 'close' }): Promise<FromWorker> {
    if (stopped) return Promise.reject(stopped);
    const req = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(req, { resolve, reject });
      worker.postMessage({ ...message, req });
    });
  }

  const openPool = () =>
    new pg.Pool({
      // One backend: one connection. Kept open (prepared statements stay prepared) until close.
      max: 1,
      idleTimeoutMillis: 0,
      // Instants are exchanged as UTC, as on PostgreSQL.
      options: '-c TimeZone=UTC',
      user: 'postgres',
      database: 'postgres',
      stream: () => new WorkerSocket(worker, nextId++, sockets),
    } as pg.PoolConfig);
  const pool = openPool();

  let closing: Promise<void> | undefined;
  return {
    pool,
    openPool,
    async dumpDataDir() {
      const message = await request({ type: 'dump' });
      const bytes = (message as { bytes: Uint8Array<ArrayBuffer> }).bytes;
      return new Blob([bytes]);
    },
    close() {
      closing ??= (async () => {
        await pool.end();
        if (!stopped) await request({ type: 'close' });
        await worker.terminate();
      })();
      return closing;
    },
  };
}

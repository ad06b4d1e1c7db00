import pg from 'pg';
import { createLocalBus, type LiveBus, type LiveEvent } from '../lib/live-bus.ts';
import type { Database } from './client.ts';

/** NOTIFY is scoped to one database, so every app process on that database hears the same channel. */
export const LIVE_CHANNEL = 'aftersales_live';
/** How the listener shows up in pg_stat_activity. */
export const LIVE_LISTENER_NAME = 'aftersales-live';

// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; events carry ids only (~250 bytes).
const MAX_PAYLOAD_BYTES = 7999;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

export type NotifyBusOptions = {
  /** The database to listen on; the listener holds one connection of its own, outside the pool. */
  url: string;
  /** Sends the NOTIFYs: publishing borrows a pooled connection for one statement. */
  pool: pg.Pool;
  /** A failed publish, a lost listener connection or a failed reconnect: logged, never thrown. */
  onError: (error: unknown) => void;
};

/**
 * The live bus across processes. Every process LISTENs on one dedicated connection and hands each
 * payload to its local subscribers; publishing only sends the NOTIFY, so a process hears its own
 * events the same way as everyone else's and all processes see one stream, in commit order.
 * Resolves once the listener is listening: anything published after that is delivered.
 *
 * If the listener's connection drops it reconnects with backoff. Events sent while it is away are
 * lost, not replayed: the live stream only says "refetch". Once listening again it tells its local
 * subscribers `live.resync`, the live route ends its streams, and browsers reconnect and refetch
 * everything they show (as after any reconnect): a gap costs a few seconds of freshness, never
 * correctness.
 */
export async function createNotifyBus({ url, pool, onError }: NotifyBusOptions): Promise<LiveBus> {
  const local = createLocalBus();
  let listener: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryMs = FIRST_RETRY_MS;
  let isClosed = false;

  const receive = (message: pg.Notification) => {
    if (message.channel !== LIVE_CHANNEL || !message.payload) return;
    let event: LiveEvent;
    try {
      // Only this application's processes NOTIFY on this channel of its own database.
      event = JSON.parse(message.payload) as LiveEvent;
    } catch (error) {
      onError(error);
      return;
    }
    local.publish(event);
  };

  const listen = async ({ isReconnect }: { isReconnect: boolean }) => {
    const client = new pg.Client({ connectionString: url, application_name: LIVE_LISTENER_NAME });
    let isListening = false;
    const lose = (error: Error) => {
      // While connecting, a failure rejects connect() or LISTEN instead and is retried from there.
      if (!isListening || isClosed) return;
      isListening = false;
      listener = null;
      onError(error);
      client.end().catch(() => undefined);
      retryLater();
    };
    // Without an 'error' handler a dropped idle connection would crash the process.
    client.on('error', lose);
    client.on('end', () => lose(new Error('the live listener lost its database connection')));
    client.on('notification', receive);
    try {
      await client.connect();
      await client.query(`listen ${LIVE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (isClosed) {
      await client.end();
      return;
    }
    isListening = true;
    listener = client;
    retryMs = FIRST_RETRY_MS;
    if (isReconnect) local.publish({ type: 'live.resync' });
  };

  const retryLater = () => {
    if (isClosed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      listen({ isReconnect: true }).catch((error: unknown) => {
        onError(error);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        retryLater();
      });
    }, retryMs);
  };

  // The first connection must work: the database was reachable a moment ago, so failing here is a
  // configuration fault and the server should not start half-deaf.
  await listen({ isReconnect: false });

  // One statement at a time, each carrying everything queued meanwhile: NOTIFYs from one transaction
  // arrive in the order sent, so this process's events keep their order (two pooled connections could
  // commit out of order), and a burst costs one round trip rather than one per event.
  let queue: string[] = [];
  let sending: Promise<void> | null = null;
  const send = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await pool.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [LIVE_CHANNEL, batch]);
      } catch (error) {
        onError(error);
      }
    }
    sending = null;
  };

  return {
    publish: (event) => {
      const payload = JSON.stringify(event);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        // Dropped alone, so it cannot fail the batch it would have joined.
        onError(new Error(`live event of ${Buffer.byteLength(payload)} bytes is over the NOTIFY limit (${event.type})`));
        return;
      }
      queue.push(payload);
      sending ??= send();
    },
    subscribe: local.subscribe,
    close: async () => {
      await sending;
      isClosed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const client = listener;
      listener = null;
      await client?.end();
      await local.close();
    },
  };
}

/** The bus a server process uses: in-process on the embedded database, NOTIFY on PostgreSQL. */
export async function openLiveBus({ database, onError }: { database: Database; onError: (error: unknown) => void }): Promise<LiveBus> {
  if (database.kind === 'pglite' || !database.url || !database.pool) return createLocalBus();
  return createNotifyBus({ url: database.url, pool: database.pool, onError });
}

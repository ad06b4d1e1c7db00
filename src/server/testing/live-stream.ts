import http from 'node:http';
import type { LiveEvent } from '../lib/live-bus.ts';

export type TicketLiveEvent = Extract<LiveEvent, { type: 'ticket.created' | 'ticket.updated' }>;
export type IncidentLiveEvent = Extract<LiveEvent, { type: 'incident.updated' }>;
/** What a stream received; `data` is a ticket event unless `event` says otherwise (read an incident's with `incidentData`). */
export type ReceivedLiveEvent = { event: string; data: TicketLiveEvent };

export type LiveStream = {
  status: number;
  received: ReceivedLiveEvent[];
  /** Everything the server sent, as text. */
  body(): string;
  /**
   * Resolves with the first event (already received or still to come) that matches; rejects after
   * `timeoutMs` so a missing event fails its test with a message instead of the test's own timeout.
   */
  next(match: (e: ReceivedLiveEvent) => boolean, timeoutMs?: number): Promise<ReceivedLiveEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
};

export const forTicket = (ticketId: string, type: TicketLiveEvent['type']) => (e: ReceivedLiveEvent) =>
  e.data.ticketId === ticketId && e.data.type === type;

/** An `event: incident` message's data. */
export function incidentData(e: ReceivedLiveEvent): IncidentLiveEvent | null {
  return e.event === 'incident' ? (e.data as unknown as IncidentLiveEvent) : null;
}

export const forIncident = (incidentId: string) => (e: ReceivedLiveEvent) => incidentData(e)?.incidentId === incidentId;

/**
 * Opens GET /api/v1/live over a real connection (inject() cannot stream) and parses the server-sent
 * events as they arrive. Resolves once the server says it is connected (it subscribes before it says
 * so: events from then on reach this stream), or with the status and body of a refusal.
 */
export function openLiveStream({ port, cookie }: { port: number; cookie?: string }): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/live',
        agent: false,
        headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        res.setEncoding('utf8');
        const received: ReceivedLiveEvent[] = [];
        const waiters: { match: (e: ReceivedLiveEvent) => boolean; resolve: (e: ReceivedLiveEvent) => void }[] = [];
        let raw = '';
        let pending = '';
        let isConnected = false;
        let markEnded = () => {};
        const ended = new Promise<void>((done) => {
          markEnded = done;
        });
        const stream: LiveStream = {
          status: res.statusCode ?? 0,
          received,
          ended,
          body: () => raw,
          next(match, timeoutMs = 10_000) {
            const seen = received.find(match);
            if (seen) return Promise.resolve(seen);
            return new Promise<ReceivedLiveEvent>((done, fail) => {
              const waiter = {
                match,
                resolve: (e: ReceivedLiveEvent) => {
                  clearTimeout(timer);
                  done(e);
                },
              };
              const timer = setTimeout(() => {
                waiters.splice(waiters.indexOf(waiter), 1);
                fail(new Error(`no matching live event within ${timeoutMs} ms; received ${JSON.stringify(received)}`));
              }, timeoutMs);
              waiters.push(waiter);
            });
          },
          close() {
            req.destroy();
          },
        };
        res.on('end', markEnded);
        res.on('close', markEnded);
        if (stream.status !== 200) {
          res.on('data', (chunk: string) => {
            raw += chunk;
          });
          res.on('end', () => resolve(stream));
          return;
        }
        res.on('data', (chunk: string) => {
          raw += chunk;
          pending += chunk;
          let cut = pending.indexOf('\n\n');
          while (cut >= 0) {
            const block = pending.slice(0, cut);
            pending = pending.slice(cut + 2);
            cut = pending.indexOf('\n\n');
            if (block.includes(': connected') && !isConnected) {
              isConnected = true;
              resolve(stream);
            }
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length);
            const data = lines.find((l) => l.startsWith('data: '))?.slice('data: '.length);
            if (!event || data === undefined) continue;
            const item = { event, data: JSON.parse(data) as TicketLiveEvent };
            received.push(item);
            for (const w of waiters.filter((w) => w.match(item))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(item);
            }
          }
        });
      },
    );
    req.on('error', reject);
  });
}

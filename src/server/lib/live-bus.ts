import { EventEmitter } from 'node:events';

/** What the live stream tells browsers: enough to refetch, never the data itself. */
export type LiveEvent =
  | {
      type: 'ticket.created' | 'ticket.updated';
      ticketId: string;
      number: string;
      customerId: string;
      /** Who made the change (null: the system, e.g. an SLA escalation), so a browser can skip its own. */
      actorId: string | null;
      /** A change only staff can see (an internal note): customer users' streams do not get it. */
      isStaffOnly?: boolean;
    }
  | {
      /** A major incident changed (a step, a tick, a stage fired, a department on paper or back, 补录…): war rooms refetch it. */
      type: 'incident.updated';
      incidentId: string;
      ticketId: string;
      customerId: string;
      actorId: string | null;
      /** Only internal data changed (a note, a corrective action): the hospital's streams do not get it. */
      isStaffOnly?: boolean;
    }
  | { type: 'notification.created'; userId: string; notificationId: string }
  /**
   * This process may have missed events (its database listener was away for a moment): open streams
   * end, and browsers reconnect and refetch what is on screen, as after any reconnect.
   */
  | { type: 'live.resync' };

export type LiveBus = {
  /** Fire and forget: a request that changed data has already committed, so a lost event never fails it. */
  publish(event: LiveEvent): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Sends what is still queued and lets go of connections; call after the server stopped publishing. */
  close(): Promise<void>;
};

/**
 * One process's bus: enough for the embedded database, which only one process can open. Several
 * processes on PostgreSQL share events through NOTIFY instead (db/live-notify.ts), which hands
 * what it hears to one of these.
 */
export function createLocalBus(): LiveBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', event),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

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
    }
  | { type: 'notification.created'; userId: string; notificationId: string };

export type LiveBus = {
  publish(event: LiveEvent): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
};

/** One process's bus. Several processes would share events through PostgreSQL NOTIFY. */
export function createLocalBus(): LiveBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', event),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}

import { EventEmitter } from 'node:events';

/** What the live stream tells browsers: enough to refetch, never the data itself. */
export type LiveEvent = {
  type: 'ticket.created' | 'ticket.updated';
  ticketId: string;
  number: string;
  customerId: string;
};

export type LiveBus = {
  publish(event: LiveEvent): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
};

/** One process's bus. Several processes share events through PostgreSQL NOTIFY (see live-bus-pg.ts). */
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

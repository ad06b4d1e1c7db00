import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { actorOf } from '../../http/request-context.ts';
import { customerScope } from '../../policy.ts';

const HEARTBEAT_MS = 25_000;

/** Server-sent events: tells each browser which requests and major incidents changed, within what its user may see. */
export const liveRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const openStreams = new Set<() => void>();
  // Streams never end on their own: end them before the server waits for open requests to
  // finish (preClose), or close would wait for them forever. onClose runs only after that wait.
  app.addHook('preClose', async () => {
    for (const end of openStreams) end();
  });

  app.get('/live', { schema: { tags: ['live'], hide: true } }, async (req, reply) => {
    const actor = actorOf(req);
    const scope = customerScope(actor);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n: connected\n\n');
    const unsubscribe = deps.live.subscribe((event) => {
      if (event.type === 'live.resync') {
        // Events may have been lost: ending the stream makes the browser reconnect (after `retry`)
        // and refetch everything it shows, which no single event could tell it to.
        end();
        return;
      }
      if (event.type === 'notification.created') {
        // A notification is for one person only.
        if (event.userId === actor.id) res.write(`event: notification\ndata: ${JSON.stringify(event)}\n\n`);
        return;
      }
      // A hospital user's stream carries its own organisation's requests and incidents only.
      if (scope && (event.customerId !== scope || event.isStaffOnly)) return;
      if (event.type === 'incident.updated') {
        res.write(`event: incident\ndata: ${JSON.stringify(event)}\n\n`);
        return;
      }
      res.write(`event: ticket\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(end);
      res.end();
    };
    openStreams.add(end);
    req.raw.on('close', end);
  });
};

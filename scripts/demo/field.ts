// Field service for the demo (issue 11): work orders in every state on open requests, so the dispatch
// board and the engineer's /field page are not empty — one unassigned, one planned for tomorrow, one on
// site now (checked in an hour ago), and one visit signed off this morning with its report and a photo.
import { Readable } from 'node:stream';
import { and, inArray, sql } from 'drizzle-orm';
import { OPEN_STATUSES } from '../../src/domain/vocabulary.ts';
import { ticketEvents, tickets } from '../../src/server/db/schema.ts';
import type { Deps } from '../../src/server/deps.ts';
import { uploadPhoto } from '../../src/server/features/work-order-photos/work-order-photos.service.ts';
import { checkIn, checkOut, createWorkOrder, signOff } from '../../src/server/features/work-orders/work-orders.service.ts';
import type { Actor } from '../../src/server/policy.ts';

const HOUR = 3_600_000;
// A 1×1 PNG: the customer's signature on the glass, and the visit's photo.
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export async function createFieldDemo({
  deps,
  setClock,
  dispatcher,
  engineer,
}: {
  deps: Deps;
  /** The demo's movable clock: the visits happen at their own times. */
  setClock: (at: Date) => void;
  dispatcher: Actor;
  engineer: Actor;
}): Promise<number> {
  const now = deps.clock();
  const open = await deps.db
    .select({ id: tickets.id })
    .from(tickets)
    // Requests quiet for the last six hours, so the visits' events come after everything on their timelines.
    .where(
      and(
        inArray(tickets.status, [...OPEN_STATUSES]),
        sql`not exists (select 1 from ${ticketEvents} where ${ticketEvents.ticketId} = ${tickets.id} and ${ticketEvents.createdAt} > ${new Date(now.getTime() - 6 * HOUR)})`,
      ),
    )
    .orderBy(tickets.number)
    .limit(4);
  if (open.length < 4) return 0;
  const [unassigned, tomorrow, onSite, done] = open.map((t) => t.id);
  const plan = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();

  await createWorkOrder({
    deps,
    actor: dispatcher,
    ticketId: unassigned,
    input: { type: 'upgrade', plannedAt: plan(26), engineerIds: [] },
  });
  await createWorkOrder({
    deps,
    actor: dispatcher,
    ticketId: tomorrow,
    input: { type: 'implementation', plannedAt: plan(24), engineerIds: [engineer.id], transport: 'van' },
  });

  // Dispatched this morning; on site for an hour.
  setClock(new Date(now.getTime() - 5 * HOUR));
  const visiting = await createWorkOrder({
    deps,
    actor: dispatcher,
    ticketId: onSite,
    input: { type: 'routine', plannedAt: plan(-1), engineerIds: [engineer.id], transport: 'taxi' },
  });
  // Signed off: dispatched, on site from 09:00-ish for two hours, signed by the customer.
  const visited = await createWorkOrder({
    deps,
    actor: dispatcher,
    ticketId: done,
    input: { type: 'training', plannedAt: plan(-4), engineerIds: [engineer.id], transport: 'taxi' },
  });
  setClock(now);
  await checkIn({ deps, actor: engineer, id: visiting.id, input: { at: plan(-1) } });
  await checkIn({ deps, actor: engineer, id: visited.id, input: { at: plan(-4) } });
  await uploadPhoto({
    deps,
    actor: engineer,
    workOrderId: visited.id,
    fields: { clientId: crypto.randomUUID(), kind: 'photo' },
    fileName: '机房现场.png',
    stream: Readable.from([Buffer.from(PNG_B64, 'base64')]),
    isTruncated: () => false,
  });
  await checkOut({ deps, actor: engineer, id: visited.id, input: { at: plan(-2) } });
  await signOff({
    deps,
    actor: engineer,
    id: visited.id,
    input: {
      signerName: '信息科 张主任',
      signerTitle: '信息科主任',
      signature: `data:image/png;base64,${PNG_B64}`,
      rating: 5,
      remark: '培训细致，操作已掌握。',
      at: plan(-2),
    },
  });
  return 4;
}

import { localDateOf } from '../../../domain/contracts/local-date.ts';
import { boardDates, boardRange } from '../../../domain/field/dispatch.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, authorize } from '../../policy.ts';
import { selectBoardEngineers, selectOrdersPlannedIn, selectUnassignedOrders } from './dispatch.repo.ts';
import type { BoardInput } from './dispatch.schema.ts';

/**
 * The dispatch board: engineers × the days from `from` (the service zone's dates), the orders planned
 * on those days with their on-site due time, and the unassigned orders. Assigning and re-planning go
 * through the work-orders service (`POST /work-orders/:id/assign`, with the version seen here).
 */
export async function getDispatchBoard({ deps, actor, query }: { deps: Deps; actor: Actor; query: BoardInput }) {
  authorize(actor, 'work_order.dispatch');
  const timeZone = deps.config.timeZone;
  const from = query.from ?? localDateOf(deps.clock(), timeZone);
  const planned = await selectOrdersPlannedIn(deps.db, boardRange(from, query.days, timeZone));
  const unassigned = await selectUnassignedOrders(deps.db);
  const onOrders = [...new Set(planned.flatMap((o) => o.engineerIds))];
  const engineers = await selectBoardEngineers(deps.db, onOrders);
  const withDate = <T extends { plannedAt: Date }>(o: T) => ({ ...o, date: localDateOf(o.plannedAt, timeZone) });
  return {
    from,
    days: query.days,
    dates: boardDates(from, query.days),
    timeZone,
    engineers,
    orders: planned.map(withDate),
    unassigned: unassigned.map(withDate),
  };
}

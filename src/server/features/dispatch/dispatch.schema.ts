import { z } from 'zod';
import { isLocalDate } from '../../../domain/contracts/local-date.ts';
import { BOARD_MAX_DAYS } from '../../../domain/field/dispatch.ts';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '../../../domain/field/work-orders.ts';
import { TARGET_STATES } from '../../../domain/sla.ts';

export const BoardQuery = z
  .object({
    /** The first day shown (YYYY-MM-DD in the service zone); today when absent. */
    from: z.string().refine(isLocalDate, { message: 'a date YYYY-MM-DD' }).optional(),
    days: z.coerce.number().int().min(1).max(BOARD_MAX_DAYS).default(7),
  })
  .strict();
export type BoardInput = z.infer<typeof BoardQuery>;

const BoardOrder = z.object({
  id: z.uuid(),
  number: z.string(),
  ticketId: z.uuid(),
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  customerName: z.string(),
  type: z.enum(WORK_ORDER_TYPES),
  status: z.enum(WORK_ORDER_STATUSES),
  plannedAt: z.date(),
  /** The planned arrival's date in the service zone: the board's column. */
  date: z.string(),
  address: z.string().nullable(),
  engineerIds: z.array(z.uuid()),
  version: z.number().int(),
  /** The request's on-site clock: when arrival is due (null: no promise, e.g. per-visit paid service). */
  onSiteDueAt: z.date().nullable(),
  onSiteState: z.enum(TARGET_STATES).nullable(),
});
export type BoardOrderView = z.infer<typeof BoardOrder>;

export const BoardResponse = z.object({
  from: z.string(),
  days: z.number().int(),
  dates: z.array(z.string()),
  timeZone: z.string(),
  engineers: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })),
  /** Orders planned on the board's days (assigned or not), cancelled ones left out. */
  orders: z.array(BoardOrder),
  /** Planned orders with no engineer yet, whatever their day. */
  unassigned: z.array(BoardOrder),
});

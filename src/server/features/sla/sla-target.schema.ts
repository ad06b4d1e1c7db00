import { z } from 'zod';
import { SLA_METRICS, TARGET_STATES } from '../../../domain/sla.ts';

export const SlaTargetView = z.object({
  metric: z.enum(SLA_METRICS),
  state: z.enum(TARGET_STATES),
  targetMinutes: z.number(),
  dueAt: z.date().nullable(),
  /** Business time left on the target's calendar; negative once overdue. */
  businessMsLeft: z.number(),
  metAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
  calendarId: z.uuid(),
});
export type SlaTargetViewDto = z.infer<typeof SlaTargetView>;

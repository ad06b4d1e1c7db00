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
  /** Stopped unkept: no longer needed, or the request was cancelled (a breach stays `breached`). */
  stoppedAt: z.date().nullable(),
  /** The policy's early-warning share: the clock turns orange once this percentage of its target has run. */
  warnPercent: z.number().int(),
  calendarId: z.uuid(),
});
export type SlaTargetViewDto = z.infer<typeof SlaTargetView>;

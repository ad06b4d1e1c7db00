import { z } from 'zod';

export const JOB_STATES = ['scheduled', 'running', 'succeeded', 'failed'] as const;

export const ListJobsQuery = z.object({
  /** Only jobs in this state; by default recurring jobs, work still to do and failures. */
  state: z.enum(JOB_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListJobsQuery = z.infer<typeof ListJobsQuery>;

export const JobResponse = z.object({
  id: z.uuid(),
  /** The handler, e.g. `sla.tick`, `contracts.renewal-reminders`, `mail.send`. */
  name: z.string(),
  /** The idempotency key (recurring jobs: their name), if any. */
  key: z.string().nullable(),
  kind: z.enum(['once', 'recurring']),
  /** The recurring rule: `{kind: "interval", everyMs}`, `{kind: "daily", at, timeZone?, calendarId?}`, `{kind: "monthly", day, at, …}`. */
  schedule: z.record(z.string(), z.unknown()).nullable(),
  state: z.enum(JOB_STATES),
  nextRunAt: z.date().nullable(),
  lastRunAt: z.date().nullable(),
  lastError: z.string().nullable(),
  /** When a run last gave up after its last attempt. */
  failedAt: z.date().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** While running: when the claim expires if its process stops. */
  lockedUntil: z.date().nullable(),
  createdAt: z.date(),
});
export const JobListResponse = z.object({ items: z.array(JobResponse) });

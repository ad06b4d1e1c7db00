import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type JobState = 'scheduled' | 'running' | 'succeeded' | 'failed';
export type JobSchedule =
  | { kind: 'interval'; everyMs: number }
  | { kind: 'daily'; at: string; timeZone?: string; calendarId?: string }
  | { kind: 'monthly'; day: number; at: string; timeZone?: string; calendarId?: string };

/** One row of GET /api/v1/jobs (administrators only). */
export type Job = {
  id: string;
  name: string;
  key: string | null;
  kind: 'once' | 'recurring';
  schedule: JobSchedule | null;
  state: JobState;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastError: string | null;
  failedAt: string | null;
  attempts: number;
  maxAttempts: number;
  lockedUntil: string | null;
  createdAt: string;
};

export const jobKeys = {
  all: ['jobs'] as const,
  list: (state: JobState | undefined) => [...jobKeys.all, 'list', state ?? 'default'] as const,
};

export function useJobs(state?: JobState) {
  return useQuery({
    queryKey: jobKeys.list(state),
    queryFn: ({ signal }) => api.get<{ items: Job[] }>('/jobs', state ? { state } : {}, signal),
    refetchInterval: 30_000,
  });
}

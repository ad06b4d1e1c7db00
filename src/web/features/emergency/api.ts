import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DeclareIncidentBody,
  IncidentDetailResponse,
  IncidentListResponse,
  PlanListResponse,
  PlanResponse,
  PlanVersionsResponse,
  ReentryBody,
  ReportFieldsBody,
  SavePlanBody,
} from '../../../server/features/emergency/emergency.schema.ts';
import { api, apiRequest, isApiError } from '../../api/client.ts';
import { useLiveConnected, useLiveIncidents } from '../../api/live.ts';

/** A response as JSON carries instants as ISO strings. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type Incident = Json<z.infer<typeof IncidentDetailResponse>>;
export type IncidentSummary = Json<z.infer<typeof IncidentListResponse>>['items'][number];
export type Plan = Json<z.infer<typeof PlanResponse>>;
export type PlanSummary = Json<z.infer<typeof PlanListResponse>>['items'][number];
export type PlanVersion = Json<z.infer<typeof PlanVersionsResponse>>['items'][number];
export type DeclareInput = z.input<typeof DeclareIncidentBody>;
export type SavePlanInput = z.input<typeof SavePlanBody>;
export type ReentryInput = z.input<typeof ReentryBody>;
export type ReportFieldsInput = z.input<typeof ReportFieldsBody>;

export const emergencyKeys = {
  all: ['emergency'] as const,
  incidents: (filter: { status?: string; ticketId?: string }) => [...emergencyKeys.all, 'incidents', filter] as const,
  incident: (id: string) => [...emergencyKeys.all, 'incident', id] as const,
  plans: () => [...emergencyKeys.all, 'plans'] as const,
  plan: (customerId: string) => [...emergencyKeys.all, 'plan', customerId] as const,
  versions: (customerId: string) => [...emergencyKeys.all, 'versions', customerId] as const,
};

/**
 * Incidents are kept fresh by the live stream (every change on the server publishes `incident.updated`); only while
 * the stream is down do they fall back to a slow poll.
 */
const FALLBACK_POLL_MS = 60_000;

export function useIncidents(filter: { status?: 'open' | 'closed' | 'all'; ticketId?: string }, options: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const isLive = useLiveConnected();
  const queryKey = emergencyKeys.incidents(filter);
  useLiveIncidents((message) => {
    if (!filter.ticketId || filter.ticketId === message.ticketId) void queryClient.invalidateQueries({ queryKey });
  });
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<{ items: IncidentSummary[] }>('/incidents', filter, signal),
    refetchInterval: isLive ? false : FALLBACK_POLL_MS,
    enabled: options.enabled ?? true,
  });
}

export function useIncident(id: string | undefined) {
  const queryClient = useQueryClient();
  const isLive = useLiveConnected();
  useLiveIncidents((message) => {
    if (message.incidentId === id) void queryClient.invalidateQueries({ queryKey: emergencyKeys.incident(id) });
  });
  return useQuery({
    queryKey: emergencyKeys.incident(id ?? ''),
    queryFn: ({ signal }) => api.get<Incident>(`/incidents/${id}`, undefined, signal),
    enabled: Boolean(id),
    refetchInterval: isLive ? false : FALLBACK_POLL_MS,
  });
}

export function usePlans() {
  return useQuery({
    queryKey: emergencyKeys.plans(),
    queryFn: ({ signal }) => api.get<{ items: PlanSummary[] }>('/emergency-plans', undefined, signal),
  });
}

/** The customer's plan, or null when none was created yet. */
export function usePlan(customerId: string | undefined) {
  return useQuery({
    queryKey: emergencyKeys.plan(customerId ?? ''),
    enabled: Boolean(customerId),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<Plan>(`/customers/${customerId}/emergency-plan`, undefined, signal);
      } catch (error) {
        if (isApiError(error, 'not_found')) return null;
        throw error;
      }
    },
  });
}

export function usePlanVersions(customerId: string) {
  return useQuery({
    queryKey: emergencyKeys.versions(customerId),
    queryFn: ({ signal }) => api.get<{ items: PlanVersion[] }>(`/customers/${customerId}/emergency-plan/versions`, undefined, signal),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: emergencyKeys.all });
}

export function useCreatePlan(customerId: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => api.post<Plan>(`/customers/${customerId}/emergency-plan`), onSuccess: invalidate });
}

export function useSavePlan(customerId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: SavePlanInput) => apiPut<Plan>(`/customers/${customerId}/emergency-plan`, input),
    onSuccess: invalidate,
  });
}

function apiPut<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>(path, { method: 'PUT', body });
}

export function useDeclareIncident() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: DeclareInput) => api.post<Incident>('/incidents', input), onSuccess: invalidate });
}

/** Every change on an incident answers the incident as it now is. */
export function useIncidentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { path: string; body?: unknown; method?: 'POST' | 'PATCH' }) =>
      action.method === 'PATCH'
        ? api.patch<Incident>(`/incidents/${id}${action.path}`, action.body ?? {})
        : api.post<Incident>(`/incidents/${id}${action.path}`, action.body),
    onSuccess: (incident) => {
      queryClient.setQueryData(emergencyKeys.incident(id), incident);
      void queryClient.invalidateQueries({ queryKey: emergencyKeys.all });
    },
  });
}

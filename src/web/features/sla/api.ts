import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreatePolicyBody, UpdatePolicyBody } from '../../../server/features/sla/sla.schema.ts';
import { api } from '../../api/client.ts';
import type { AtRiskItem, SlaPolicy } from '../../api/types.ts';

export const slaKeys = {
  all: ['sla'] as const,
  policies: () => [...slaKeys.all, 'policies'] as const,
  atRiskAll: () => [...slaKeys.all, 'at-risk'] as const,
  atRisk: (limit: number) => [...slaKeys.atRiskAll(), limit] as const,
};

export function usePolicies() {
  return useQuery({
    queryKey: slaKeys.policies(),
    queryFn: ({ signal }) => api.get<{ items: SlaPolicy[] }>('/sla/policies', undefined, signal),
    select: (data) => data.items,
  });
}

export type CreatePolicyInput = z.input<typeof CreatePolicyBody>;
export type UpdatePolicyInput = z.input<typeof UpdatePolicyBody>;

export function useCreatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePolicyInput) => api.post<SlaPolicy>('/sla/policies', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaKeys.policies() }),
  });
}

export function useUpdatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdatePolicyInput & { id: string }) => api.patch<SlaPolicy>(`/sla/policies/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaKeys.policies() }),
  });
}

/** The breach-risk list: soonest-due first; live events invalidate it, and it refreshes every minute besides. */
export function useAtRisk(limit = 100) {
  return useQuery({
    queryKey: slaKeys.atRisk(limit),
    queryFn: ({ signal }) => api.get<{ items: AtRiskItem[] }>('/sla/at-risk', { limit }, signal),
    select: (data) => data.items,
    refetchInterval: 60_000,
  });
}

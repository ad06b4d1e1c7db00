import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PriceSettingsInput,
  PriceSettingsResponse,
  SparePartInput,
  SparePartResponse,
  UpdateSparePartInput,
} from '../../../server/features/parts/parts.schema.ts';
import { api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';

export type SparePart = Json<z.infer<typeof SparePartResponse>>;
export type PriceSettings = Json<z.infer<typeof PriceSettingsResponse>>;

export const partKeys = {
  all: ['parts'] as const,
  list: () => [...partKeys.all, 'list'] as const,
  settings: () => [...partKeys.all, 'settings'] as const,
};

export function useSpareParts() {
  return useQuery({
    queryKey: partKeys.list(),
    queryFn: ({ signal }) => api.get<{ items: SparePart[] }>('/spare-parts', undefined, signal),
    select: (data) => data.items,
  });
}

export function useSaveSparePart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: (SparePartInput | UpdateSparePartInput) & { id?: string }) =>
      id ? api.patch<SparePart>(`/spare-parts/${id}`, input) : api.post<SparePart>('/spare-parts', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partKeys.list() }),
  });
}

export function usePriceSettings() {
  return useQuery({
    queryKey: partKeys.settings(),
    queryFn: ({ signal }) => api.get<PriceSettings>('/price-settings', undefined, signal),
  });
}

export function useUpdatePriceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PriceSettingsInput) => api.patch<PriceSettings>('/price-settings', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partKeys.settings() }),
  });
}

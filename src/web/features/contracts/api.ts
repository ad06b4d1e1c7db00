import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EntitlementResponse,
  OverrideBody,
  OverrideResponse,
  RenewBody,
  ServiceContractBody,
  ServiceContractResponse,
  SystemContractBody,
  SystemContractResponse,
  TierBody,
  TierResponse,
  UpdateTierBody,
} from '../../../server/features/contracts/contracts.schema.ts';
import type { RetrainingResponse } from '../../../server/features/trainings/trainings.schema.ts';
import type {
  QuoteBody,
  QuoteResponse,
  SignQuoteBody,
  VisitBody,
  VisitListResponse,
} from '../../../server/features/visits/visits.schema.ts';
import { api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';
import { archiveKeys } from '../archive/api.ts';

export type Tier = Json<z.infer<typeof TierResponse>>;
export type SystemContract = Json<z.infer<typeof SystemContractResponse>>;
export type ServiceContract = Json<z.infer<typeof ServiceContractResponse>>;
export type Entitlement = Json<z.infer<typeof EntitlementResponse>>;
export type VisitList = Json<z.infer<typeof VisitListResponse>>;
export type Visit = VisitList['items'][number];
export type Quote = Json<z.infer<typeof QuoteResponse>>;
export type RetrainingStatus = Json<z.infer<typeof RetrainingResponse>>;

export type TierInput = z.input<typeof TierBody>;
export type UpdateTierInput = z.input<typeof UpdateTierBody>;
export type SystemContractInput = z.input<typeof SystemContractBody>;
export type ServiceContractInput = z.input<typeof ServiceContractBody>;
export type RenewInput = z.input<typeof RenewBody>;
export type VisitInput = z.input<typeof VisitBody>;
export type QuoteInput = z.input<typeof QuoteBody>;
export type SignQuoteInput = z.input<typeof SignQuoteBody>;
export type EntitlementOverride = Json<z.infer<typeof OverrideResponse>>;
export type OverrideInput = z.input<typeof OverrideBody>;

export type ServiceContractFilter = { customerId?: string; expiringWithinDays?: number };

export const contractKeys = {
  all: ['contracts'] as const,
  tiers: () => [...contractKeys.all, 'tiers'] as const,
  serviceLists: () => [...contractKeys.all, 'service'] as const,
  serviceList: (filter: ServiceContractFilter) => [...contractKeys.serviceLists(), filter] as const,
  customer: (customerId: string) => [...contractKeys.all, 'customer', customerId] as const,
  systemContracts: (customerId: string) => [...contractKeys.customer(customerId), 'system'] as const,
  entitlement: (customerId: string) => [...contractKeys.customer(customerId), 'entitlement'] as const,
  visits: (customerId: string) => [...contractKeys.customer(customerId), 'visits'] as const,
  quotes: (customerId: string) => [...contractKeys.customer(customerId), 'quotes'] as const,
  overrides: (customerId: string) => [...contractKeys.customer(customerId), 'overrides'] as const,
  retraining: (customerId: string) => [...contractKeys.customer(customerId), 'retraining'] as const,
};

/** After a contract, visit or quote changes: every contract view (lists, entitlement, visits left) and the customer's timeline. */
function useRefreshContracts() {
  const queryClient = useQueryClient();
  return (customerId?: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: contractKeys.all }),
      customerId
        ? queryClient.invalidateQueries({ queryKey: archiveKeys.customer(customerId) })
        : queryClient.invalidateQueries({ queryKey: archiveKeys.all }),
    ]);
}

export function useTiers() {
  return useQuery({
    queryKey: contractKeys.tiers(),
    queryFn: ({ signal }) => api.get<{ items: Tier[] }>('/service-tiers', undefined, signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useCreateTier() {
  const refresh = useRefreshContracts();
  return useMutation({ mutationFn: (input: TierInput) => api.post<Tier>('/service-tiers', input), onSuccess: () => refresh() });
}

export function useUpdateTier() {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateTierInput & { id: string }) => api.patch<Tier>(`/service-tiers/${id}`, input),
    onSuccess: () => refresh(),
  });
}

export function useSystemContracts(customerId: string) {
  return useQuery({
    queryKey: contractKeys.systemContracts(customerId),
    queryFn: ({ signal }) => api.get<{ items: SystemContract[] }>(`/customers/${customerId}/system-contracts`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useCreateSystemContract(customerId: string) {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: (input: SystemContractInput) => api.post<SystemContract>(`/customers/${customerId}/system-contracts`, input),
    onSuccess: () => refresh(customerId),
  });
}

export function useServiceContracts(filter: ServiceContractFilter) {
  return useQuery({
    queryKey: contractKeys.serviceList(filter),
    queryFn: ({ signal }) => api.get<{ items: ServiceContract[] }>('/service-contracts', filter, signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export function useCreateServiceContract() {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: (input: ServiceContractInput) => api.post<ServiceContract>('/service-contracts', input),
    onSuccess: (contract) => refresh(contract.customerId),
  });
}

export function useRenewServiceContract() {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: ({ id, ...input }: RenewInput & { id: string }) => api.post<ServiceContract>(`/service-contracts/${id}/renew`, input),
    onSuccess: (contract) => refresh(contract.customerId),
  });
}

/** What the customer is owed right now; asked again whenever the customer changes (and on every refocus). */
export function useEntitlement(customerId: string | undefined) {
  return useQuery({
    queryKey: contractKeys.entitlement(customerId ?? ''),
    queryFn: ({ signal }) => api.get<Entitlement>(`/customers/${customerId}/entitlement`, { at: new Date().toISOString() }, signal),
    enabled: Boolean(customerId),
  });
}

/** The retraining of senior administrators this contract year, in person-times (used / included). */
export function useRetrainingStatus(customerId: string) {
  return useQuery({
    queryKey: contractKeys.retraining(customerId),
    queryFn: ({ signal }) => api.get<RetrainingStatus>(`/customers/${customerId}/retraining`, undefined, signal),
  });
}

export function useOverrides(customerId: string) {
  return useQuery({
    queryKey: contractKeys.overrides(customerId),
    queryFn: ({ signal }) => api.get<{ items: EntitlementOverride[] }>(`/customers/${customerId}/entitlement-overrides`, undefined, signal),
    select: (data) => data.items,
  });
}

/** A manager serves despite "no further service", with a reason, until a date. */
export function useCreateOverride(customerId: string) {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: (input: OverrideInput) => api.post<EntitlementOverride>(`/customers/${customerId}/entitlement-overrides`, input),
    onSuccess: () => refresh(customerId),
  });
}

export function useVisits(customerId: string) {
  return useQuery({
    queryKey: contractKeys.visits(customerId),
    queryFn: ({ signal }) => api.get<VisitList>(`/customers/${customerId}/visits`, undefined, signal),
  });
}

export function useRegisterVisit(customerId: string) {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: (input: VisitInput) => api.post<Visit>(`/customers/${customerId}/visits`, input),
    onSuccess: () => refresh(customerId),
  });
}

export function useQuotes(customerId: string) {
  return useQuery({
    queryKey: contractKeys.quotes(customerId),
    queryFn: ({ signal }) => api.get<{ items: Quote[] }>(`/customers/${customerId}/quotes`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useCreateQuote(customerId: string) {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: (input: QuoteInput) => api.post<Quote>(`/customers/${customerId}/quotes`, input),
    onSuccess: () => refresh(customerId),
  });
}

export function useQuoteAction(customerId: string) {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'send' | 'cancel' }) => api.post<Quote>(`/quotes/${id}/${action}`),
    onSuccess: () => refresh(customerId),
  });
}

export function useSignQuote(customerId: string) {
  const refresh = useRefreshContracts();
  return useMutation({
    mutationFn: ({ id, ...input }: SignQuoteInput & { id: string }) => api.post<Quote>(`/quotes/${id}/sign`, input),
    onSuccess: () => refresh(customerId),
  });
}

/** The printable agreement, in the language the app is shown in. */
export function quotePrintUrl(id: string, lang: string): string {
  return `/api/v1/quotes/${id}/print?lang=${encodeURIComponent(lang)}`;
}

/** The same agreement as a PDF download (the server answers with Content-Disposition: attachment). */
export function quotePdfUrl(id: string, lang: string): string {
  return `/api/v1/quotes/${id}/pdf?lang=${encodeURIComponent(lang)}`;
}

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ContactBody, CreateCustomerBody, UpdateCustomerBody } from '../../../server/features/customers/customers.schema.ts';
import { api } from '../../api/client.ts';
import type { Contact, CustomerDetail, CustomerListRow, Page } from '../../api/types.ts';
import { contractKeys } from '../contracts/api.ts';

export type CustomerFilters = { q?: string; province?: string; limit?: number };

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (filters: CustomerFilters) => [...customerKeys.lists(), filters] as const,
  search: (q: string) => [...customerKeys.all, 'search', q] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
  contacts: (id: string) => [...customerKeys.detail(id), 'contacts'] as const,
};

export function useCustomerList(filters: CustomerFilters) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<CustomerListRow>>('/customers', { limit: 50, ...filters, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Search-as-you-type for pickers: a short first page only. */
export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: customerKeys.search(q),
    queryFn: ({ signal }) => api.get<Page<CustomerListRow>>('/customers', { q, limit: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<CustomerDetail>(`/customers/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export type CreateCustomerInput = z.input<typeof CreateCustomerBody>;
export type UpdateCustomerInput = z.input<typeof UpdateCustomerBody>;

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCustomerInput) => api.post<CustomerDetail>('/customers', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateCustomerInput) => api.patch<CustomerDetail>(`/customers/${id}`, input),
    // The entitlement names the responsible engineer and follows the profile: intake must not show the old one.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
        queryClient.invalidateQueries({ queryKey: contractKeys.customer(id) }),
      ]),
  });
}

export type ContactInput = z.input<typeof ContactBody>;

export function useAddContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactInput) => api.post<Contact>(`/customers/${customerId}/contacts`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerKeys.detail(customerId) }),
  });
}

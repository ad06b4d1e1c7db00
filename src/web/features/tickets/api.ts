import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { CommentBody, CreateTicketBody, TransitionBody, UpdateTicketBody } from '../../../server/features/tickets/tickets.schema.ts';
import { api, apiUpload } from '../../api/client.ts';
import type { Attachment, Page, Ticket, TicketCounts, TicketDetail, TicketEvent, TicketFilters } from '../../api/types.ts';
import { slaKeys } from '../sla/api.ts';

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (filters: TicketFilters) => [...ticketKeys.lists(), filters] as const,
  counts: () => [...ticketKeys.all, 'counts'] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: string) => [...ticketKeys.details(), id] as const,
};

// 25 rows fill two laptop screens; the next 25 come on "load more". Half the rows to render on first load (issue 9).
export const PAGE_SIZE = 25;

export function ticketListQuery(filters: TicketFilters) {
  return infiniteQueryOptions({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Ticket>>('/tickets', { limit: PAGE_SIZE, ...filters, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useTicketList(filters: TicketFilters) {
  return useInfiniteQuery(ticketListQuery(filters));
}

export const ticketCountsQuery = queryOptions({
  queryKey: ticketKeys.counts(),
  queryFn: ({ signal }) => api.get<TicketCounts>('/tickets/counts', undefined, signal),
});

export function useTicketCounts(enabled = true) {
  return useQuery({ ...ticketCountsQuery, enabled });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => api.get<TicketDetail>(`/tickets/${id}`, undefined, signal),
  });
}

export type CreateTicketInput = z.input<typeof CreateTicketBody>;

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTicketInput) => api.post<Ticket>('/tickets', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.counts() });
    },
  });
}

/** After any change to one request: its detail, every list it may appear in, and the view counts. */
function useRefreshTicket() {
  const queryClient = useQueryClient();
  return (id: string) => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.counts() });
    void queryClient.invalidateQueries({ queryKey: slaKeys.atRiskAll() });
  };
}

export type UpdateTicketInput = z.input<typeof UpdateTicketBody>;

export function useUpdateTicket(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: (input: UpdateTicketInput) => api.patch<Ticket>(`/tickets/${id}`, input),
    onSettled: () => refresh(id),
  });
}

export type TransitionInput = z.input<typeof TransitionBody>;

export function useTransitionTicket(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: (input: TransitionInput) => api.post<Ticket>(`/tickets/${id}/transitions`, input),
    onSettled: () => refresh(id),
  });
}

export type CommentInput = z.input<typeof CommentBody>;

export function useAddComment(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: (input: CommentInput) => api.post<TicketEvent>(`/tickets/${id}/comments`, input),
    onSuccess: () => refresh(id),
  });
}

/** The engineer's on-site check-in: meets the on-site arrival target. */
export function useRecordArrival(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: (input: { note?: string }) => api.post<TicketDetail>(`/tickets/${id}/arrival`, input),
    onSuccess: () => refresh(id),
  });
}

export function useUploadAttachment(id: string) {
  const refresh = useRefreshTicket();
  return useMutation({
    mutationFn: ({ file, internal }: { file: File; internal: boolean }) => {
      const form = new FormData();
      // Text fields first: a streaming multipart parser sees them before the file.
      if (internal) form.append('internal', 'true');
      form.append('file', file, file.name);
      return apiUpload<Attachment>(`/tickets/${id}/attachments`, form);
    },
    onSuccess: () => refresh(id),
  });
}

export function attachmentUrl(id: string): string {
  return `/api/v1/attachments/${id}`;
}

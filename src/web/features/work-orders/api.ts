import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PhotoResponse } from '../../../server/features/work-order-photos/work-order-photos.schema.ts';
import type {
  ChecklistTemplateBody,
  ChecklistTemplateResponse,
  CreateWorkOrderBody,
  SuggestionResponse,
  UpdateWorkOrderBody,
  WorkOrderResponse,
  WrittenConfirmationBody,
  WrittenConfirmationResponse,
} from '../../../server/features/work-orders/work-orders.schema.ts';
import { API_BASE, api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';
import { partKeys, type SparePart } from '../parts/api.ts';

export type WorkOrder = Json<z.infer<typeof WorkOrderResponse>>;
export type Suggestion = Json<z.infer<typeof SuggestionResponse>>;
export type CreateWorkOrderInput = z.input<typeof CreateWorkOrderBody>;
export type UpdateWorkOrderInput = z.input<typeof UpdateWorkOrderBody>;
export type WrittenConfirmationInput = z.input<typeof WrittenConfirmationBody>;
export type WrittenConfirmation = Json<z.infer<typeof WrittenConfirmationResponse>>;
export type ChecklistTemplate = Json<z.infer<typeof ChecklistTemplateResponse>>;
export type ChecklistTemplateInput = z.input<typeof ChecklistTemplateBody>;
export type WorkOrderPhoto = Json<z.infer<typeof PhotoResponse>>;

export const workOrderKeys = {
  all: ['work-orders'] as const,
  ofTicket: (ticketId: string) => [...workOrderKeys.all, 'ticket', ticketId] as const,
  suggestion: (ticketId: string) => [...workOrderKeys.all, 'suggestion', ticketId] as const,
  mine: (from: string) => [...workOrderKeys.all, 'mine', from] as const,
  checklistTemplate: () => [...workOrderKeys.all, 'checklist-template'] as const,
  photos: (workOrderId: string) => [...workOrderKeys.all, 'photos', workOrderId] as const,
};

export const photoUrl = (workOrderId: string, photoId: string) => `${API_BASE}/work-orders/${workOrderId}/photos/${photoId}`;

/** Photos and the scanned signed form of a work order (a hospital sees them once the visit is signed off). */
export function useWorkOrderPhotos(workOrderId: string, enabled = true) {
  return useQuery({
    queryKey: workOrderKeys.photos(workOrderId),
    queryFn: ({ signal }) => api.get<{ items: WorkOrderPhoto[] }>(`/work-orders/${workOrderId}/photos`, undefined, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useDeleteWorkOrderPhoto(workOrderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (photoId: string) => api.delete<void>(`/work-orders/${workOrderId}/photos/${photoId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderKeys.photos(workOrderId) }),
  });
}

/** The customer's written confirmation of the solution (002 四(二)): may start the on-site clock. */
export function useRecordWrittenConfirmation(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WrittenConfirmationInput) => api.post<WrittenConfirmation>(`/tickets/${ticketId}/written-confirmation`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

/** The default on-site checklist new orders copy (administrators edit it). */
export function useChecklistTemplate() {
  return useQuery({
    queryKey: workOrderKeys.checklistTemplate(),
    queryFn: ({ signal }) => api.get<ChecklistTemplate>('/field-settings/checklist', undefined, signal),
  });
}

export function useSaveChecklistTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChecklistTemplateInput) => api.put<ChecklistTemplate>('/field-settings/checklist', input),
    onSuccess: (data) => queryClient.setQueryData(workOrderKeys.checklistTemplate(), data),
  });
}

export const reportUrl = (id: string) => `${API_BASE}/work-orders/${id}/report.pdf`;
/** A map search for the address (AMap works without an API key). */
export const mapUrl = (address: string) => `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}`;

export function useTicketWorkOrders(ticketId: string) {
  return useQuery({
    queryKey: workOrderKeys.ofTicket(ticketId),
    queryFn: ({ signal }) => api.get<{ items: WorkOrder[] }>(`/tickets/${ticketId}/work-orders`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useWorkOrderSuggestion(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: workOrderKeys.suggestion(ticketId),
    queryFn: ({ signal }) => api.get<Suggestion>(`/tickets/${ticketId}/work-order-suggestion`, undefined, signal),
    enabled,
  });
}

export function useCreateWorkOrder(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateWorkOrderInput) => api.post<WorkOrder>(`/tickets/${ticketId}/work-orders`, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workOrderKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
      ]),
  });
}

/** A query's last answer kept on the phone (localStorage), so the field page opens in a basement with no signal. */
function offlineCopy<T>(storageKey: string) {
  return {
    read: (): T | undefined => {
      try {
        const raw = localStorage.getItem(storageKey);
        return raw ? (JSON.parse(raw) as T) : undefined;
      } catch {
        return undefined;
      }
    },
    keep: (data: T): T => {
      try {
        localStorage.setItem(storageKey, JSON.stringify(data));
      } catch {
        // A full storage only costs the offline copy.
      }
      return data;
    },
  };
}

const ordersCopy = offlineCopy<{ items: WorkOrder[] }>('aftersales.field.orders');
const priceListCopy = offlineCopy<{ items: SparePart[] }>('aftersales.field.price-list');

/** The signed-in engineer's orders planned from `from` on (today and upcoming). */
export function useMyWorkOrders(from: string) {
  return useQuery({
    queryKey: workOrderKeys.mine(from),
    queryFn: async ({ signal }) =>
      ordersCopy.keep(await api.get<{ items: WorkOrder[] }>('/work-orders', { engineerId: 'me', from }, signal)),
    initialData: ordersCopy.read,
    initialDataUpdatedAt: 0,
    select: (data) => data.items,
    networkMode: 'offlineFirst',
  });
}

/**
 * The spare-parts price list for pricing parts on an order (000). The phone keeps the last copy with its
 * work orders, so a part is priced from the list of the day with no signal (the server prices it again).
 */
export function useOrderPriceList(enabled = true) {
  return useQuery({
    queryKey: partKeys.list(),
    enabled,
    queryFn: async ({ signal }) => priceListCopy.keep(await api.get<{ items: SparePart[] }>('/spare-parts', undefined, signal)),
    initialData: priceListCopy.read,
    initialDataUpdatedAt: 0,
    select: (data) => data.items,
    networkMode: 'offlineFirst',
  });
}

/** A staff member (a manager acting for the engineers) edits an order's parts from the request page. */
export function useUpdateWorkOrder(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateWorkOrderInput & { id: string }) => api.patch<WorkOrder>(`/work-orders/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workOrderKeys.ofTicket(ticketId) }),
  });
}

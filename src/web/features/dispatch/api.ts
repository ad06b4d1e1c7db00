import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BoardResponse } from '../../../server/features/dispatch/dispatch.schema.ts';
import type { AssignBody } from '../../../server/features/work-orders/work-orders.schema.ts';
import { api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';
import type { WorkOrder } from '../work-orders/api.ts';

export type DispatchBoard = Json<z.infer<typeof BoardResponse>>;
export type BoardOrder = DispatchBoard['orders'][number];
export type AssignInput = z.input<typeof AssignBody>;

export const dispatchKeys = {
  all: ['dispatch-board'] as const,
  board: (from: string | undefined, days: number) => [...dispatchKeys.all, from ?? 'today', days] as const,
};

export function useDispatchBoard(from: string | undefined, days = 7) {
  return useQuery({
    queryKey: dispatchKeys.board(from, days),
    queryFn: ({ signal }) => api.get<DispatchBoard>('/dispatch-board', { ...(from ? { from } : {}), days }, signal),
    placeholderData: (previous) => previous,
  });
}

/** Assign / re-plan from the board; on any answer (409 included) the board is read again. */
export function useAssignWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: AssignInput & { id: string }) => api.post<WorkOrder>(`/work-orders/${id}/assign`, input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dispatchKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
      ]),
  });
}

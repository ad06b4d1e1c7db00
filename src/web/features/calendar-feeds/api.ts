import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreatedFeedResponse, FeedStateResponse } from '../../../server/features/calendar-feeds/calendar-feeds.schema.ts';
import { api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';

export type FeedState = Json<z.infer<typeof FeedStateResponse>>;
export type CreatedFeed = Json<z.infer<typeof CreatedFeedResponse>>;

export const calendarFeedKeys = { mine: ['calendar-feeds', 'me'] as const };

export function useMyCalendarFeed() {
  return useQuery({
    queryKey: calendarFeedKeys.mine,
    queryFn: ({ signal }) => api.get<FeedState>('/calendar-feeds/me', undefined, signal),
  });
}

/** Creates or rotates the feed: the URL is in this answer only. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CreatedFeed>('/calendar-feeds/me'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.mine }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/calendar-feeds/me'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedKeys.mine }),
  });
}

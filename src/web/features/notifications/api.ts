import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { NotificationList } from '../../api/types.ts';

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unreadOnly: boolean) => [...notificationKeys.all, 'list', unreadOnly] as const,
};

export const NOTIFICATION_PAGE = 30;

/** The bell's list (newest first) with the unread count; the live stream invalidates it. */
export function notificationsQuery(unreadOnly = false) {
  return queryOptions({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ signal }) =>
      api.get<NotificationList>('/notifications', { unread: unreadOnly ? 'true' : 'false', limit: NOTIFICATION_PAGE }, signal),
    // A fallback for a dropped live stream; notifications normally arrive through it.
    refetchInterval: 120_000,
  });
}

export function useNotifications(unreadOnly = false) {
  return useQuery(notificationsQuery(unreadOnly));
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ unreadCount: number }>(`/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ unreadCount: number }>('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

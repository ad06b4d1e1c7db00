import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateUserBody, ListUsersFilter, UpdateUserBody } from '../../../server/features/users/users.schema.ts';
import { api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';

export type UserFilters = Partial<ListUsersFilter>;

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: UserFilters) => [...userKeys.lists(), filters] as const,
};

export function useUsers(filters: UserFilters, enabled = true) {
  return useQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ signal }) => api.get<{ items: User[] }>('/users', filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every staff member, for assignee pickers; cached for a few minutes. */
export const staffUsersQuery = queryOptions({
  queryKey: userKeys.list({ isStaff: 'true' }),
  queryFn: ({ signal }) => api.get<{ items: User[] }>('/users', { isStaff: 'true' }, signal),
  staleTime: 5 * 60_000,
});

/** Every active staff member. */
export function useStaffUsers() {
  return useQuery({ ...staffUsersQuery, select: (data) => data.items.filter((user) => user.isActive) });
}

export type CreateUserInput = z.input<typeof CreateUserBody>;
export type UpdateUserInput = z.input<typeof UpdateUserBody>;

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<User>('/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) => api.patch<User>(`/users/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

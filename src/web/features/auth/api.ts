import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ChangePasswordBody, LoginInput, UpdateMeBody } from '../../../server/features/auth/auth.schema.ts';
import { api, isApiError, setCsrfToken } from '../../api/client.ts';
import type { ApiTokenSummary, CreatedApiToken, Me, User } from '../../api/types.ts';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  tokens: () => [...authKeys.all, 'tokens'] as const,
};

/** The session: `null` when signed out. 401 is an answer here, not an error. */
export const meQuery = queryOptions({
  queryKey: authKeys.me(),
  // Asked even when the browser says it is offline: on /field the service worker answers from its cache.
  networkMode: 'offlineFirst',
  queryFn: async ({ signal }): Promise<Me | null> => {
    try {
      const me = await api.get<Me>('/auth/me', undefined, signal);
      setCsrfToken(me.csrfToken);
      return me;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: (count, error) => !isApiError(error) && count < 2,
});

export function useMe() {
  return useQuery(meQuery);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<Me>('/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Anything cached belonged to whoever was signed in before.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}

export type UpdateMeInput = z.input<typeof UpdateMeBody>;

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMeInput) => api.patch<User>('/auth/me', input),
    onSuccess: (user) => {
      queryClient.setQueryData<Me | null>(authKeys.me(), (old) => (old ? { ...old, user: { ...old.user, ...user } } : old));
    },
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: authKeys.tokens(),
    queryFn: ({ signal }) => api.get<{ items: ApiTokenSummary[] }>('/auth/tokens', undefined, signal),
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedApiToken>('/auth/tokens', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.tokens() }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/auth/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.tokens() }),
  });
}

export type ChangePasswordInput = z.input<typeof ChangePasswordBody>;

/** Changes the signed-in user's password; this session stays, every other one ends and tokens are revoked. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<void>('/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.tokens() }),
  });
}

import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys } from '../features/auth/api.ts';
import { isApiError } from './client.ts';

/** A query cache with the app's defaults: the page's one (below), or one per server-rendered page. */
export function createQueryClient(): QueryClient {
  // A 401 anywhere means the session ended: drop it, and the route guard sends the user to sign in.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401) client.setQueryData(authKeys.me(), null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/**
 * The page's one query cache. A module, not React state, so the router's loaders (app.tsx) can start a
 * page's requests while the scripts are still being evaluated, before anything renders (issue 9: first load).
 */
export const queryClient = createQueryClient();

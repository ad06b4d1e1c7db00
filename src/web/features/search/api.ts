import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SearchResponse as SearchResponseSchema } from '../../../server/features/search/search.schema.ts';
import { api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';
import { ticketKeys } from '../tickets/api.ts';

export type SearchResponse = Json<z.infer<typeof SearchResponseSchema>>;
export type SearchHit = SearchResponse['items'][number];
export type HighlightSegments = SearchHit['highlights']['title'];

/** The most the server returns in one answer (no paging: refine the words, or open the queue's text filter). */
export const SEARCH_LIMIT = 50;

/**
 * Results are a list of requests, so they live under the ticket lists' key: every change that refreshes
 * the lists (mutations, live events) refreshes open search results too.
 */
export const searchKeys = {
  all: [...ticketKeys.lists(), 'search'] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};

function fetchSearch(q: string, signal?: AbortSignal) {
  return api.get<SearchResponse>('/search', { q, limit: SEARCH_LIMIT }, signal);
}

export function useSearch(q: string) {
  return useQuery({
    queryKey: searchKeys.query(q),
    queryFn: ({ signal }) => fetchSearch(q, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Looks a request number up (the server confines it to what the user may see); null when there is none. */
export function useFindRequestNumber() {
  const queryClient = useQueryClient();
  return async (number: string): Promise<SearchHit | null> => {
    const result = await queryClient.fetchQuery({
      queryKey: searchKeys.query(number),
      queryFn: ({ signal }) => fetchSearch(number, signal),
    });
    return result.items.find((item) => item.number === number) ?? null;
  };
}

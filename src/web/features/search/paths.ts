/** Who is searching: staff land on the tracking card, hospital users on the portal's view of a request. */
export type SearchAudience = 'staff' | 'portal';

export const SEARCH_PATHS: Record<SearchAudience, { results: string; request: (id: string) => string }> = {
  staff: { results: '/search', request: (id) => `/tickets/${id}` },
  portal: { results: '/portal/search', request: (id) => `/portal/requests/${id}` },
};

export function resultsHref(audience: SearchAudience, q: string): string {
  return `${SEARCH_PATHS[audience].results}?${new URLSearchParams({ q }).toString()}`;
}

import { highlight, parseQuery, requestNumberOf, type SearchQuery, snippet } from '../../../domain/search/segment.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, customerScope } from '../../policy.ts';
import { RANK_WINDOW, selectHitRows, selectRankedIds, selectTicketIdByNumber } from './search.repo.ts';
import type { SearchHitDto, SearchInput } from './search.schema.ts';

type HitRow = Awaited<ReturnType<typeof selectHitRows>>[number];

function toHit(row: HitRow, rank: number, query: SearchQuery | null): SearchHitDto {
  const terms = query ?? { hanTerms: [], wordTerms: [] };
  const sources: [SearchHitDto['highlights']['snippetSource'], string | null][] = [
    ['description', row.description],
    ['resolution', row.resolutionSummary],
    ...row.publicTexts.map((t): ['reply', string] => ['reply', t]),
  ];
  let found: { snippet: ReturnType<typeof snippet>; source: SearchHitDto['highlights']['snippetSource'] } = { snippet: null, source: null };
  for (const [source, text] of sources) {
    const s = text ? snippet(text, terms) : null;
    if (s) {
      found = { snippet: s, source };
      break;
    }
  }
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    severity: row.severity,
    customerId: row.customerId,
    customerName: row.customerName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rank,
    highlights: {
      title: highlight(row.title, terms),
      customerName: highlight(row.customerName, terms),
      snippet: found.snippet,
      snippetSource: found.source,
    },
  };
}

/** Ranked full-text search over the requests the actor may see (customer users: their organisation only). */
export async function searchTickets({ deps, actor, input }: { deps: Deps; actor: Actor; input: SearchInput }) {
  const scope = customerScope(actor);
  const number = requestNumberOf(input.q);
  if (number) {
    const id = await selectTicketIdByNumber(deps.db, number, scope);
    const rows = id ? await selectHitRows(deps.db, [id]) : [];
    return { items: rows.map((r) => toHit(r, 1, null)), ranked: rows.length, isCapped: false };
  }
  const query = parseQuery(input.q);
  if (!query) return { items: [], ranked: 0, isCapped: false };
  const ranked = await selectRankedIds(deps.db, { tsquery: query.tsquery, scope, limit: input.limit, window: RANK_WINDOW });
  const rows = new Map(
    (
      await selectHitRows(
        deps.db,
        ranked.ids.map((r) => r.id),
      )
    ).map((r) => [r.id, r]),
  );
  return {
    items: ranked.ids.flatMap(({ id, rank }) => {
      const row = rows.get(id);
      return row ? [toHit(row, rank, query)] : [];
    }),
    ranked: ranked.candidates,
    isCapped: ranked.candidates >= RANK_WINDOW,
  };
}

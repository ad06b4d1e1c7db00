import type { Deps } from '../../deps.ts';
import { type Actor, authorize } from '../../policy.ts';
import { selectAudit } from './audit.repo.ts';
import type { ListAuditFilter } from './audit.schema.ts';

export async function listAudit({ deps, actor, filter }: { deps: Deps; actor: Actor; filter: ListAuditFilter }) {
  authorize(actor, 'audit.read');
  const items = await selectAudit(deps.db, { ...filter, beforeId: filter.cursor, limit: filter.limit + 1 });
  const hasMore = items.length > filter.limit;
  const page = items.slice(0, filter.limit);
  return { items: page, nextCursor: hasMore ? String(page[page.length - 1].id) : null };
}
